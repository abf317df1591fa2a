"""The register of investment projects and public works, and the stages each has reached."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from targets.models import Office


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
    quote = models.TextField(_("报告原文"), blank=True, help_text=_("报告中提到本项目的原句；非报告项目留空"))
    is_sample = models.BooleanField(_("示例数据"), default=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-year", "kind", "name"]
        verbose_name = _("项目")
        verbose_name_plural = _("项目")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("projects:detail", args=[self.pk])

    @property
    def stages(self):
        return self.INVESTMENT_STAGES if self.kind == self.Kind.INVESTMENT else self.PUBLIC_WORK_STAGES


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
