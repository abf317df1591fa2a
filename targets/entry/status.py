"""Each office's state for each month: who has not reported (未开始, 草稿, 已提交, 已审核, 已退回, 逾期).

A month not yet submitted (not started, draft or returned) is 逾期 once its deadline has passed; the page shows
the underlying state beside it.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from targets.entry.rows import deadline_of, today
from targets.models import Office, OfficeMonth, Period

NOT_STARTED = "not_started"
LABELS = {
    NOT_STARTED: _("未开始"),
    OfficeMonth.State.DRAFT: _("草稿"),
    OfficeMonth.State.SUBMITTED: _("已提交"),
    OfficeMonth.State.APPROVED: _("已审核"),
    OfficeMonth.State.RETURNED: _("已退回"),
}
LATE_LABEL = _("逾期")


@dataclass
class Cell:
    office: Office
    year: int
    month: int
    state: str
    deadline: date
    late: bool
    office_month: OfficeMonth | None = None

    @property
    def label(self) -> str:
        return str(LABELS[self.state])

    @property
    def late_label(self) -> str:
        return str(LATE_LABEL)


def month_state(office_month: OfficeMonth | None) -> str:
    if office_month is None or office_month.version == 0:
        return NOT_STARTED
    return office_month.state


def is_late(state: str, deadline: date, on: date | None = None) -> bool:
    done = state in {OfficeMonth.State.SUBMITTED, OfficeMonth.State.APPROVED}
    return not done and (on or today()) > deadline


def reporting_offices():
    """Offices that own at least one indicator: the ones expected to report."""
    return Office.objects.filter(indicators__isnull=False).distinct().order_by("order", "name")


def status_grid(
    year: int, months: list[int], offices=None, *, periods=None, office_months=None
) -> list[tuple[Office, list[Cell]]]:
    """For each reporting office, a cell per month of ``months``; three queries whatever the size. A caller that
    has already read the year's periods (``{month: Period}``) or the offices' months of the year (a list of
    ``OfficeMonth``) hands them in and saves those queries."""
    offices = list(offices if offices is not None else reporting_offices())
    if periods is None:
        periods = {period.month: period for period in Period.objects.filter(year=year, month__in=months)}
    if office_months is None:
        office_months = OfficeMonth.objects.filter(year=year, month__in=months, office__in=offices)
    found = {(office_month.office_id, office_month.month): office_month for office_month in office_months}
    grid = []
    for office in offices:
        cells = []
        for month in months:
            office_month = found.get((office.pk, month))
            state = month_state(office_month)
            deadline = deadline_of(year, month, periods.get(month))
            cells.append(
                Cell(
                    office, year, month, state, deadline, is_late(state, deadline), office_month=office_month
                )
            )
        grid.append((office, cells))
    return grid


def target_year(on: date | None = None) -> int | None:
    """The current target year: the latest year with targets up to ``on``'s year (never a year without any)."""
    from targets.models import Target

    on = on or today()
    return (
        Target.objects.filter(year__lte=on.year).order_by("-year").values_list("year", flat=True).first()
        or Target.objects.order_by("year").values_list("year", flat=True).first()
    )


def owed_month(office, on: date | None = None) -> tuple[int, int] | None:
    """Where an office's monthly form opens: the earliest month of the current target year that is over and
    still owed (not submitted or approved, its period open), else the last month that is over (the last with a
    deadline), else the year's first month. ``None`` when no year has targets."""
    from targets.progress import month_end

    on = on or today()
    year = target_year(on)
    if year is None:
        return None
    over = [month for month in range(1, 13) if month_end(year, month) < on]
    if not over:
        return year, (on.month if on.year == year else 1)
    closed = set(Period.objects.filter(year=year, is_open=False).values_list("month", flat=True))
    states = {
        row.month: month_state(row)
        for row in OfficeMonth.objects.filter(office=office, year=year, month__in=over)
    }
    done = {OfficeMonth.State.SUBMITTED, OfficeMonth.State.APPROVED}
    for month in over:
        if month not in closed and states.get(month, NOT_STARTED) not in done:
            return year, month
    return year, over[-1]
