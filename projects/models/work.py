"""The work on a project: milestones planned backwards from its deadline, the weekly log (每周调度) with photos
and documents, leaders' 批示 on a log entry, and the record of every change (全程留痕)."""

import uuid
from datetime import date
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from targets.models.uploaded import UploadedFile


class MilestoneQuerySet(models.QuerySet):
    def slipped(self, today: date):
        """Milestones that on ``today`` are past their planned date and were not done by then."""
        return self.filter(planned_on__lt=today).filter(Q(actual_on__isnull=True) | Q(actual_on__gt=today))


class Milestone(models.Model):
    """A time node (时间节点) of a project: planned backwards from the deadline, done when ``actual_on`` is set.

    On a given day a milestone is 已完成 (done by then), 滞后 (planned date passed, not done by then) or
    按期 (planned date still ahead). The day is a parameter so that a briefing can look back at a month's end.
    """

    class State(models.TextChoices):
        ON_TIME = "on_time", _("按期")
        SLIPPED = "slipped", _("滞后")
        DONE = "done", _("已完成")

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="milestones", verbose_name=_("项目")
    )
    name = models.CharField(_("节点"), max_length=120)
    planned_on = models.DateField(_("计划完成日期"))
    actual_on = models.DateField(_("实际完成日期"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["planned_on", "id"]
        verbose_name = _("时间节点")
        verbose_name_plural = _("时间节点")

    def __str__(self):
        return f"{self.project} · {self.name}"

    def clean(self):
        if self.actual_on and self.actual_on > timezone.localdate():
            raise ValidationError({"actual_on": _("实际完成日期不能晚于今天。")})
        deadline = self.project.deadline if self.project_id else None
        if deadline and self.planned_on and self.planned_on > deadline:
            raise ValidationError(
                {
                    "planned_on": _("时间节点的计划日期（%(planned)s）不能晚于项目完成时限（%(deadline)s）。")
                    % {"planned": self.planned_on.isoformat(), "deadline": deadline.isoformat()}
                }
            )

    def is_done(self, today: date) -> bool:
        return self.actual_on is not None and self.actual_on <= today

    def is_slipped(self, today: date) -> bool:
        """Past its planned date on ``today`` and not done by then: 滞后."""
        return self.planned_on < today and not self.is_done(today)

    def state(self, today: date) -> str:
        if self.is_done(today):
            return self.State.DONE
        if self.is_slipped(today):
            return self.State.SLIPPED
        return self.State.ON_TIME

    def days_late(self, today: date) -> int:
        """Days past the planned date: until done, or until ``today`` while not done."""
        end = self.actual_on if self.is_done(today) else today
        return max(0, (end - self.planned_on).days)


class LogEntry(models.Model):
    """One week's report on a project (每周调度): progress, problems, what needs co-ordination and by whom."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="log_entries", verbose_name=_("项目")
    )
    week_of = models.DateField(_("调度日期"))
    progress = models.TextField(_("进展情况"))
    problems = models.TextField(_("问题（难点堵点）"), blank=True)
    coordination = models.TextField(_("需协调事项"), blank=True)
    who_must_act = models.CharField(_("需协调单位/责任人"), max_length=120, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="project_log_entries",
        verbose_name=_("填报人"),
    )
    created_at = models.DateTimeField(_("填报时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-week_of", "-id"]
        verbose_name = _("每周调度")
        verbose_name_plural = _("每周调度")

    def __str__(self):
        return f"{self.project} {self.week_of}"


def attachment_path(instance, filename):
    # The stored name is ours, never the user's: the original name is kept in ``original_name`` for display.
    suffix = PurePosixPath(filename).suffix.lower()
    return f"projects/{instance.log_entry.project_id}/{uuid.uuid4().hex}{suffix}"


class Attachment(UploadedFile):
    """A photo or document of a log entry, stored under MEDIA_ROOT and served only through a login-checked view."""

    log_entry = models.ForeignKey(
        LogEntry, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("每周调度")
    )
    file = models.FileField(_("文件"), upload_to=attachment_path)

    class Meta:
        ordering = ["id"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def get_absolute_url(self):
        return reverse("projects:attachment", args=[self.pk])


class Comment(models.Model):
    """A leader's comment or instruction (批示) on a log entry."""

    log_entry = models.ForeignKey(
        LogEntry, on_delete=models.CASCADE, related_name="comments", verbose_name=_("每周调度")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, verbose_name=_("批示人")
    )
    text = models.TextField(_("批示内容"))
    created_at = models.DateTimeField(_("批示时间"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("领导批示")
        verbose_name_plural = _("领导批示")

    def __str__(self):
        return f"{self.author}: {self.text[:20]}"


class ChangeRecord(models.Model):
    """Who changed what on a project, and when. Written by the services in ``projects.services`` only."""

    class Action(models.TextChoices):
        CREATE = "create", _("新建项目")
        EDIT = "edit", _("修改项目")
        STAGE = "stage", _("更新阶段")
        MILESTONE = "milestone", _("时间节点")
        LOG = "log", _("每周调度")
        ATTACHMENT = "attachment", _("上传附件")
        COMMENT = "comment", _("领导批示")

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="changes", verbose_name=_("项目")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, verbose_name=_("操作人")
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    action = models.CharField(_("操作"), max_length=12, choices=Action.choices)
    summary = models.TextField(_("内容"))

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("项目修改记录")
        verbose_name_plural = _("项目修改记录")

    def __str__(self):
        return f"{self.project} {self.get_action_display()}: {self.summary[:40]}"
