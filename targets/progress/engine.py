"""The pure half of the progress engine: a target and its figures in, a ``Progress`` out (rules: see
``targets.progress``). No database access here."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from django.db import models
from django.utils.translation import gettext_lazy as _

from targets.models import Indicator, Target
from targets.registers import REGISTER_NOT_UPDATED

AHEAD_BAND = Decimal(2)
HUNDRED = Decimal(100)
TENTH = Decimal("0.1")
CENT = Decimal("0.01")
PERIOD_MONTHS = {Target.Period.MONTH: 1, Target.Period.QUARTER: 3, Target.Period.HALF: 6}
# Amount-like bases: completion and expected are percentages of the year's goal, comparable across targets.
PERCENT_OF_GOAL = {"amount", "implied", "periods"}


class Status(models.TextChoices):
    AHEAD = "ahead", _("超序时")
    ON = "on", _("达序时")
    BEHIND = "behind", _("欠序时")
    DONE = "done", _("已完成")
    MISSED = "missed", _("未完成")
    NONE = "none", _("暂无数据")
    PENDING = "pending", _("待评定")


UNDER_WAY_LABEL = _("正在推进")
# A milestone judged by the works linked to it on the register reads as the works do.
WORKS_LABELS = {Status.ON: _("按期推进"), Status.BEHIND: _("滞后")}
WORKS_UNPLANNED = _("项目台账未排时间节点")

# The order in which a leader wants to read them: what needs action first.
STATUS_URGENCY = [
    Status.MISSED,
    Status.BEHIND,
    Status.NONE,
    Status.PENDING,
    Status.ON,
    Status.AHEAD,
    Status.DONE,
]


@dataclass(frozen=True)
class Progress:
    """Where a target stands at the end of ``month``. Percentages are of the year's target unless said.

    ``basis`` says how it was measured: ``amount``, ``implied`` (growth over the report's baseline),
    ``same-period`` (累计同比), ``reported-rate``, ``level``, ``periods``, ``milestone``, ``growth-no-base``,
    ``no-goal`` (a target without a value, which only a milestone may be).
    ``sample`` is set by ``evaluate_targets`` when a figure used is generated sample data. ``reason`` says why
    a target has no status yet when the reason is not simply "nothing reported" (e.g. 项目台账未更新).

    Numbers are exact (no rounding): ``targets.progress.display`` rounds them for display only.
    """

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
    data_month: int | None = None
    sample: bool = False
    reason: str = ""

    @property
    def status_label(self) -> str:
        if self.is_under_way:
            return str(UNDER_WAY_LABEL)
        if self.basis == "works" and self.status in WORKS_LABELS:
            return str(WORKS_LABELS[self.status])
        return str(self.status.label)

    @property
    def has_data(self) -> bool:
        """Whether anything was reported behind this progress: a figure, a count, or works on the register."""
        return self.actual is not None or (self.basis == "works" and self.status != Status.NONE)

    @property
    def is_under_way(self) -> bool:
        """A milestone reported but not done before its deadline: no 序时 to judge it by, yet not without data."""
        return self.basis == "milestone" and self.status == Status.NONE and self.actual is not None

    @property
    def is_behind(self) -> bool:
        return self.status in {Status.BEHIND, Status.MISSED}

    @property
    def urgency(self) -> int:
        return STATUS_URGENCY.index(self.status)

    @property
    def bar_percent(self) -> Decimal:
        """Completion held to 0–100, for drawing a progress bar."""
        return max(Decimal(0), min(HUNDRED, self.completion or Decimal(0)))

    @property
    def is_percent_of_goal(self) -> bool:
        """Completion and expected are shares of the year's goal (so a progress bar makes sense)."""
        return self.basis in PERCENT_OF_GOAL


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part`` as a percentage of ``whole``, unrounded (display rounds it)."""
    if not whole:
        return None
    return exact(Fraction(part) / Fraction(whole) * 100)


def exact(value: Fraction) -> Decimal:
    """A fraction as a decimal: exact when it terminates (5/12 of 10.5 → 25.2), else to 28 significant digits."""
    if value.denominator == 1:
        return Decimal(value.numerator)
    return Decimal(value.numerator) / Decimal(value.denominator)


def expected_fraction(target: Target, month: int) -> Fraction:
    """The share of the year's target (0 to 1) that 序时 expects by the end of ``month``, as an exact fraction:
    N/12, N/(deadline month) or the sum of the monthly plan's first N percentages (see the module doc)."""
    month = max(0, min(month, 12))
    if target.deadline and target.deadline.year == target.year:
        due = target.deadline.month
        if month >= due:
            return Fraction(1)
        return Fraction(month, due)
    if target.phasing:
        return sum((Fraction(str(share)) for share in target.phasing[:month]), Fraction(0)) / 100
    return Fraction(month, 12)


def expected_share(target: Target, month: int) -> Decimal:
    """The percentage of the year's target that 序时 expects by the end of ``month``, unrounded (5月: 41.666…)."""
    return exact(expected_fraction(target, month) * 100)


def actual_to_date(measure: str, figures: dict[int, Decimal], month: int) -> Decimal | None:
    """The indicator's figure for the year up to ``month``, by what one monthly figure means."""
    reported = {m: value for m, value in figures.items() if m <= month}
    if not reported:
        return None
    if measure == Indicator.Measure.MONTH:
        return sum(reported.values(), Decimal(0))
    return reported[max(reported)]


def latest_month(figures: dict[int, Decimal], month: int) -> int | None:
    reported = [m for m in figures if m <= month]
    return max(reported) if reported else None


def status_from_gap(gap: Decimal) -> Status:
    if gap >= AHEAD_BAND:
        return Status.AHEAD
    if gap >= 0:
        return Status.ON
    return Status.BEHIND


def is_lower_better(target: Target) -> bool:
    return target.indicator.direction == Indicator.Direction.LOWER


def due_month(target: Target) -> int:
    """The month by whose end the target must be met: its deadline's, its assessment month's, or December."""
    if target.deadline and target.deadline.year == target.year:
        return target.deadline.month
    if target.assessed_in:
        return target.assessed_in
    return 12


def assessed_later(target: Target, month: int) -> bool:
    """Whether ``target`` is awarded or assessed once, in a month after ``month`` (年末评定): 待评定 until then."""
    return bool(target.assessed_in) and month < due_month(target)


def evaluate(
    target: Target,
    figures: dict[int, Decimal],
    month: int,
    *,
    last_year: dict[int, Decimal] | None = None,
    baseline: Decimal | None = None,
    counted: int | None = None,
    register_kept: bool = True,
    works: str | None = None,
) -> Progress:
    """Where ``target`` stands at the end of ``month`` of its year.

    ``figures`` maps month → the indicator's figure of the target's year; ``last_year`` the same for the year
    before; ``baseline`` is last year's result as the report gives it; ``counted`` a count a register gives
    instead of typed figures, and ``register_kept`` whether that register was kept for the month (else the
    target is 暂无数据, 项目台账未更新: ``targets.registers``); ``works`` the state of the works a milestone is
    linked to on the register (``done``/``slipped``/``on_time``/``unplanned``, see ``targets.counting``).

    A target assessed once a year (``Target.assessed_in``, 年末评定) is 待评定 until its assessment month, unless
    already reached: no 序时, gap or projection; from that month on it is 已完成 or 未完成.
    """
    if counted is not None and not register_kept:
        progress = Progress(month=month, basis="register", reason=str(REGISTER_NOT_UPDATED))
    elif works is not None and target.kind == Target.Kind.MILESTONE:
        progress = _works(target, works, month)
    else:
        progress = _evaluate(target, figures, month, last_year, baseline, counted)
    if assessed_later(target, month) and progress.status != Status.DONE:
        return replace(
            progress, status=Status.PENDING, expected=None, gap=None, projection=None, needed_per_month=None
        )
    return progress


def _evaluate(target, figures, month, last_year, baseline, counted) -> Progress:
    measure = target.indicator.measure
    kind = target.kind
    if target.value is None and kind != Target.Kind.MILESTONE:
        # Only a milestone may lack a value (``Target.clean``); should one slip through, say so rather than guess.
        actual = actual_to_date(measure, figures, month)
        return Progress(month=month, actual=actual, data_month=latest_month(figures, month), basis="no-goal")
    if kind == Target.Kind.RECURRING:
        return _recurring(target, figures, month)
    if kind == Target.Kind.MILESTONE:
        return _milestone(target, figures, month, counted)
    # After its deadline a target is judged by what was reached by then; a late figure does not make it done.
    cutoff = min(month, due_month(target))
    if counted is not None:
        actual, data_month = Decimal(counted), cutoff
    else:
        actual, data_month = actual_to_date(measure, figures, cutoff), latest_month(figures, cutoff)
    if actual is None:
        if kind in {Target.Kind.SHARE, Target.Kind.GROWTH}:
            return Progress(month=month)
        # Without figures an amount still has its 序时 share; saying so keeps it from reading as a growth rate.
        return Progress(month=month, expected=expected_share(target, month), basis="amount")
    if kind == Target.Kind.SHARE:
        return replace(_level(target, actual, month, basis="level"), data_month=data_month)
    if kind == Target.Kind.GROWTH:
        return replace(_growth(target, figures, actual, month, last_year, baseline), data_month=data_month)
    return replace(_towards(target, actual, target.value, month, basis="amount"), data_month=data_month)


def _growth(target, figures, actual, month, last_year, baseline) -> Progress:
    if target.indicator.unit.strip() == "%":
        return _level(target, actual, month, basis="reported-rate", rate=True)
    previous = same_period_last_year(target.indicator.measure, figures, last_year or {}, month)
    if previous:
        return _growth_same_period(target, actual, previous, month, last_year or {})
    if not baseline:
        return Progress(month=month, actual=actual, basis="growth-no-base")
    sign = -1 if is_lower_better(target) else 1
    goal = baseline * (1 + sign * target.value / HUNDRED)
    return _towards(target, actual, goal, month, basis="implied")


def same_period_last_year(measure: str, figures, last_year, month: int) -> Decimal | None:
    """Last year's figure for the same months as this year's latest figure, or ``None`` when not known.

    A value-of-the-month indicator needs every month of last year up to that month, or the sum would be short.
    """
    latest = latest_month(figures, month)
    if latest is None:
        return None
    if measure == Indicator.Measure.MONTH:
        if any(m not in last_year for m in range(1, latest + 1)):
            return None
        return sum((last_year[m] for m in range(1, latest + 1)), Decimal(0))
    return last_year.get(latest)


def _towards(target: Target, actual: Decimal, goal: Decimal, month: int, *, basis: str) -> Progress:
    """An amount to reach (or, lower-is-better, not to pass) by the year end or the deadline."""
    expected = expected_share(target, month)
    completion = percent(actual, goal)
    due = due_month(target)
    over = month >= due
    lower = is_lower_better(target)
    if completion is None:  # a goal of zero: reached by anything, or passed by anything above zero
        status = (
            (Status.MISSED if actual > 0 else Status.DONE if over else Status.ON) if lower else Status.DONE
        )
        return Progress(month=month, actual=actual, expected=expected, status=status, goal=goal, basis=basis)
    if lower:
        gap = expected - completion
        if actual > goal:
            status = Status.MISSED
        elif over:
            status = Status.DONE
        else:
            status = status_from_gap(gap)
    else:
        gap = completion - expected
        if actual >= goal:
            status = Status.DONE
        elif over:
            status = Status.MISSED
        else:
            status = status_from_gap(gap)
    projection = None
    needed = None
    if over:
        projection = actual
    elif expected:
        projection = exact(Fraction(actual) / expected_fraction(target, month))
    if not lower and actual < goal and not over:
        needed = exact(Fraction(goal - actual) / (due - month))
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


def _growth_same_period(target, actual: Decimal, previous: Decimal, month: int, last_year) -> Progress:
    growth = exact((Fraction(actual) / Fraction(previous) - 1) * 100)
    # A decline target (下降3%) is met by a growth of −3% or less.
    gap = (-growth - target.value) if is_lower_better(target) else (growth - target.value)
    status = status_from_gap(gap)
    if month >= due_month(target):
        status = Status.DONE if gap >= 0 else Status.MISSED
    return Progress(
        month=month,
        actual=actual,
        completion=growth,
        expected=target.value,
        gap=gap,
        status=status,
        projection=growth,
        growth=growth,
        goal=target.value,
        basis="same-period",
    )


def _level(target: Target, level: Decimal, month: int, *, basis: str, rate: bool = False) -> Progress:
    """A level (or a reported growth rate) against the target level; not phased over the year."""
    lower = is_lower_better(target)
    if rate and lower:  # the figure is a growth rate, the target a rate of decline
        gap = -level - target.value
    elif lower:
        gap = target.value - level
    else:
        gap = level - target.value
    status = status_from_gap(gap)
    if month >= due_month(target):
        status = Status.DONE if gap >= 0 else Status.MISSED
    return Progress(
        month=month,
        actual=level,
        completion=level,
        expected=target.value,
        gap=gap,
        status=status,
        growth=level if rate else None,
        goal=target.value,
        basis=basis,
    )


def _recurring(target: Target, figures: dict[int, Decimal], month: int) -> Progress:
    """Each period must reach the target value; figures are counts of the month (or year-to-date counts)."""
    length = PERIOD_MONTHS.get(target.period, 3)
    periods = 12 // length
    if target.indicator.measure == Indicator.Measure.YEAR_TO_DATE:
        monthly = _monthly_from_ytd(figures)
    else:
        monthly = figures
    elapsed = min(month, 12) // length
    expected = percent(Decimal(elapsed), Decimal(periods))
    data_month = latest_month(monthly, month)
    if data_month is None:
        return Progress(month=month, expected=expected)
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
    completion = percent(Decimal(met), Decimal(periods))
    gap = completion - expected
    if missed:
        status = Status.MISSED
    elif met == periods:
        status = Status.DONE
    else:
        status = status_from_gap(gap)
    return Progress(
        month=month,
        actual=Decimal(met),
        completion=completion,
        expected=expected,
        gap=gap,
        status=status,
        goal=Decimal(periods),
        basis="periods",
        data_month=data_month,
    )


def _monthly_from_ytd(figures: dict[int, Decimal]) -> dict[int, Decimal]:
    monthly = {}
    previous = Decimal(0)
    for m in sorted(figures):
        monthly[m] = figures[m] - previous
        previous = figures[m]
    return monthly


def _milestone(target: Target, figures: dict[int, Decimal], month: int, counted: int | None) -> Progress:
    cutoff = min(month, due_month(target))
    if counted is not None:
        value, data_month = Decimal(counted), cutoff
    else:
        value = actual_to_date(target.indicator.measure, figures, cutoff)
        data_month = latest_month(figures, cutoff)
    if value is None:
        return Progress(month=month, basis="milestone")
    needed = target.value or Decimal(1)
    if value >= needed:
        status, completion = Status.DONE, HUNDRED
    elif month >= due_month(target):
        status, completion = Status.MISSED, Decimal(0)
    else:
        status, completion = Status.NONE, Decimal(0)  # under way (see ``Progress.is_under_way``)
    return Progress(
        month=month,
        actual=value,
        completion=completion,
        status=status,
        goal=needed,
        basis="milestone",
        data_month=data_month,
    )


def _works(target: Target, state: str, month: int) -> Progress:
    """A milestone judged by the works linked to it: done, on schedule, slipped; missed if not done by its due
    month; 暂无数据 while nothing is planned on the register."""
    if state == "done":
        return Progress(month=month, status=Status.DONE, completion=HUNDRED, basis="works")
    if state == "unplanned":
        return Progress(month=month, basis="works", reason=str(WORKS_UNPLANNED))
    if month >= due_month(target):
        return Progress(month=month, status=Status.MISSED, basis="works")
    return Progress(month=month, status=Status.BEHIND if state == "slipped" else Status.ON, basis="works")
