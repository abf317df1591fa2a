"""The trace of every change an admin makes in the admin (全程留痕): who, when, which record, field, old → new,
and the reason where one is required. Written by ``targets.admin.audit.AuditedAdmin``; never edited.

A target's promise keeps its own revision history as well (``TargetRevision``, shown on the target's page);
this log covers every model the admin edits: indicators, targets, results, offices, users, roles (groups),
entry periods and the projects' count rules.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AdminChange(models.Model):
    class Action(models.TextChoices):
        ADD = "add", _("新增")
        CHANGE = "change", _("修改")
        DELETE = "delete", _("删除")
        ARCHIVE = "archive", _("归档")
        RESTORE = "restore", _("取消归档")

    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, verbose_name=_("操作人")
    )
    changed_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("类别"))
    object_id = models.CharField(_("对象编号"), max_length=40)
    object_repr = models.CharField(_("对象"), max_length=200)
    action = models.CharField(_("操作"), max_length=10, choices=Action.choices)
    field = models.CharField(_("字段"), max_length=80, blank=True)
    old_value = models.TextField(_("原值"), blank=True)
    new_value = models.TextField(_("新值"), blank=True)
    reason = models.TextField(_("修改理由"), blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("管理操作记录")
        verbose_name_plural = _("管理操作记录")
        indexes = [models.Index(fields=["content_type", "object_id"], name="adminchange_object")]

    def __str__(self):
        return f"{self.object_repr} {self.field}: {self.old_value} → {self.new_value}"
