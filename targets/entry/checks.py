"""Checks on a typed month: hard errors, warnings that need a confirmation, and what submitting needs.

Hard errors (nothing is saved while one is left):

- the text is not a figure (``targets.parsing.parse_figure`` says why);
- a negative value: no indicator of the report can fall below zero (amounts, counts, areas, shares);
- a year-to-date total below last month's for a cumulative (1—N月累计) indicator, unless the row is confirmed
  *and* its note says why (a correction of last month is real, a typo is more likely);
- clearing a value already stored (a figure is corrected, never silently dropped; an admin can delete one).

Warnings (saved only once the row is confirmed): a value far outside what last month or the same month last
year suggest, in the spirit of DHIS2's min-max outlier check. The references are last month's figure (for a
year-to-date total, projected to this month: last × N ÷ (N−1)) and the same month of last year; the value is
far outside when it is below a third of the smallest reference or above three times the largest.

Plausibility, as DHIS2 does it (thresholds per indicator, editable in the admin, defaults in brackets):

- a share (an indicator in %, unless its target is a growth rate) above 100% is a hard error unless the
  indicator allows it (``Indicator.allows_over_100``);
- a value more than ``Indicator.scale_factor`` (10) times the year's target or last year's total, or a
  month-on-month change more than ``Indicator.jump_z`` (3) standard deviations from the mean of the monthly
  changes entered so far (once there are ``Indicator.jump_history`` (6) of them), is a warning whose 确认 also
  needs a note saying why;
- the parser refuses a number with spaces inside and a fraction in a count unit (``targets.parsing``).

Submitting needs a value for every indicator that has a target for the year, and a 原因 and 下步措施 for every
value that leaves its target behind 序时 (``targets.progress``). Saving a draft does not: staff may save what
they have and write the explanation later, but the month cannot go to the leader without it.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from targets import progress
from targets.entry.loaded import Loaded
from targets.entry.rows import Row
from targets.models import Indicator, Target
from targets.parsing import FigureError, parse_figure, split_unit
from targets.templatetags.targets_format import amount
from targets.text import text_problem

FAR_FACTOR = Decimal(3)


@dataclass
class Entry:
    """What a person (or a file, or a system) gives for one indicator of the month."""

    indicator_id: int
    text: str = ""
    # None: not given (an API call or a sheet without the column), so the stored text is kept.
    note: str | None = ""
    reason: str | None = ""
    measures: str | None = ""
    confirm: bool = False
    # What the person loaded for this row (``targets.entry.loaded``); None: not known.
    loaded: Loaded | None = None


@dataclass
class Checked:
    """The outcome of the checks for one row."""

    row: Row
    entry: Entry
    value: Decimal | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    behind: bool = False
    progress: progress.Progress | None = None
    decrease: bool = False  # a year-to-date total below last month's, which a confirmed note may allow
    note_needed: bool = False  # a plausibility warning: confirming it needs a note saying why

    @property
    def confirmable(self) -> bool:
        """Whether ticking 确认 can make this row acceptable (a warning or a year-to-date decrease)."""
        return bool(self.warnings) or self.decrease

    @property
    def blank(self) -> bool:
        return not self.entry.text.strip()

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.warnings) and not self.entry.confirm

    @property
    def outcome(self) -> str:
        """``error``, ``warning`` (unconfirmed), ``ok`` or ``blank``: the result shown in an import preview."""
        if self.errors:
            return "error"
        if self.needs_confirmation:
            return "warning"
        if self.blank:
            return "blank"
        return "ok"

    @property
    def changes_figure(self) -> bool:
        figure = self.row.figure
        if self.value is None:
            return False
        if figure is None:
            return True
        return (
            figure.value != self.value
            or figure.note != self.entry.note
            or figure.reason != self.entry.reason
            or figure.measures != self.entry.measures
        )


TEXT_LIMIT = 2000
VALUE_LIMIT = 100


TEXTS = ("note", "reason", "measures")


def keep_stored_texts(row: Row, entry: Entry) -> Entry:
    """Fill the texts a caller did not give with the stored ones, so leaving a field out never clears it."""
    for name in TEXTS:
        if getattr(entry, name) is None:
            setattr(entry, name, getattr(row.figure, name) if row.figure else "")
    return entry


def check_entry(row: Row, entry: Entry) -> Checked:
    entry = keep_stored_texts(row, entry)
    checked = Checked(row=row, entry=entry)
    for label, text in (
        (_("本月数值"), entry.text),
        (_("备注"), entry.note),
        (_("原因"), entry.reason),
        (_("下步措施"), entry.measures),
    ):
        problem = text_problem(text)
        if problem:
            checked.errors.append(_("%(label)s：%(problem)s") % {"label": label, "problem": problem})
        elif text is not entry.text and len(text) > TEXT_LIMIT:
            checked.errors.append(
                _("%(label)s不能超过 %(limit)s 字。") % {"label": label, "limit": TEXT_LIMIT}
            )
    if checked.errors:
        return checked  # nothing of this row can be stored, nor parsed safely
    if checked.blank:
        if row.figure is not None:
            checked.errors.append(
                _("本月已有数值 %(value)s，不能清空；如需更正请填写正确数值。")
                % {"value": amount(row.figure.value)}
            )
        return checked
    if len(entry.text) > VALUE_LIMIT:
        checked.errors.append(
            _("填写的内容过长（超过 %(limit)s 个字符），不是一个数值。") % {"limit": VALUE_LIMIT}
        )
        return checked
    try:
        value = parse_figure(entry.text, row.indicator.unit)
    except FigureError as error:
        checked.errors.append(error.messages[0])
        return checked
    checked.value = value
    if value < 0:
        checked.errors.append(_("数值不能为负数。"))
        return checked
    # A value already stored passed these checks (or was confirmed) when it was saved: don't ask again.
    if row.figure is None or row.figure.value != value:
        _check_share(checked)
        _check_cumulative(checked)
        _check_outlier(checked)
        _check_scale(checked)
        _check_jump(checked)
        if checked.note_needed and entry.confirm and not entry.note.strip() and not checked.errors:
            checked.errors.append(
                _("已勾选确认，请在备注中说明这个数值为何与以往差别这么大（如口径调整、一次性入账）。")
            )
    _evaluate(checked)
    return checked


def _check_cumulative(checked: Checked) -> None:
    row, value = checked.row, checked.value
    last = row.last_month
    if row.indicator.measure != Indicator.Measure.YEAR_TO_DATE or last is None or value >= last:
        return
    checked.decrease = True
    if checked.entry.confirm and checked.entry.note.strip():
        return
    checked.errors.append(
        _("1—%(month)s月累计 %(value)s 小于上月累计 %(last)s。如确为调减，请勾选“确认”并在备注中说明原因。")
        % {"month": row.month, "value": amount(value), "last": amount(last)}
    )


def outlier_range(row: Row) -> tuple[Decimal, Decimal] | None:
    """The (min, max) a value of this month is expected within, or ``None`` without a reference."""
    references = []
    last = row.last_month
    if last:
        if row.indicator.measure == Indicator.Measure.YEAR_TO_DATE and row.month > 1:
            references.append(last * row.month / (row.month - 1))
        else:
            references.append(last)
    if row.same_month_last_year:
        references.append(row.same_month_last_year)
    references = [reference for reference in references if reference > 0]
    if not references:
        return None
    return min(references) / FAR_FACTOR, max(references) * FAR_FACTOR


def _check_outlier(checked: Checked) -> None:
    bounds = outlier_range(checked.row)
    if bounds is None or checked.errors:
        return
    low, high = bounds
    if low <= checked.value <= high:
        return
    checked.warnings.append(
        _(
            "%(value)s 远超出上月或去年同月推算的范围（%(low)s～%(high)s），请核对单位和数值；无误请勾选“确认”。"
        )
        % {
            "value": amount(checked.value),
            "low": amount(low.quantize(Decimal("0.01"))),
            "high": amount(high.quantize(Decimal("0.01"))),
        }
    )


def _in_unit(value: Decimal, unit: str, wanted: str) -> Decimal | None:
    """``value`` in ``unit`` expressed in ``wanted`` (亿元 → 万元), or ``None`` when the bases differ."""
    scale, base = split_unit(unit)
    wanted_scale, wanted_base = split_unit(wanted)
    if base != wanted_base:
        return None
    return value * scale / wanted_scale


def _check_share(checked: Checked) -> None:
    """A share (an indicator in %, not a growth rate) above 100% is an error unless the indicator allows it."""
    row, value = checked.row, checked.value
    indicator = row.indicator
    if split_unit(indicator.unit)[1] != "%" or value <= 100 or indicator.allows_over_100:
        return
    if row.target is not None and row.target.kind == Target.Kind.GROWTH:
        return
    checked.errors.append(
        _(
            "%(value)s%% 超过 100%%，占比不能超过 100%%；请核对。如该指标确实可以超过 100%%，请管理员在指标设置中允许。"
        )
        % {"value": amount(value)}
    )


def prior_total(row: Row) -> Decimal | None:
    """Last year's total of the indicator, in its unit: the report's result, else last year's own figures."""
    if row.baseline is not None:
        return _in_unit(row.baseline.value, row.baseline.unit, row.indicator.unit)
    figures = row.last_year_figures
    if not figures:
        return None
    if row.indicator.measure == Indicator.Measure.MONTH:
        return sum(figures.values(), Decimal(0))
    if row.indicator.measure == Indicator.Measure.YEAR_TO_DATE:
        return figures[max(figures)]
    return None


SCALED_KINDS = {Target.Kind.AMOUNT, Target.Kind.COUNT, Target.Kind.DEADLINE}


def _check_scale(checked: Checked) -> None:
    """A value more than ``Indicator.scale_factor`` (10) times the year's target or last year's total: most
    likely a unit slip (1.05亿 typed into 家). A warning whose confirmation needs a note."""
    row, value = checked.row, checked.value
    factor = row.indicator.scale_factor
    references = []
    target = row.target
    if target is not None and target.value and target.kind in SCALED_KINDS:
        goal = _in_unit(target.value, target.unit or row.indicator.unit, row.indicator.unit)
        if goal:
            references.append((goal, _("年度目标")))
    total = prior_total(row)
    if total:
        references.append((total, _("上年全年")))
    references = [(reference, label) for reference, label in references if reference > 0]
    if not references or checked.errors:
        return
    reference, label = max(references, key=lambda item: item[0])
    if value <= reference * factor:
        return
    checked.note_needed = True
    checked.warnings.append(
        _(
            "%(value)s%(unit)s 超过%(label)s（%(reference)s%(unit)s）的 %(factor)s 倍，请核对单位和数值；"
            "无误请勾选“确认”并在备注中说明。"
        )
        % {
            "value": amount(value),
            "unit": row.indicator.unit,
            "label": label,
            "reference": amount(reference.quantize(Decimal("0.0001"))),
            "factor": amount(factor),
        }
    )


def increments(figures: dict[int, Decimal], measure: str, before: int = 13) -> list[Decimal]:
    """What each month added, from a year's figures up to (not including) month ``before``: the month's own
    value for 当月值, the change from the month before for a year-to-date total (January: its value) or a level."""
    added = []
    for month in sorted(m for m in figures if m < before):
        if measure == Indicator.Measure.MONTH:
            added.append(figures[month])
        elif month - 1 in figures:
            added.append(figures[month] - figures[month - 1])
        elif measure == Indicator.Measure.YEAR_TO_DATE and month == 1:
            added.append(figures[month])
    return added


def _check_jump(checked: Checked) -> None:
    """A month-on-month change far outside the indicator's history (z-score over the monthly changes entered
    so far, last year's and this year's): a warning whose confirmation needs a note."""
    row, value = checked.row, checked.value
    indicator = row.indicator
    history = increments(row.last_year_figures, indicator.measure) + increments(
        row.year_figures, indicator.measure, before=row.month
    )
    if len(history) < indicator.jump_history or checked.errors:
        return
    if indicator.measure == Indicator.Measure.MONTH:
        change = value
    elif row.last_month is not None:
        change = value - row.last_month
    elif indicator.measure == Indicator.Measure.YEAR_TO_DATE and row.month == 1:
        change = value
    else:
        return
    mean = statistics.fmean(float(item) for item in history)
    spread = statistics.pstdev(float(item) for item in history)
    if spread == 0 or abs(float(change) - mean) <= float(indicator.jump_z) * spread:
        return
    checked.note_needed = True
    checked.warnings.append(
        _(
            "本月变动 %(change)s，远超以往各月（平均 %(mean)s，标准差 %(spread)s）的 %(z)s 倍标准差，请核对；"
            "无误请勾选“确认”并在备注中说明。"
        )
        % {
            "change": amount(change),
            "mean": amount(Decimal(str(round(mean, 2)))),
            "spread": amount(Decimal(str(round(spread, 2)))),
            "z": amount(indicator.jump_z),
        }
    )


def _evaluate(checked: Checked) -> None:
    row = checked.row
    # A share entered as two counts (Indicator.denominator) is judged on the dashboard, where both are read.
    if row.target is None or checked.errors or row.indicator.denominator_id:
        return
    figures = dict(row.year_figures)
    figures[row.month] = checked.value
    result = progress.evaluate(
        row.target,
        figures,
        row.month,
        last_year=row.last_year_figures,
        baseline=row.baseline.value if row.baseline else None,
    )
    checked.progress = result
    checked.behind = result.is_behind


def submit_problems(checked: Checked) -> list[str]:
    """What stops this row from being submitted (empty when it may go)."""
    problems = []
    row, entry = checked.row, checked.entry
    if checked.value is None and row.target is not None:
        problems.append(_("提交前须填写本月数值。"))
    if checked.behind:
        if not entry.reason.strip():
            problems.append(_("欠序时进度，提交前须填写原因。"))
        if not entry.measures.strip():
            problems.append(_("欠序时进度，提交前须填写下步措施。"))
    return problems
