"""The report as data: its sections, the indicators it measures, each year's targets and each past year's results.

An indicator is one row across the years (its code, unit and owners stay); a target and a result belong to one
year. Every target and result the report states keeps ``quote``, the exact phrase it comes from; tests hold each
quote to the report file. Two kinds of row carry no quote, and say so: a target carried over from last year by
``start_year`` until the new report states it (``carried_from``), and a result read from last year's monthly
figures because the report gives none (``Result.Basis.FIGURES``). Amounts are exact decimals kept in the unit
the report uses (``unit``).
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from targets.models.org import Office

AMOUNT_DIGITS = {"max_digits": 18, "decimal_places": 4}


class CurrentManager(models.Manager):
    """What every page shows: the records not archived. ``all_objects`` (the default manager, which the admin,
    related lookups and uniqueness checks use) has the archived ones too."""

    def get_queryset(self):
        return super().get_queryset().filter(archived=False)


def archived_field():
    return models.BooleanField(
        _("已归档"),
        default=False,
        help_text=_(
            "归档后从看板、填报、通报和接口中隐藏，数据和修改记录全部保留；有数据的记录不能删除，只能归档。"
        ),
    )


def _admin_changed(obj) -> bool:
    from django.contrib.contenttypes.models import ContentType

    from targets.models.audit import AdminChange

    return AdminChange.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=str(obj.pk),
        action=AdminChange.Action.CHANGE,
    ).exists()


class Section(models.Model):
    """A part of a year's report: in the plan (工作安排) 主要预期目标 (number 0) and (一)…(五); in the review
    (工作回顾) of the year before, (一)…(六). Numbers repeat between the two parts of one year's report."""

    class Part(models.TextChoices):
        REVIEW = "review", _("工作回顾")
        PLAN = "plan", _("工作安排")

    year = models.PositiveSmallIntegerField(_("年度"))
    part = models.CharField(_("部分"), max_length=10, choices=Part.choices)
    number = models.PositiveSmallIntegerField(
        _("序号"), help_text=_("0 为主要预期目标，1 起为（一）（二）……")
    )
    title = models.CharField(_("标题"), max_length=120)

    class Meta:
        ordering = ["year", "part", "number"]
        verbose_name = _("报告章节")
        verbose_name_plural = _("报告章节")
        constraints = [
            models.UniqueConstraint(fields=["year", "part", "number"], name="section_unique_year_part_number")
        ]

    def __str__(self):
        return f"{self.year} {self.title}"


class Indicator(models.Model):
    """What is measured, in which unit, by whom, and what one monthly figure means."""

    class Measure(models.TextChoices):
        YEAR_TO_DATE = "ytd", _("1—N月累计")
        MONTH = "month", _("当月值")
        LEVEL = "level", _("月末水平")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("越高越好")
        LOWER = "lower", _("越低越好")

    code = models.SlugField(
        _("代码"), max_length=60, unique=True, help_text=_("导入导出和接口使用的稳定标识")
    )
    name = models.CharField(_("名称"), max_length=120)
    unit = models.CharField(_("单位"), max_length=20)
    measure = models.CharField(
        _("月度数值含义"), max_length=10, choices=Measure.choices, default=Measure.YEAR_TO_DATE
    )
    direction = models.CharField(
        _("方向"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    office = models.ForeignKey(
        Office,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("牵头单位"),
    )
    partner_offices = models.ManyToManyField(
        Office, blank=True, related_name="supported_indicators", verbose_name=_("配合单位")
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_indicators",
        verbose_name=_("分管领导"),
    )
    description = models.TextField(_("说明"), blank=True)
    denominator = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="numerators",
        verbose_name=_("分母指标"),
        help_text=_(
            "占比由两个个数得出时填写：本指标填报达到要求的个数，分母指标填报总数，"
            "进度按 本指标÷分母指标×100% 计算（如破百万的村数÷村总数）"
        ),
    )
    # Plausibility checks of the monthly figures (targets.entry.checks), tuned per indicator.
    scale_factor = models.DecimalField(
        _("数量级核对倍数"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(10),
        validators=[MinValueValidator(Decimal(1))],
        help_text=_("填报值超过年度目标或上年全年数值的这么多倍时，须确认并在备注中说明"),
    )
    jump_z = models.DecimalField(
        _("环比跳变阈值（标准差倍数）"),
        max_digits=4,
        decimal_places=1,
        default=Decimal(3),
        validators=[MinValueValidator(Decimal("0.5"))],
        help_text=_("本月增量偏离历史月度增量均值超过这么多个标准差时，须确认并在备注中说明"),
    )
    jump_history = models.PositiveSmallIntegerField(
        _("跳变检查所需历史月数"),
        default=6,
        validators=[MinValueValidator(3)],
        help_text=_("已填报的月度增量少于这个数时不做跳变检查"),
    )
    allows_over_100 = models.BooleanField(
        _("允许超过100%"), default=False, help_text=_("单位为 % 的占比类指标默认不能超过 100%；增速类不受限")
    )
    archived = archived_field()

    objects = CurrentManager()  # noqa: DJ012 - a manager; ruff takes it for a field
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        ordering = ["code"]
        verbose_name = _("指标")
        verbose_name_plural = _("指标")
        default_manager_name = "all_objects"

    def __str__(self):
        return f"{self.name}（{self.unit}）"

    def has_history(self) -> bool:
        """Figures entered for it, or a revised target or an admin's change: then it is archived, not deleted."""
        return (
            self.figures.exists()
            or TargetRevision.objects.filter(target__indicator=self).exists()
            or _admin_changed(self)
        )


# 年末评定 first: the usual case (awards and assessments announced at the year end), then any month.
ASSESSMENT_CHOICES = [(12, _("年末评定"))] + [
    (month, format_lazy(_("{month}月评定"), month=month)) for month in range(1, 12)
]


class Target(models.Model):
    """A promise of the report for one year, with the progress maths its ``kind`` implies."""

    class Kind(models.TextChoices):
        AMOUNT = "amount", _("累计量")
        GROWTH = "growth", _("增速")
        SHARE = "share", _("占比/比率")
        COUNT = "count", _("个数")
        DEADLINE = "deadline", _("限期完成")
        RECURRING = "recurring", _("定期完成")
        MILESTONE = "milestone", _("里程碑/定性")

    class Firmness(models.TextChoices):
        """How firm the promise is: only 确保 (binding) and 力争 (a stretch). 以上/超/约 qualify the value
        (``qualifier``); 计划 is a plain statement of intent."""

        ENSURE = "确保", _("确保")
        STRIVE = "力争", _("力争")
        NONE = "", _("无")

    class Period(models.TextChoices):
        NONE = "", _("无")
        MONTH = "month", _("每月")
        QUARTER = "quarter", _("每季度")
        HALF = "half", _("每半年")

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="targets", verbose_name=_("指标")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="targets", verbose_name=_("章节")
    )
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices)
    firmness = models.CharField(_("表述"), max_length=4, choices=Firmness.choices, blank=True, default="")
    qualifier = models.CharField(
        _("限定词"),
        max_length=10,
        blank=True,
        help_text=_(
            "报告中数值的限定词，如“超”“约”（写在数值前）、“多”“余”（数值与单位之间）、“以上”（单位后）"
        ),
    )
    value = models.DecimalField(
        _("目标值"), **AMOUNT_DIGITS, null=True, blank=True, validators=[MinValueValidator(Decimal(0))]
    )
    unit = models.CharField(_("目标单位"), max_length=20, blank=True)
    original_value = models.DecimalField(
        _("报告原值"), **AMOUNT_DIGITS, null=True, blank=True, editable=False
    )
    deadline = models.DateField(_("截止日期"), null=True, blank=True)
    period = models.CharField(_("周期"), max_length=10, choices=Period.choices, blank=True, default="")
    phasing = models.JSONField(
        _("月度计划"),
        null=True,
        blank=True,
        help_text=_("12 个月各占全年目标的百分比，合计 100；为空时按序时（N/12）计算"),
    )
    assessed_in = models.PositiveSmallIntegerField(
        _("评定时间"),
        null=True,
        blank=True,
        choices=ASSESSMENT_CHOICES,
        help_text=_(
            "按批次评定、认定或授予的目标（如示范村、高企认定）：评定月份之前状态为“待评定”，"
            "到评定月份再判已完成或未完成；留空则按序时进度评价"
        ),
    )
    quote = models.TextField(_("报告原文"), blank=True)
    headline = models.BooleanField(_("主要预期目标"), default=False)
    order = models.PositiveIntegerField(_("排序"), default=0)
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        verbose_name=_("沿用自"),
        help_text=_("开始新年度时沿用的上年目标；新年度报告给出本指标目标后清空"),
    )
    archived = archived_field()

    objects = CurrentManager()  # noqa: DJ012 - a manager; ruff takes it for a field
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        ordering = ["year", "section__number", "order", "id"]
        verbose_name = _("目标")
        verbose_name_plural = _("目标")
        default_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="target_unique_indicator_year")
        ]
        permissions = [("view_all_targets", _("查看全部目标"))]

    def __str__(self):
        return f"{self.year} {self.indicator.name}"

    def save(self, *args, **kwargs):
        if self._state.adding and self.original_value is None:
            self.original_value = self.value
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("targets:detail", args=[self.pk])

    def clean(self):
        if self.deadline and self.deadline.year != self.year:
            raise ValidationError(
                {"deadline": _("截止日期必须在目标年度（%(year)s年）之内。") % {"year": self.year}}
            )
        if self.deadline and self.assessed_in:
            raise ValidationError({"assessed_in": _("有截止日期的目标按截止日期评价，不能再设评定月份。")})
        if self.kind != self.Kind.MILESTONE and self.value is None:
            raise ValidationError({"value": _("除里程碑/定性目标外，目标值不能为空。")})
        if self.phasing is not None:
            validate_phasing(self.phasing)

    def has_history(self) -> bool:
        """Revised, or figures entered for its year: then it is archived, not deleted."""
        return (
            self.revisions.exists()
            or self.indicator.figures.filter(year=self.year).exists()
            or _admin_changed(self)
        )

    @property
    def is_revised(self) -> bool:
        return self.original_value != self.value

    @property
    def is_carried(self) -> bool:
        """Carried over from last year by ``start_year``: a placeholder until the year's report states it."""
        return self.carried_from_id is not None

    def baseline(self):
        """The result for the same indicator in the year before (the report's, or last year's figures), or ``None``."""
        return Result.objects.filter(indicator_id=self.indicator_id, year=self.year - 1).first()


def validate_phasing(phasing) -> None:
    """A monthly plan is 12 non-negative percentages adding up to 100."""
    message = _("月度计划须为 12 个非负百分比，合计 100。")
    if not isinstance(phasing, list) or len(phasing) != 12:
        raise ValidationError({"phasing": message})
    try:
        shares = [Decimal(str(share)) for share in phasing]
    except ArithmeticError as error:
        raise ValidationError({"phasing": message}) from error
    if any(share < 0 for share in shares) or sum(shares) != 100:
        raise ValidationError({"phasing": message})


class TargetRevision(models.Model):
    """One change to a target: who, when, which field, old → new, and why. The first value is kept on the target."""

    target = models.ForeignKey(
        Target, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("目标")
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, verbose_name=_("修改人")
    )
    changed_at = models.DateTimeField(_("修改时间"), auto_now_add=True)
    field = models.CharField(_("字段"), max_length=40)
    old_value = models.TextField(_("原值"), blank=True)
    new_value = models.TextField(_("新值"), blank=True)
    reason = models.TextField(_("修改理由"))

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("目标修订记录")
        verbose_name_plural = _("目标修订记录")

    def __str__(self):
        return f"{self.target} {self.field}: {self.old_value} → {self.new_value}"


class Result(models.Model):
    """A quantitative result of a past year: one the report gives (2022年一般公共预算收入1.22亿元, with its quote),
    or, where the report gives none, the year's own monthly figures as ``start_year`` found them (December's
    year-to-date total, or the last approved month's, ``through_month`` saying which)."""

    class Basis(models.TextChoices):
        REPORT = "report", _("报告")
        FIGURES = "figures", _("月度数据")

    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="results",
        verbose_name=_("章节"),
        help_text=_("报告给出的实绩所在章节；由月度数据得出的实绩为空"),
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="results",
        verbose_name=_("指标"),
        help_text=_("报告为同一指标给出次年目标时填写，作为基数"),
    )
    name = models.CharField(_("名称"), max_length=120)
    value = models.DecimalField(_("数值"), **AMOUNT_DIGITS)
    unit = models.CharField(_("单位"), max_length=20)
    qualifier = models.CharField(_("限定词"), max_length=10, blank=True, help_text=_("如“超”“余”“多”“以上”"))
    quote = models.TextField(_("报告原文"), blank=True)
    order = models.PositiveIntegerField(_("排序"), default=0)
    basis = models.CharField(_("来源"), max_length=10, choices=Basis.choices, default=Basis.REPORT)
    through_month = models.PositiveSmallIntegerField(
        _("数据截至月份"),
        null=True,
        blank=True,
        help_text=_("由月度数据得出时：所用月份（12 为全年，否则为最近审核月）"),
    )
    archived = archived_field()

    objects = CurrentManager()  # noqa: DJ012 - a manager; ruff takes it for a field
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        ordering = ["year", "section__number", "order", "id"]
        verbose_name = _("年度实绩")
        verbose_name_plural = _("年度实绩")
        default_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=models.Q(indicator__isnull=False),
                name="result_unique_indicator_year",
            )
        ]

    def __str__(self):
        from targets.progress.display import written  # display reads these models: import when needed

        return f"{self.year} {self.name} {written(self.value, self.unit, self.qualifier)}"

    @property
    def from_figures(self) -> bool:
        return self.basis == self.Basis.FIGURES

    @property
    def label(self) -> str:
        """What the figure is, naming its year: 2022年实绩, 2023年1—12月累计, 2023年1—10月累计（最近审核月）."""
        if not self.from_figures or not self.through_month:
            return gettext("%(year)s年实绩") % {"year": self.year}
        measure = self.indicator.measure if self.indicator is not None else Indicator.Measure.YEAR_TO_DATE
        return figures_label(self.year, measure, self.through_month, latest_approved=self.through_month < 12)

    def is_baseline(self) -> bool:
        """Whether a target of the next year measures against it (a growth target's base, the 上年基数)."""
        return (
            self.indicator_id is not None
            and Target.all_objects.filter(indicator_id=self.indicator_id, year=self.year + 1).exists()
        )

    def has_history(self) -> bool:
        """Figures of its indicator in its year, or an admin's change: then it is archived, not deleted."""
        figures = self.indicator_id is not None and self.indicator.figures.filter(year=self.year).exists()
        return figures or _admin_changed(self)


def figures_label(year: int, measure: str, through: int, latest_approved: bool = False) -> str:
    """How a figure of ``year`` up to month ``through`` is named: 2023年1—12月累计, 2023年10月末, with
    （最近审核月） when it is the last approved month standing in for the year."""
    if measure == Indicator.Measure.LEVEL:
        text = gettext("%(year)s年%(month)s月末") % {"year": year, "month": through}
    else:
        text = gettext("%(year)s年1—%(month)s月累计") % {"year": year, "month": through}
    if latest_approved:
        text += gettext("（最近审核月）")
    return text
