"""What one office's month shows for each indicator it owns, gathered in a fixed number of queries."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import F, Min
from django.utils import timezone

from targets.models import Figure, Indicator, OfficeMonth, Period, Result, Target
from targets.progress import month_end
from targets.progress.loading import counted_by_target, works_by_target


@dataclass
class Row:
    """One indicator in an office's month, with everything the checks and the page need."""

    indicator: Indicator
    target: Target | None
    baseline: Result | None
    figure: Figure | None
    year_figures: dict[int, Decimal] = field(default_factory=dict)  # month → value, this year
    last_year_figures: dict[int, Decimal] = field(default_factory=dict)
    month: int = 1

    @property
    def last_month(self) -> Decimal | None:
        return self.year_figures.get(self.month - 1)

    @property
    def same_month_last_year(self) -> Decimal | None:
        return self.last_year_figures.get(self.month)

    @property
    def value(self) -> Decimal | None:
        return self.figure.value if self.figure else None


def office_indicators(office):
    """The indicators ``office`` owns, in the order the report names their targets."""
    return (
        Indicator.objects.filter(office=office)
        .annotate(report_section=Min("targets__section__number"), report_order=Min("targets__order"))
        .order_by(F("report_section").asc(nulls_last=True), F("report_order").asc(nulls_last=True), "code")
    )


@dataclass(frozen=True)
class CountedRow:
    """An indicator whose target a register counts (e.g. projects reaching 注册), or whose milestone the works
    linked to it on the register decide (``works``: ``done``/``slipped``/``on_time``/``unplanned``): shown, never
    typed."""

    indicator: Indicator
    target: Target
    count: int | None
    works: str | None = None


def counted_rows(office, year: int, month: int, years: range | None = None) -> list[CountedRow]:
    """The indicators of ``office`` whose target of ``year`` is counted from a register, with the count so far;
    ``years`` is ``entry_years()`` if the caller has already read it."""
    if year not in (
        entry_years() if years is None else years
    ):  # an absurd year in an address has no targets, and no month end to count to
        return []
    targets = list(
        Target.objects.filter(indicator__office=office, year=year)
        .select_related("indicator")
        .order_by("order")
    )
    counts = counted_by_target(targets, month)  # the same count, to the same day, as the dashboard's
    works = works_by_target(targets, month)
    return [
        CountedRow(
            indicator=target.indicator, target=target, count=counts.get(target.pk), works=works.get(target.pk)
        )
        for target in targets
        if target.pk in counts or target.pk in works
    ]


def month_rows(office, year: int, month: int, counted: list[CountedRow] | None = None) -> list[Row]:
    """Every indicator ``office`` owns and types, with its target of ``year`` and the figures around ``month``.

    Indicators whose target a register counts are left out: nobody types them (see ``counted_rows``).
    """
    if counted is None:
        counted = counted_rows(office, year, month)
    left_out = {row.indicator.pk for row in counted}
    indicators = [indicator for indicator in office_indicators(office) if indicator.pk not in left_out]
    ids = [indicator.pk for indicator in indicators]
    targets = {
        target.indicator_id: target
        for target in Target.objects.filter(indicator_id__in=ids, year=year).select_related("indicator")
    }
    baselines = {
        result.indicator_id: result for result in Result.objects.filter(indicator_id__in=ids, year=year - 1)
    }
    figures: dict[int, Figure] = {}
    by_year: dict[tuple[int, int], dict[int, Decimal]] = {}
    for figure in Figure.objects.filter(indicator_id__in=ids, year__in=[year, year - 1]).select_related(
        "updated_by"
    ):
        by_year.setdefault((figure.indicator_id, figure.year), {})[figure.month] = figure.value
        if figure.year == year and figure.month == month:
            figures[figure.indicator_id] = figure
    return [
        Row(
            indicator=indicator,
            target=targets.get(indicator.pk),
            baseline=baselines.get(indicator.pk),
            figure=figures.get(indicator.pk),
            year_figures=by_year.get((indicator.pk, year), {}),
            last_year_figures=by_year.get((indicator.pk, year - 1), {}),
            month=month,
        )
        for indicator in indicators
    ]


def office_month(office, year: int, month: int) -> OfficeMonth | None:
    return OfficeMonth.objects.filter(office=office, year=year, month=month).first()


def deadline_of(year: int, month: int, period: Period | None = None) -> date:
    """The entry deadline: the period's own, else ``ENTRY_DEADLINE_DAY`` of the next month."""
    if period is not None:
        return period.deadline
    next_month = month_end(year, month) + timedelta(days=1)
    day = min(max(settings.ENTRY_DEADLINE_DAY, 1), calendar.monthrange(next_month.year, next_month.month)[1])
    return next_month.replace(day=day)


def period_of(year: int, month: int) -> Period | None:
    return Period.objects.filter(year=year, month=month).first()


def today() -> date:
    return timezone.localdate()


def is_future(year: int, month: int) -> bool:
    """A month that has not begun yet cannot be reported."""
    now = today()
    return (year, month) > (now.year, now.month)


def entry_years() -> range:
    """Years a month may be entered for: from the year before the first target year (for 同比) to this year."""
    first = Target.objects.order_by("year").values_list("year", flat=True).first()
    this_year = today().year
    first = (first - 1) if first else this_year - 1
    return range(min(first, this_year), this_year + 1)
