"""The progress engine: how far a target has come by the end of a month, and whether that is on schedule.

``evaluate`` is pure: it takes a target and its figures and returns a ``Progress``; ``evaluate_targets`` loads the
figures of many targets in a fixed number of queries and calls it for each.

序时进度 (time-elapsed progress). By the end of month N a linear plan expects N/12 of the year's target; a target
with a monthly plan (``Target.phasing``, 12 percentages) expects the sum of its first N shares; a target with a
deadline inside the year expects N/(deadline month) of it, and all of it from the deadline on.

Status bands, in percentage points of the year's target (``gap`` = completion − expected):

- 超序时 (ahead): gap ≥ ``AHEAD_BAND`` (2 points);
- 达序时 (on schedule): 0 ≤ gap < ``AHEAD_BAND``;
- 欠序时 (behind): gap < 0;
- 已完成 (done): the year's target is reached (or a milestone is done, or every period of a recurring target
  so far was met and the year is over);
- 未完成 (missed): the year, the deadline or a past period is over and the target was not reached there;
  a missed quarter of a recurring target stays missed for the rest of the year;
- 暂无数据 (no figure yet): nothing reported up to that month.

How each kind is measured:

- amount, count, deadline: completion = actual ÷ target;
- growth: where the same period of last year is known, the year-to-date growth (累计同比) is compared with the
  target rate: completion is that growth, expected is the target rate, gap is their difference in points; where
  only last year's total is known (the 2022 baseline), the target implies an amount, baseline × (1 + rate), and
  is measured like an amount;
- share (a rate or level to reach): the latest level against the target level, not phased over the year:
  at or above it (below it for a lower-is-better indicator) is 达序时, ``AHEAD_BAND`` points beyond is 超序时;
- recurring: each period (month, quarter, half year) must reach the target value on its own;
- milestone: a figure of 1 or more (or a count from a register) means done.

Figures are in the indicator's unit and follow its measure: a year-to-date total (the last figure up to the
month is the actual), a value of the month (the sum up to the month is the actual) or a level at month end (the
last figure is the actual).
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from targets import counting
from targets.models import Figure, Indicator, Result, Target

AHEAD_BAND = Decimal(2)
HUNDRED = Decimal(100)
PERIOD_MONTHS = {Target.Period.MONTH: 1, Target.Period.QUARTER: 3, Target.Period.HALF: 6}


class Status(models.TextChoices):
    AHEAD = "ahead", _("超序时")
    ON = "on", _("达序时")
    BEHIND = "behind", _("欠序时")
    DONE = "done", _("已完成")
    MISSED = "missed", _("未完成")
    NONE = "none", _("暂无数据")


# The order in which a leader wants to read them: what needs action first.
STATUS_URGENCY = [Status.MISSED, Status.BEHIND, Status.NONE, Status.ON, Status.AHEAD, Status.DONE]


@dataclass(frozen=True)
class Progress:
    """Where a target stands at the end of ``month``. Percentages are of the year's target unless said."""

    month: int
    actual: Decimal | None = None
    completion: Decimal | None = None
    expected: Decimal | None = None
    gap: Decimal | None = None
    status: Status = Status.NONE
    projection: Decimal | None = None
    needed_per_month: Decimal | None = None
    growth: Decimal | None = None
    goal: Decimal | None = None
    basis: str = ""

    @property
    def status_label(self) -> str:
        return str(self.status.label)

    @property
    def is_behind(self) -> bool:
        return self.status in {Status.BEHIND, Status.MISSED}


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (part / whole * HUNDRED).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def expected_share(target: Target, month: int) -> Decimal:
    """The percentage of the year's target that 序时 expects by the end of ``month`` (see the module doc)."""
    if target.deadline and target.deadline.year == target.year:
        due = target.deadline.month
        if month >= due:
            return HUNDRED
        return (Decimal(month) / Decimal(due) * HUNDRED).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if target.phasing:
        return sum((Decimal(str(share)) for share in target.phasing[:month]), Decimal(0))
    return (Decimal(month) / Decimal(12) * HUNDRED).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def actual_to_date(measure: str, figures: dict[int, Decimal], month: int) -> Decimal | None:
    """The indicator's figure for the year up to ``month``, by what one monthly figure means."""
    reported = {m: value for m, value in figures.items() if m <= month}
    if not reported:
        return None
    if measure == Indicator.Measure.MONTH:
        return sum(reported.values(), Decimal(0))
    return reported[max(reported)]


def status_from_gap(gap: Decimal) -> Status:
    if gap >= AHEAD_BAND:
        return Status.AHEAD
    if gap >= 0:
        return Status.ON
    return Status.BEHIND


def evaluate(
    target: Target,
    figures: dict[int, Decimal],
    month: int,
    *,
    last_year: dict[int, Decimal] | None = None,
    baseline: Decimal | None = None,
    counted: int | None = None,
) -> Progress:
    """Where ``target`` stands at the end of ``month`` of its year.

    ``figures`` maps month → the indicator's figure of the target's year; ``last_year`` the same for the year
    before; ``baseline`` is last year's result as the report gives it; ``counted`` a count a register gives
    instead of typed figures.
    """
    measure = target.indicator.measure
    kind = target.kind
    if kind == Target.Kind.RECURRING:
        return _recurring(target, figures, month, counted)
    if kind == Target.Kind.MILESTONE:
        return _milestone(target, figures, month, counted)
    actual = Decimal(counted) if counted is not None else actual_to_date(measure, figures, month)
    if actual is None:
        return Progress(
            month=month, expected=None if kind == Target.Kind.SHARE else expected_share(target, month)
        )
    if kind == Target.Kind.SHARE:
        return _share(target, actual, month)
    if kind == Target.Kind.GROWTH:
        previous = actual_to_date(measure, last_year or {}, month)
        if previous:
            return _growth_same_period(target, actual, previous, month)
        if not baseline:
            return Progress(month=month, actual=actual, basis="growth-no-base")
        goal = baseline * (1 + target.value / HUNDRED)
        return _towards(target, actual, goal, month, basis="implied")
    return _towards(target, actual, target.value, month, basis="amount")


def _towards(target: Target, actual: Decimal, goal: Decimal, month: int, *, basis: str) -> Progress:
    """An amount to reach by the year end or the deadline."""
    expected = expected_share(target, month)
    completion = percent(actual, goal)
    if completion is None:  # a goal of zero is reached by anything
        return Progress(
            month=month, actual=actual, expected=expected, status=Status.DONE, goal=goal, basis=basis
        )
    gap = completion - expected
    over = month == 12 or (target.deadline is not None and month >= target.deadline.month)
    if actual >= goal:
        status = Status.DONE
    elif over:
        status = Status.MISSED
    else:
        status = status_from_gap(gap)
    projection = None
    needed = None
    if expected:
        projection = (actual * HUNDRED / expected).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    due = target.deadline.month if target.deadline else 12
    if actual < goal and month < due:
        needed = ((goal - actual) / (due - month)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return Progress(
        month=month,
        actual=actual,
        completion=completion,
        expected=expected,
        gap=gap,
        status=status,
        projection=projection,
        needed_per_month=needed,
        goal=goal,
        basis=basis,
    )


def _growth_same_period(target: Target, actual: Decimal, previous: Decimal, month: int) -> Progress:
    growth = ((actual / previous - 1) * HUNDRED).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    gap = growth - target.value
    status = status_from_gap(gap)
    if month == 12:
        status = Status.DONE if gap >= 0 else Status.MISSED
    return Progress(
        month=month,
        actual=actual,
        completion=growth,
        expected=target.value,
        gap=gap,
        status=status,
        growth=growth,
        goal=target.value,
        basis="same-period",
    )


def _share(target: Target, level: Decimal, month: int) -> Progress:
    gap = level - target.value
    if target.indicator.direction == Indicator.Direction.LOWER:
        gap = -gap
    status = status_from_gap(gap)
    if month == 12:
        status = Status.DONE if gap >= 0 else Status.MISSED
    return Progress(
        month=month,
        actual=level,
        completion=level,
        expected=target.value,
        gap=gap,
        status=status,
        goal=target.value,
        basis="level",
    )


def _recurring(target: Target, figures: dict[int, Decimal], month: int, counted: int | None) -> Progress:
    """Each period must reach the target value; figures are counts of the month (or year-to-date counts)."""
    length = PERIOD_MONTHS.get(target.period, 3)
    periods = 12 // length
    if target.indicator.measure == Indicator.Measure.YEAR_TO_DATE:
        monthly = _monthly_from_ytd(figures)
    else:
        monthly = figures
    if not any(m <= month for m in monthly) and counted is None:
        return Progress(month=month, expected=percent(Decimal(month // length), Decimal(periods)))
    met = 0
    missed = 0
    for index in range(periods):
        first, last = index * length + 1, (index + 1) * length
        if first > month:
            break
        done = sum((monthly.get(m, Decimal(0)) for m in range(first, min(last, month) + 1)), Decimal(0))
        if done >= target.value:
            met += 1
        elif last <= month:
            missed += 1
    elapsed = month // length
    completion = percent(Decimal(met), Decimal(periods))
    expected = percent(Decimal(elapsed), Decimal(periods))
    if missed:
        status = Status.MISSED
    elif met == periods:
        status = Status.DONE
    else:
        status = status_from_gap(completion - expected)
    return Progress(
        month=month,
        actual=Decimal(met),
        completion=completion,
        expected=expected,
        gap=completion - expected,
        status=status,
        goal=Decimal(periods),
        basis="periods",
    )


def _monthly_from_ytd(figures: dict[int, Decimal]) -> dict[int, Decimal]:
    monthly = {}
    previous = Decimal(0)
    for m in sorted(figures):
        monthly[m] = figures[m] - previous
        previous = figures[m]
    return monthly


def _milestone(target: Target, figures: dict[int, Decimal], month: int, counted: int | None) -> Progress:
    reported = [value for m, value in figures.items() if m <= month]
    done_value = Decimal(counted) if counted is not None else (max(reported) if reported else None)
    due = target.deadline.month if target.deadline else 12
    if done_value is not None and done_value >= (target.value or 1):
        return Progress(
            month=month, actual=done_value, completion=HUNDRED, status=Status.DONE, basis="milestone"
        )
    if month >= due:
        return Progress(
            month=month, actual=done_value, completion=Decimal(0), status=Status.MISSED, basis="milestone"
        )
    return Progress(month=month, actual=done_value, status=Status.NONE, basis="milestone")


def _figures_by_indicator(indicator_ids, years) -> dict[tuple[int, int], dict[int, Decimal]]:
    by_key: dict[tuple[int, int], dict[int, Decimal]] = defaultdict(dict)
    rows = Figure.objects.filter(indicator_id__in=indicator_ids, year__in=years).values_list(
        "indicator_id", "year", "month", "value"
    )
    for indicator_id, year, month, value in rows:
        by_key[(indicator_id, year)][month] = value
    return by_key


def evaluate_targets(targets, month: int) -> dict[int, Progress]:
    """Progress of each target at the end of ``month`` of its own year, keyed by target id.

    Two queries whatever the number of targets or stored figures: the figures of the targets' years and the
    years before, and the baselines.
    """
    targets = list(targets)
    if not targets:
        return {}
    indicator_ids = {target.indicator_id for target in targets}
    years = {target.year for target in targets} | {target.year - 1 for target in targets}
    figures = _figures_by_indicator(indicator_ids, years)
    baselines = {
        (indicator_id, year): value
        for indicator_id, year, value in Result.objects.filter(
            indicator_id__in=indicator_ids, year__in=years
        ).values_list("indicator_id", "year", "value")
    }
    results = {}
    for target in targets:
        results[target.pk] = evaluate(
            target,
            figures.get((target.indicator_id, target.year), {}),
            month,
            last_year=figures.get((target.indicator_id, target.year - 1)),
            baseline=baselines.get((target.indicator_id, target.year - 1)),
            counted=counting.counted_actual(target, month_end(target.year, month)),
        )
    return results


def evaluate_target(target: Target, month: int) -> Progress:
    return evaluate_targets([target], month)[target.pk]


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])
