"""Monthly figures and the monthly entry workflow.

A ``Figure`` is one indicator's value for one month, in the indicator's unit and with the indicator's meaning
(year-to-date total, value of the month, or level at month end). Every change to it is kept as a
``FigureChange``. An office's month moves draft → submitted → approved (or returned) as an ``OfficeMonth``,
each step logged as an ``OfficeMonthEvent``. A ``Period`` says when a month's entry is due and whether it is
open.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from targets.models.catalogue import AMOUNT_DIGITS, Indicator
from targets.models.org import Office

MONTH_VALIDATORS = [MinValueValidator(1), MaxValueValidator(12)]


class Period(models.Model):
    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("月份"), validators=MONTH_VALIDATORS)
    deadline = models.DateField(_("填报截止日"))
    is_open = models.BooleanField(_("开放填报"), default=True)

    class Meta:
        ordering = ["-year", "-month"]
        verbose_name = _("填报期")
        verbose_name_plural = _("填报期")
        constraints = [models.UniqueConstraint(fields=["year", "month"], name="period_unique_month")]

    def __str__(self):
        return f"{self.year}年{self.month}月"


class Figure(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="figures", verbose_name=_("指标")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("月份"), validators=MONTH_VALIDATORS)
    value = models.DecimalField(_("数值"), **AMOUNT_DIGITS)
    note = models.TextField(_("备注"), blank=True)
    reason = models.TextField(_("原因"), blank=True, help_text=_("欠序时进度时必填"))
    measures = models.TextField(_("下步措施"), blank=True, help_text=_("欠序时进度时必填"))
    is_sample = models.BooleanField(_("示例数据"), default=False, help_text=_("演示用生成数据，非真实填报"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("填报人")
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    class Meta:
        ordering = ["indicator", "year", "month"]
        verbose_name = _("月度数据")
        verbose_name_plural = _("月度数据")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "month"], name="figure_unique_month"),
        ]

    def __str__(self):
        return f"{self.indicator.name} {self.year}年{self.month}月 {self.value.normalize():f}"

    def record(self, value, note: str, user, source: str, comment: str = "") -> "FigureChange":
        """Store ``value`` and ``note`` (with whatever else the caller set) and keep the change: who, when,
        old → new. Every write of a figure goes through here, so none escapes the history."""
        old_value, old_note = (self.value, self.note) if self.pk else (None, "")
        self.value, self.note = value, note
        self.updated_by = user
        self.version += 1
        self.save()
        return FigureChange.objects.create(
            figure=self,
            changed_by=user,
            source=source,
            old_value=old_value,
            new_value=value,
            old_note=old_note,
            new_note=note,
            comment=comment,
        )


class FigureChange(models.Model):
    class Source(models.TextChoices):
        FORM = "form", _("表单填报")
        IMPORT = "import", _("Excel导入")
        API = "api", _("接口")
        RESTORE = "restore", _("恢复历史值")
        ADMIN = "admin", _("管理后台")
        SAMPLE = "sample", _("示例数据生成")

    figure = models.ForeignKey(
        Figure, on_delete=models.CASCADE, related_name="changes", verbose_name=_("数据")
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("修改人")
    )
    changed_at = models.DateTimeField(_("修改时间"), auto_now_add=True)
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices)
    old_value = models.DecimalField(_("原值"), **AMOUNT_DIGITS, null=True, blank=True)
    new_value = models.DecimalField(_("新值"), **AMOUNT_DIGITS, null=True, blank=True)
    old_note = models.TextField(_("原备注"), blank=True)
    new_note = models.TextField(_("新备注"), blank=True)
    comment = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("数据修改记录")
        verbose_name_plural = _("数据修改记录")

    def __str__(self):
        return f"{self.figure_id}: {self.old_value} → {self.new_value}"


class OfficeMonth(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("已提交")
        APPROVED = "approved", _("已审核")
        RETURNED = "returned", _("已退回")

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="months", verbose_name=_("科室/单位")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("月份"), validators=MONTH_VALIDATORS)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.DRAFT)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    class Meta:
        ordering = ["-year", "-month", "office"]
        verbose_name = _("科室月度填报")
        verbose_name_plural = _("科室月度填报")
        constraints = [
            models.UniqueConstraint(fields=["office", "year", "month"], name="office_month_unique"),
        ]

    def __str__(self):
        return f"{self.office} {self.year}年{self.month}月 {self.get_state_display()}"

    @property
    def is_locked(self) -> bool:
        return self.state in {self.State.SUBMITTED, self.State.APPROVED}


class OfficeMonthEvent(models.Model):
    class Action(models.TextChoices):
        SAVE = "save", _("保存")
        SUBMIT = "submit", _("提交")
        APPROVE = "approve", _("审核通过")
        RETURN = "return", _("退回")
        REOPEN = "reopen", _("重新开放")
        # The office's project register is up to date for the month with nothing new in it (``targets.registers``).
        NO_NEW_PROJECTS = "no_new", _("确认本月无新增项目")
        EVIDENCE_REMOVED = "unattach", _("删除佐证材料")

    office_month = models.ForeignKey(
        OfficeMonth, on_delete=models.CASCADE, related_name="events", verbose_name=_("科室月度填报")
    )
    action = models.CharField(_("操作"), max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, verbose_name=_("操作人")
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    comment = models.TextField(_("意见/理由"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("填报流程记录")
        verbose_name_plural = _("填报流程记录")

    def __str__(self):
        return f"{self.office_month} {self.get_action_display()}"
