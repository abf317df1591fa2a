"""排名: the offices ranked by how their targets stand and by how punctually they report.

For each office that leads at least one target of the year:

- ``on_schedule_share``: the share of its targets at or ahead of 序时 (超序时, 达序时 or 已完成) at the end of
  the month; a target without figures counts against it, as it does in the 调度会;
- ``on_time_share``: of the months from January to the month whose entry deadline has passed (or that were
  submitted anyway), the share first submitted on or before the deadline (``targets.entry.rows.deadline_of``).

Offices are ordered by the first share, then the second, then by the office's own order. One query whatever the
number of offices, targets or months: a UNION of the deadlines, the first submissions and each office's state
for the month (which the briefing's closing line reports).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import CharField, DateField, DateTimeField, F, IntegerField, Min, Value
from django.utils import timezone

from targets.entry.rows import deadline_of
from targets.models import Office, OfficeMonth, OfficeMonthEvent, Period
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


@dataclass
class Ranking:
    """The ranked offices, and the state of every office's form for the month (office id → state), read with it."""

    offices: list[OfficeRank]
    month_states: dict[int, str]


def rank_offices(rows, year: int, month: int, today=None) -> Ranking:
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
    deadlines, first_submitted, month_states = _office_month_facts(year, month, list(by_office))
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
    return Ranking(ranked, month_states)


def _office_month_facts(year: int, month: int, office_ids: list[int]) -> tuple[dict, dict, dict]:
    """In one query (a UNION of three): the deadlines an admin set for the months up to ``month`` (month → date),
    when each office first submitted each month ((office id, month) → datetime), and the state of every office's
    form for ``month`` itself (office id → state)."""
    no_office = Value(None, output_field=IntegerField())
    no_time = Value(None, output_field=DateTimeField())
    no_date = Value(None, output_field=DateField())
    no_state = Value("", output_field=CharField())
    columns = ("office_key", "m", "first", "day", "form_state")
    submissions = (
        OfficeMonthEvent.objects.filter(
            action=OfficeMonthEvent.Action.SUBMIT,
            office_month__year=year,
            office_month__month__lte=month,
            office_month__office_id__in=office_ids,
        )
        .values(office_key=F("office_month__office_id"), m=F("office_month__month"))
        .annotate(first=Min("at"), day=no_date, form_state=no_state)
        .values_list(*columns)
    )
    periods = (
        Period.objects.filter(year=year, month__lte=month)
        .annotate(office_key=no_office, m=F("month"), first=no_time, day=F("deadline"), form_state=no_state)
        .values_list(*columns)
    )
    forms = (
        OfficeMonth.objects.filter(year=year, month=month)
        .exclude(version=0)
        .annotate(office_key=F("office_id"), m=F("month"), first=no_time, day=no_date, form_state=F("state"))
        .values_list(*columns)
    )
    deadlines, first_submitted, month_states = {}, {}, {}
    for office_id, m, first, day, state in submissions.union(periods, forms, all=True):
        if office_id is None:
            deadlines[m] = day
        elif state:
            month_states[office_id] = state
        else:
            first_submitted[(office_id, m)] = first
    return deadlines, first_submitted, month_states
