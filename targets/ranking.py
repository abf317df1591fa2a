"""排名: the offices ranked by how their targets stand and by how punctually they report.

For each office that leads at least one target of the year:

- ``on_schedule_share``: the share of its targets at or ahead of 序时 (超序时, 达序时 or 已完成) at the end of
  the month; a target without figures counts against it, as it does in the 调度会;
- ``on_time_share``: of the months from January to the month whose entry deadline has passed (or that were
  submitted anyway), the share first submitted on or before the deadline (``targets.entry.rows.deadline_of``).

Offices are ordered by the first share, then the second, then by the office's own order. Two queries whatever the
number of offices, targets or months.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import DateField, DateTimeField, IntegerField, Min, Value
from django.utils import timezone

from targets.entry.rows import deadline_of
from targets.models import Office, OfficeMonthEvent, Period
from targets.progress import Status

ON_SCHEDULE = {Status.AHEAD, Status.ON, Status.DONE}


def _share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class OfficeRank:
    office: Office
    targets: int
    on_schedule: int
    months_due: int
    on_time: int
    rank: int = 0

    @property
    def on_schedule_share(self) -> Decimal | None:
        return _share(self.on_schedule, self.targets)

    @property
    def on_time_share(self) -> Decimal | None:
        return _share(self.on_time, self.months_due)

    @property
    def sort_key(self) -> tuple:
        lowest = Decimal(-1)
        return (
            -(self.on_schedule_share if self.on_schedule_share is not None else lowest),
            -(self.on_time_share if self.on_time_share is not None else lowest),
            self.office.order,
            self.office.name,
        )


def rank_offices(rows, year: int, month: int, today=None) -> list[OfficeRank]:
    """The offices leading the targets of ``rows`` (``TargetRow``s of ``year``), best first, ranked 1, 2, …"""
    today = today or timezone.localdate()
    by_office: dict[int, OfficeRank] = {}
    for row in rows:
        office = row.target.indicator.office
        if office is None:
            continue
        rank = by_office.setdefault(office.pk, OfficeRank(office, 0, 0, 0, 0))
        rank.targets += 1
        rank.on_schedule += row.progress.status in ON_SCHEDULE
    if not by_office:
        return []
    deadlines, first_submitted = _deadlines_and_submissions(year, month, list(by_office))
    for office_id, rank in by_office.items():
        for m in range(1, month + 1):
            deadline = deadlines.get(m) or deadline_of(year, m)
            submitted = first_submitted.get((office_id, m))
            if submitted is None and deadline >= today:
                continue  # not due yet
            rank.months_due += 1
            if submitted is not None and timezone.localtime(submitted).date() <= deadline:
                rank.on_time += 1
    ranked = sorted(by_office.values(), key=lambda rank: rank.sort_key)
    for number, rank in enumerate(ranked, start=1):
        rank.rank = number
    return ranked


def _deadlines_and_submissions(year: int, month: int, office_ids: list[int]) -> tuple[dict, dict]:
    """The deadlines an admin set for the months up to ``month`` (month → date), and when each office first
    submitted each month ((office id, month) → datetime): one query (a UNION of the two)."""
    submissions = (
        OfficeMonthEvent.objects.filter(
            action=OfficeMonthEvent.Action.SUBMIT,
            office_month__year=year,
            office_month__month__lte=month,
            office_month__office_id__in=office_ids,
        )
        .values("office_month__office_id", "office_month__month")
        .annotate(first=Min("at"), deadline=Value(None, output_field=DateField()))
        .values_list("office_month__office_id", "office_month__month", "first", "deadline")
    )
    periods = (
        Period.objects.filter(year=year, month__lte=month)
        .annotate(
            office_id=Value(None, output_field=IntegerField()),
            first=Value(None, output_field=DateTimeField()),
        )
        .values_list("office_id", "month", "first", "deadline")
    )
    deadlines, first_submitted = {}, {}
    for office_id, m, first, deadline in submissions.union(periods, all=True):
        if office_id is None:
            deadlines[m] = deadline
        else:
            first_submitted[(office_id, m)] = first
    return deadlines, first_submitted
