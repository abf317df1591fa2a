"""Rules that count projects for a count target, so its actual comes from the register instead of being typed.

A project counts for a rule when it is real (not sample data), of the rule's category (any, if none is set), of
at least the rule's minimum investment, and reached the rule's stage (or, having skipped it, a later one) on a
day inside the window: from 1 January of the target's year to 31 December, or to the target's deadline.

Amounts are compared only between like currencies: 亿元 and 万元 convert exactly (1亿元 = 10000万元); a rule in
万美元 counts only projects recorded in 万美元, and a rule in 元 units never counts a project in 万美元. No
exchange rate is assumed, because the report states dollar targets (超3000万美元外资项目) in dollars.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models.register import Project
from targets.models import Target

# How many 万元 one unit is worth, for the units that convert exactly.
YUAN_IN_WAN = {Project.Unit.YI: Decimal(10000), Project.Unit.WAN: Decimal(1)}


def comparable_amount(amount: Decimal, unit: str, wanted_unit: str) -> Decimal | None:
    """``amount`` in ``unit`` expressed in ``wanted_unit``, or ``None`` when the two are different currencies."""
    if unit == wanted_unit:
        return amount
    if unit in YUAN_IN_WAN and wanted_unit in YUAN_IN_WAN:
        return amount * YUAN_IN_WAN[unit] / YUAN_IN_WAN[wanted_unit]
    return None


class CountRule(models.Model):
    class Window(models.TextChoices):
        YEAR = "year", _("目标年度内")
        DEADLINE = "deadline", _("截至目标截止日期")

    target = models.OneToOneField(
        Target, on_delete=models.CASCADE, related_name="count_rule", verbose_name=_("目标")
    )
    category = models.CharField(
        _("项目分类"),
        max_length=16,
        choices=Project.Category.choices,
        blank=True,
        help_text=_("留空表示不限"),
    )
    min_investment = models.DecimalField(
        _("最低投资额"),
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("留空表示不限"),
    )
    min_investment_unit = models.CharField(
        _("投资额单位"), max_length=4, choices=Project.Unit.choices, default=Project.Unit.YI
    )
    stage = models.CharField(_("须达到的阶段"), max_length=16, choices=Project.Stage.choices)
    window = models.CharField(_("计数期间"), max_length=10, choices=Window.choices, default=Window.YEAR)

    class Meta:
        verbose_name = _("项目计数规则")
        verbose_name_plural = _("项目计数规则")

    def __str__(self):
        return str(self.target)

    def clean(self):
        if self.target_id and self.target.kind not in {Target.Kind.COUNT, Target.Kind.DEADLINE}:
            raise ValidationError({"target": _("只有“个数”或“限期完成”类目标可以由项目台账计数。")})
        if self.window == self.Window.DEADLINE and self.target_id and not self.target.deadline:
            raise ValidationError({"window": _("该目标没有截止日期，请选择“目标年度内”。")})

    def period(self) -> tuple[date, date]:
        """The first and last day a stage may be reached on to count."""
        start = date(self.target.year, 1, 1)
        end = date(self.target.year, 12, 31)
        if self.window == self.Window.DEADLINE and self.target.deadline:
            end = self.target.deadline
        return start, end

    def stage_sequence(self) -> list[str]:
        """The rule's stage and those after it in its sequence (a project that skipped a stage still counts)."""
        for stages in (Project.INVESTMENT_STAGES, Project.PUBLIC_WORK_STAGES):
            if self.stage in stages:
                return list(stages[stages.index(self.stage) :])
        return [self.stage]

    def invests_enough(self, project: Project) -> bool:
        if self.min_investment is None:
            return True
        if project.investment is None:
            return False
        amount = comparable_amount(project.investment, project.investment_unit, self.min_investment_unit)
        return amount is not None and amount >= self.min_investment
