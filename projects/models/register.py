"""The register of investment projects and public works, and the stages each has reached.

A project's status on a day (``Project.status(today)``, or ``Project.objects.with_status(today)`` for a list):
已完成 once it reached its last stage (投产/达产, or 验收 for a public work), else 滞后 while any milestone is
past its planned date and not done, else 按期推进.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, Exists, OuterRef, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from targets.models import Office


class ProjectStatus(models.TextChoices):
    ON_TIME = "on_time", _("按期推进")
    SLIPPED = "slipped", _("滞后")
    DONE = "done", _("已完成")


class ProjectQuerySet(models.QuerySet):
    def with_status(self, today: date):
        """Annotate ``status`` (a ``ProjectStatus`` value) and ``current_stage`` as of ``today``."""
        # The time nodes' model through the relation, not an import: work.py points here by a string.
        milestones = self.model._meta.get_field("milestones").related_model
        slipped = milestones.objects.filter(project=OuterRef("pk")).slipped(today)
        done = StageEvent.objects.filter(
            project=OuterRef("pk"), stage__in=Project.DONE_STAGES, reached_on__lte=today
        )
        latest = (
            StageEvent.objects.filter(project=OuterRef("pk"), reached_on__lte=today)
            .annotate(rank=stage_rank())
            .order_by("-reached_on", "-rank")
            .values("stage")[:1]
        )
        return self.annotate(
            status=Case(
                When(Exists(done), then=Value(ProjectStatus.DONE.value)),
                When(Exists(slipped), then=Value(ProjectStatus.SLIPPED.value)),
                default=Value(ProjectStatus.ON_TIME.value),
                output_field=models.CharField(),
            ),
            current_stage=Subquery(latest),
        )


def stage_rank():
    """A SQL expression giving a stage its place in its sequence, to break ties between same-day stages."""
    return Case(
        *[
            When(stage=stage, then=Value(index))
            for stages in (Project.INVESTMENT_STAGES, Project.PUBLIC_WORK_STAGES)
            for index, stage in enumerate(stages)
        ],
        default=Value(0),
        output_field=models.IntegerField(),
    )


class Project(models.Model):
    class Kind(models.TextChoices):
        INVESTMENT = "investment", _("投资项目")
        PUBLIC_WORK = "public_work", _("民生实事/公共工程")

    class Category(models.TextChoices):
        DOMESTIC = "domestic", _("内资")
        FOREIGN = "foreign", _("外资")
        SCI_TECH = "scitech", _("科创")
        INDUSTRIAL = "industrial", _("产业")
        AGRICULTURE = "agriculture", _("农业农村")
        LIVELIHOOD = "livelihood", _("民生实事")
        INFRASTRUCTURE = "infrastructure", _("道路桥梁")
        PUBLIC_SERVICE = "public_service", _("公共服务")

    class Unit(models.TextChoices):
        YI = "亿元", _("亿元")
        WAN = "万元", _("万元")
        WAN_USD = "万美元", _("万美元")

    class Stage(models.TextChoices):
        # 投资项目
        NEGOTIATING = "negotiating", _("在谈")
        SIGNED = "signed", _("签约")
        REGISTERED = "registered", _("注册")
        STARTED = "started", _("开工")
        COMPLETED = "completed", _("竣工")
        PRODUCING = "producing", _("投产")
        FULL_PRODUCTION = "full_production", _("达产")
        # 公共工程
        APPROVED = "approved", _("立项")
        WORK_STARTED = "work_started", _("开工")
        WORK_FINISHED = "work_finished", _("完工")
        ACCEPTED = "accepted", _("验收")

    INVESTMENT_STAGES = [
        Stage.NEGOTIATING,
        Stage.SIGNED,
        Stage.REGISTERED,
        Stage.STARTED,
        Stage.COMPLETED,
        Stage.PRODUCING,
        Stage.FULL_PRODUCTION,
    ]
    PUBLIC_WORK_STAGES = [Stage.APPROVED, Stage.WORK_STARTED, Stage.WORK_FINISHED, Stage.ACCEPTED]
    # Reaching one of these closes the project: 投产/达产 for an investment, 验收 for a public work.
    DONE_STAGES = [Stage.PRODUCING, Stage.FULL_PRODUCTION, Stage.ACCEPTED]

    name = models.CharField(_("名称"), max_length=120)
    kind = models.CharField(_("类别"), max_length=12, choices=Kind.choices)
    category = models.CharField(_("分类"), max_length=16, choices=Category.choices)
    office = models.ForeignKey(
        Office,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("责任单位"),
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("责任人"),
    )
    investment = models.DecimalField(
        _("投资额"),
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    investment_unit = models.CharField(_("投资额单位"), max_length=4, choices=Unit.choices, default=Unit.YI)
    year = models.PositiveSmallIntegerField(_("年度"))
    deadline = models.DateField(_("完成时限"), null=True, blank=True)
    description = models.TextField(_("项目内容"), blank=True)
    target = models.ForeignKey(
        "targets.Target",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="works",
        verbose_name=_("推进的目标"),
        help_text=_(
            "报告只承诺“推进”的工程（如白改黑、危桥改造）：该目标的状态由本项目的时间节点和阶段得出，无需另行填报"
        ),
    )
    quote = models.TextField(_("报告原文"), blank=True, help_text=_("报告中提到本项目的原句；非报告项目留空"))
    is_sample = models.BooleanField(_("示例数据"), default=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "kind", "name"]
        verbose_name = _("项目")
        verbose_name_plural = _("项目")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("projects:detail", args=[self.pk])

    def clean(self):
        if self.pk:
            foreign = self.stage_events.exclude(stage__in=self.stages).first()
            if foreign:
                raise ValidationError(
                    {
                        "kind": _("该项目已有“%(stage)s”阶段记录，不能改为%(kind)s。")
                        % {"stage": foreign.get_stage_display(), "kind": self.get_kind_display()}
                    }
                )
        if self.pk and self.deadline:
            late = self.milestones.filter(planned_on__gt=self.deadline).order_by("-planned_on").first()
            if late:
                raise ValidationError(
                    {
                        "deadline": _("完成时限不能早于时间节点“%(name)s”的计划日期（%(planned)s）。")
                        % {"name": late.name, "planned": late.planned_on.isoformat()}
                    }
                )

    @property
    def stages(self):
        return self.INVESTMENT_STAGES if self.kind == self.Kind.INVESTMENT else self.PUBLIC_WORK_STAGES

    def stage_dates(self) -> dict[str, date]:
        """Stage value → the date it was reached, for the stages recorded."""
        return {event.stage: event.reached_on for event in self.stage_events.all()}

    def current_stage_on(self, today: date) -> str | None:
        """The furthest stage of the project's sequence reached by ``today``, or ``None``."""
        reached = self.stage_dates()
        current = None
        for stage in self.stages:
            if stage in reached and reached[stage] <= today:
                current = stage
        return current

    def status(self, today: date) -> str:
        """The project's ``ProjectStatus`` on ``today`` (rules in the module docstring)."""
        if any(stage in self.DONE_STAGES and day <= today for stage, day in self.stage_dates().items()):
            return ProjectStatus.DONE
        if any(milestone.is_slipped(today) for milestone in self.milestones.all()):
            return ProjectStatus.SLIPPED
        return ProjectStatus.ON_TIME

    def investment_display(self) -> str:
        if self.investment is None:
            return ""
        return f"{self.investment.normalize():f}{self.investment_unit}"


class StageEvent(models.Model):
    """The date a project reached a stage."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="stage_events", verbose_name=_("项目")
    )
    stage = models.CharField(_("阶段"), max_length=16, choices=Project.Stage.choices)
    reached_on = models.DateField(_("日期"))

    class Meta:
        ordering = ["reached_on", "id"]
        verbose_name = _("项目阶段")
        verbose_name_plural = _("项目阶段")
        constraints = [models.UniqueConstraint(fields=["project", "stage"], name="stage_event_unique")]

    def __str__(self):
        return f"{self.project} {self.get_stage_display()} {self.reached_on}"

    def clean(self):
        """A stage belongs to the project's sequence, and its date keeps the sequence in order."""
        if not self.project_id or not self.reached_on:
            return
        stages = self.project.stages
        label = self.get_stage_display()
        if self.stage not in stages:
            raise ValidationError({"stage": _("“%(stage)s”不是该类项目的阶段。") % {"stage": label}})
        if self.reached_on > timezone.localdate():
            raise ValidationError({"reached_on": _("阶段日期不能晚于今天。")})
        index = stages.index(self.stage)
        others = self.project.stage_events.exclude(stage=self.stage)
        for other in others:
            if other.stage not in stages:
                continue
            other_index = stages.index(other.stage)
            values = {
                "stage": label,
                "date": self.reached_on.isoformat(),
                "other": other.get_stage_display(),
                "other_date": other.reached_on.isoformat(),
            }
            if other_index < index and self.reached_on < other.reached_on:
                raise ValidationError(
                    {
                        "reached_on": _(
                            "“%(stage)s”的日期（%(date)s）不能早于前一阶段“%(other)s”的日期（%(other_date)s）。"
                        )
                        % values
                    }
                )
            if other_index > index and self.reached_on > other.reached_on:
                raise ValidationError(
                    {
                        "reached_on": _(
                            "“%(stage)s”的日期（%(date)s）不能晚于后一阶段“%(other)s”的日期（%(other_date)s）。"
                        )
                        % values
                    }
                )
