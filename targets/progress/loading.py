"""The database half of the progress engine: read the figures of many targets in a fixed number of queries and
evaluate them (see ``targets.progress``)."""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from targets import counting
from targets import registers as registers_rule
from targets.models import Figure, Indicator, Result, Target
from targets.progress.engine import HUNDRED, Progress, due_month, evaluate


@dataclass
class TargetFigures:
    """What ``evaluate`` needs for one target, as ``load_figures`` reads it from the database."""

    figures: dict[int, Decimal] = field(default_factory=dict)
    last_year: dict[int, Decimal] = field(default_factory=dict)
    baseline: Decimal | None = None
    sample_months: set[int] = field(default_factory=set)
    # Last year's ``Result`` for the indicator as stored (even one read from January–October figures), to show.
    last_year_result: Result | None = None
    # This year's figures as entered: month → (原因, 下步措施, updated_at), for the briefing (no query of its own).
    entries: dict = field(default_factory=dict)
    last_year_sample_months: set[int] = field(default_factory=set)

    def uses_sample(self, progress: Progress) -> bool:
        """Whether a figure behind ``progress`` is generated sample data (this year's, or last year's compared)."""
        if any(m <= progress.month for m in self.sample_months):
            return True
        return progress.basis == "same-period" and any(
            m <= (progress.data_month or progress.month) for m in self.last_year_sample_months
        )


# Only things counted one by one can come from a register (projects started, works finished); asking the
# registered counters about the other kinds would cost queries for nothing.
COUNTABLE = {Target.Kind.COUNT, Target.Kind.DEADLINE, Target.Kind.MILESTONE}


def counted_by_target(targets, month: int, registers: counting.Registers | None = None) -> dict[int, int]:
    """What the registers count for each countable target by the end of ``month`` (or of its deadline, if
    earlier), keyed by target id; targets no register counts are left out. ``registers``: read once per page."""
    countable = [target for target in targets if target.kind in COUNTABLE]
    if not countable:
        return {}
    until = {target.pk: month_end(target.year, min(month, due_month(target))) for target in countable}
    registers = registers or counting.read(countable)
    return registers.counted_actuals(until)


def counted_until(target: Target, month: int) -> int | None:
    """What a register counts for ``target`` by the end of ``month`` (or of its deadline, if earlier)."""
    return counted_by_target([target], month).get(target.pk)


def register_kept_by_target(
    targets, month: int, counted: dict[int, int], registers: counting.Registers | None = None
) -> dict[int, bool]:
    """For each counted target (a key of ``counted``): whether its office kept the register for ``month``
    (``targets.registers``). One query per year of the targets besides the registers', whatever their number."""
    counted_targets = [target for target in targets if target.pk in counted]
    if not counted_targets:
        return {}
    registers = registers or counting.read(counted_targets)
    kept: dict[int, bool] = {}
    for year in {target.year for target in counted_targets}:
        of_year = [target for target in counted_targets if target.year == year]
        months = registers_rule.kept_months(
            {target.indicator.office_id for target in of_year}, year, registers
        )
        for target in of_year:
            office_months = months.get(target.indicator.office_id, set())
            kept[target.pk] = registers_rule.is_kept(office_months, min(month, due_month(target)), month)
    return kept


def works_by_target(targets, month: int, registers: counting.Registers | None = None) -> dict[int, str]:
    """The state of the works linked to each milestone target at the end of ``month`` (``targets.counting``)."""
    milestones = [target for target in targets if target.kind == Target.Kind.MILESTONE]
    if not milestones:
        return {}
    until = {target.pk: month_end(target.year, min(month, 12)) for target in milestones}
    registers = registers or counting.read(milestones)
    return registers.works_states(until)


def status_history(
    target: Target, loaded: TargetFigures, month: int, registers: counting.Registers | None = None
) -> list[Progress]:
    """The target's progress at the end of each month from January to ``month``, judged as it was then (the
    registers read once for all the months)."""
    registers = registers or counting.read([target])
    history = []
    for m in range(1, month + 1):
        counted = counted_by_target([target], m, registers)
        history.append(
            evaluate(
                target,
                loaded.figures,
                m,
                last_year=loaded.last_year,
                baseline=loaded.baseline,
                counted=counted.get(target.pk),
                register_kept=register_kept_by_target([target], m, counted, registers).get(target.pk, True),
                works=works_by_target([target], m, registers).get(target.pk),
            )
        )
    return history


def register_series(
    target: Target, month: int, registers: counting.Registers | None = None
) -> dict[int, Decimal] | None:
    """The register's count for ``target`` at the end of each month up to ``month`` in which its office kept the
    register, for drawing; ``None`` when no register counts the target."""
    registers = registers or counting.read([target])
    series = {}
    for m in range(1, month + 1):
        counted = counted_by_target([target], m, registers)
        if target.pk not in counted:
            return None
        if register_kept_by_target([target], m, counted, registers)[target.pk]:
            series[m] = Decimal(counted[target.pk])
    return series


def figures_of(targets):
    """The stored figures ``load_figures`` reads for ``targets``: their indicators' (and denominators') of their
    years and the years before. A page that also lists the figures reads them once, with this, and passes them."""
    targets = list(targets)
    _attach_indicators(targets)
    indicator_ids = {target.indicator_id for target in targets}
    indicator_ids |= {t.indicator.denominator_id for t in targets if t.indicator.denominator_id}
    years = {target.year for target in targets} | {target.year - 1 for target in targets}
    return Figure.objects.filter(indicator_id__in=indicator_ids, year__in=years)


def load_figures(targets, figures=None) -> dict[int, TargetFigures]:
    """The figures, last year's figures and baseline of each target, keyed by target id, in two queries (one
    when ``figures``, the ``Figure`` objects of ``figures_of(targets)``, were read already).

    Indicators not already loaded on the targets are read in one more query, so the number of queries never
    depends on the number of targets or of stored figures.
    """
    targets = list(targets)
    if not targets:
        return {}
    _attach_indicators(targets)
    indicator_ids = {target.indicator_id for target in targets}
    indicator_ids |= {t.indicator.denominator_id for t in targets if t.indicator.denominator_id}
    years = {target.year for target in targets} | {target.year - 1 for target in targets}
    by_key: dict[tuple[int, int], dict[int, Decimal]] = defaultdict(dict)
    samples: dict[tuple[int, int], set[int]] = defaultdict(set)
    entries: dict[tuple[int, int], dict] = defaultdict(dict)
    columns = ("indicator_id", "year", "month", "value", "is_sample", "reason", "measures", "updated_at")
    if figures is None:
        rows = figures_of(targets).values_list(*columns)
    else:
        rows = [tuple(getattr(figure, name) for name in columns) for figure in figures]
    for indicator_id, year, month, value, is_sample, reason, measures, updated_at in rows:
        by_key[(indicator_id, year)][month] = value
        entries[(indicator_id, year)][month] = (reason, measures, updated_at)
        if is_sample:
            samples[(indicator_id, year)].add(month)
    # A baseline read from January–October figures (the last approved month) is not a year's total: growth is
    # not measured against it (it is still shown, labelled, beside the target).
    results = {
        (result.indicator_id, result.year): result
        for result in Result.objects.filter(indicator_id__in=indicator_ids, year__in=years)
    }
    baselines = {
        key: result.value
        for key, result in results.items()
        if result.through_month is None or result.through_month >= 12
    }

    def series(target, year):
        numerator = by_key.get((target.indicator_id, year), {})
        denominator_id = target.indicator.denominator_id
        if denominator_id is None:
            return dict(numerator)
        return shares(numerator, by_key.get((denominator_id, year), {}))

    loaded = {}
    for target in targets:
        result = results.get((target.indicator_id, target.year - 1))
        if result is not None:
            result.indicator = target.indicator  # its label reads the indicator's measure: no query for it
        loaded[target.pk] = TargetFigures(
            figures=series(target, target.year),
            last_year=series(target, target.year - 1),
            # a share entered as two counts has no amount to grow from
            baseline=None
            if target.indicator.denominator_id
            else baselines.get((target.indicator_id, target.year - 1)),
            sample_months=samples.get((target.indicator_id, target.year), set()),
            last_year_sample_months=samples.get((target.indicator_id, target.year - 1), set()),
            last_year_result=result,
            entries=dict(entries.get((target.indicator_id, target.year), {})),
        )
    return loaded


def shares(numerator: dict[int, Decimal], denominator: dict[int, Decimal]) -> dict[int, Decimal]:
    """Month → numerator ÷ denominator × 100 for the months both are reported (and the denominator is not 0):
    an indicator entered as two counts (破百万的村数 of 村总数) read as the share the target is set in."""
    return {
        month: value * HUNDRED / denominator[month]
        for month, value in numerator.items()
        if denominator.get(month)
    }


def _attach_indicators(targets: list[Target]) -> None:
    missing = [t for t in targets if not Target.indicator.is_cached(t)]
    if not missing:
        return
    indicators = Indicator.objects.in_bulk({t.indicator_id for t in missing})
    for target in missing:
        target.indicator = indicators[target.indicator_id]


def evaluate_targets(
    targets,
    month: int,
    *,
    loaded: dict[int, TargetFigures] | None = None,
    registers: counting.Registers | None = None,
) -> dict[int, Progress]:
    """Progress of each target at the end of ``month`` of its own year, keyed by target id.

    Two or three queries whatever the number of targets or stored figures (see ``load_figures``), plus the
    registers' for the count, deadline and milestone targets, read once (``targets.counting.read``; the
    projects register answers in two queries, and one more tells which months were confirmed); pass ``loaded``
    to reuse figures already read. ``Progress.sample`` is true when a figure of this year up to ``month`` or of
    the same period last year is generated sample data.
    """
    targets = list(targets)
    if loaded is None:
        loaded = load_figures(targets)
    else:
        _attach_indicators(targets)
    registers = registers or counting.read(targets)
    counted = counted_by_target(targets, month, registers)
    kept = register_kept_by_target(targets, month, counted, registers)
    works = works_by_target(targets, month, registers)
    results = {}
    for target in targets:
        data = loaded.get(target.pk) or TargetFigures()
        progress = evaluate(
            target,
            data.figures,
            month,
            last_year=data.last_year,
            baseline=data.baseline,
            counted=counted.get(target.pk),
            register_kept=kept.get(target.pk, True),
            works=works.get(target.pk),
        )
        if data.uses_sample(progress):
            progress = replace(progress, sample=True)
        results[target.pk] = progress
    return results


def evaluate_target(target: Target, month: int) -> Progress:
    return evaluate_targets([target], month)[target.pk]


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])
