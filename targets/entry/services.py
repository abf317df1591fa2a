"""``save_month``: the one write path for an office's month, used by the form, the Excel import and the API.

Everything happens in one transaction with the office's month row locked (``SELECT … FOR UPDATE``), so two
saves of the same month run one after the other: either every value of the month is stored, each change with a
``FigureChange``, or nothing is.

Optimistic locking: a caller passes the ``OfficeMonth.version`` it loaded (``expected_version``; 0 for a month
not started). When the month changed meanwhile, nothing is written and the outcome lists, per indicator, what
the caller saw, what it typed and what is stored now, so the person can decide. A repeated request whose values
are already stored (a double click) is not a conflict: it succeeds without writing anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from targets import roles
from targets.entry import checks
from targets.entry.rows import counted_rows, entry_years, is_future, month_rows, period_of
from targets.models import Figure, FigureChange, OfficeMonth, OfficeMonthEvent


@dataclass
class ConflictRow:
    indicator: object
    seen: str  # what the person had loaded ("" when nothing was stored)
    theirs: str  # what they typed
    now: Decimal | None  # what is stored now
    by: object = None
    at: object = None


@dataclass
class Outcome:
    """What ``save_month`` did: saved or not, and why not (month errors, row errors, a conflict)."""

    rows: list[checks.Checked] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    conflicts: list[ConflictRow] = field(default_factory=list)
    conflict: bool = False
    locked: bool = False
    saved: bool = False
    changed: int = 0
    submitted: bool = False
    version: int = 0
    state: str = ""

    @property
    def has_row_errors(self) -> bool:
        return any(row.errors or row.needs_confirmation for row in self.rows)

    def by_indicator(self) -> dict[int, checks.Checked]:
        return {row.row.indicator.pk: row for row in self.rows}


def month_errors(year: int, month: int, user) -> list[str]:
    """Why this month cannot be entered at all, whoever's office it is."""
    if not 1 <= month <= 12 or year not in entry_years():
        years = entry_years()
        return [
            _("只能填报 %(first)s 年至 %(last)s 年的月份。") % {"first": years.start, "last": years.stop - 1}
        ]
    if is_future(year, month):
        return [_("%(year)s年%(month)s月尚未开始，不能填报未来的月份。") % {"year": year, "month": month}]
    period = period_of(year, month)
    if period is not None and not period.is_open and not roles.may_reopen(user):
        return [_("%(year)s年%(month)s月已关闭填报，请联系管理员。") % {"year": year, "month": month}]
    return []


def state_error(office_month: OfficeMonth) -> str | None:
    if office_month.state == OfficeMonth.State.APPROVED:
        return _("本月已审核通过并锁定，不能修改；如需更正请联系管理员重新开放。")
    if office_month.state == OfficeMonth.State.SUBMITTED:
        return _("本月已提交，正在等待审核，不能修改。")
    return None


def save_month(
    office,
    year: int,
    month: int,
    values: list[checks.Entry],
    user,
    *,
    source: str,
    expected_version: int | None,
    submit: bool = False,
    dry_run: bool = False,
) -> Outcome:
    """Check and store ``values`` for ``office``'s month, all or nothing; submit it too when ``submit``.

    Raises ``PermissionDenied`` when ``user`` may not enter for ``office`` or a value names an indicator the
    office does not own. Everything else a person can fix comes back in the ``Outcome``. ``dry_run`` checks
    without writing (the Excel preview).
    """
    roles.require(roles.may_enter, user, office)
    outcome = Outcome()
    outcome.errors = month_errors(year, month, user)
    if outcome.errors:
        return outcome
    with transaction.atomic():
        office_month, _created = OfficeMonth.objects.get_or_create(
            office=office, year=year, month=month, defaults={"version": 0}
        )
        office_month = OfficeMonth.objects.select_for_update().get(pk=office_month.pk)
        outcome.version, outcome.state = office_month.version, office_month.state
        counted_here = counted_rows(office, year, month)
        rows = month_rows(office, year, month, counted_here)
        by_id = {row.indicator.pk: row for row in rows}
        given = {entry.indicator_id: entry for entry in values}
        counted = {row.indicator.pk: row.indicator for row in counted_here}
        if set(given) & set(counted):
            names = "、".join(counted[pk].name for pk in given if pk in counted)
            outcome.errors = [
                _("%(names)s 由项目台账自动计数，无需填报；请到项目台账更新项目。") % {"names": names}
            ]
            transaction.set_rollback(True)
            return outcome
        if not set(given) <= set(by_id):
            raise PermissionDenied  # another office's indicator, or none at all
        locked = state_error(office_month)
        if locked:
            outcome.errors = [locked]
            outcome.locked = True
            transaction.set_rollback(True)
            return outcome
        # Rows the caller did not send keep what is stored, so a submit still checks the whole month.
        entries = [given.get(row.indicator.pk) or stored_entry(row) for row in rows]
        outcome.rows = [checks.check_entry(row, entry) for row, entry in zip(rows, entries, strict=True)]
        stale = expected_version is not None and office_month.version != expected_version
        if stale and (
            submit
            or any(checked.changes_figure for checked in outcome.rows if checked.row.indicator.pk in given)
        ):
            outcome.conflict = True
            outcome.conflicts = _conflicts(outcome.rows, given)
            transaction.set_rollback(True)
            return outcome
        if submit:
            for checked in outcome.rows:
                checked.errors.extend(checks.submit_problems(checked))
        if outcome.has_row_errors or dry_run:
            transaction.set_rollback(True)
            return outcome
        for checked in outcome.rows:
            if checked.row.indicator.pk in given and checked.changes_figure:
                _write(checked, year, month, user, source)
                outcome.changed += 1
        if outcome.changed:
            office_month.version += 1
            OfficeMonthEvent.objects.create(
                office_month=office_month,
                action=OfficeMonthEvent.Action.SAVE,
                actor=user,
                comment=_("修改 %(count)s 项（%(source)s）")
                % {"count": outcome.changed, "source": FigureChange.Source(source).label},
            )
        if submit:
            office_month.state = OfficeMonth.State.SUBMITTED
            office_month.version += 1
            OfficeMonthEvent.objects.create(
                office_month=office_month, action=OfficeMonthEvent.Action.SUBMIT, actor=user
            )
            outcome.submitted = True
        if office_month.version == 0:
            # Nothing changed in a month never saved before: leave no empty draft behind.
            transaction.set_rollback(True)
        else:
            office_month.save()
        outcome.saved = True
        outcome.version, outcome.state = office_month.version, office_month.state
    return outcome


def stored_entry(row) -> checks.Entry:
    figure = row.figure
    if figure is None:
        return checks.Entry(indicator_id=row.indicator.pk, seen_version=0)
    return checks.Entry(
        indicator_id=row.indicator.pk,
        text=f"{figure.value.normalize():f}",
        note=figure.note,
        reason=figure.reason,
        measures=figure.measures,
        confirm=True,  # already stored: its checks were passed or confirmed when it was saved
        seen_version=figure.version,
    )


def _conflicts(rows: list[checks.Checked], given: dict) -> list[ConflictRow]:
    """Rows changed since the caller loaded them (by version), or, without versions, rows that differ."""
    conflicts = []
    for checked in rows:
        if checked.row.indicator.pk not in given:
            continue
        figure = checked.row.figure
        seen = checked.entry.seen_version
        # With the version the caller loaded, any change since counts; without it (the API), only differences.
        changed = (figure.version if figure else 0) != seen if seen is not None else checked.changes_figure
        if changed:
            conflicts.append(
                ConflictRow(
                    indicator=checked.row.indicator,
                    seen=checked.entry.seen_text,
                    theirs=checked.entry.text,
                    now=figure.value if figure else None,
                    by=figure.updated_by if figure else None,
                    at=figure.updated_at if figure else None,
                )
            )
    return conflicts


def _write(checked: checks.Checked, year: int, month: int, user, source: str) -> Figure:
    entry, figure = checked.entry, checked.row.figure
    if figure is None:
        figure = Figure(indicator=checked.row.indicator, year=year, month=month, version=0)
    figure.reason = entry.reason
    figure.measures = entry.measures
    figure.is_sample = False  # a person's figure replaces generated sample data
    figure.record(checked.value, entry.note, user, source, comment=_confirmation_comment(checked))
    return figure


def _confirmation_comment(checked: checks.Checked) -> str:
    """Keep on the record that a person confirmed a warning or a year-to-date decrease."""
    row = checked.row
    if not checked.entry.confirm:
        return ""
    notes = []
    if checks.outlier_range(row) and checked.value is not None:
        low, high = checks.outlier_range(row)
        if not low <= checked.value <= high:
            notes.append(_("已确认超出常见范围"))
    last = row.last_month
    decreased = last is not None and checked.value is not None and checked.value < last
    if decreased and row.indicator.measure == row.indicator.Measure.YEAR_TO_DATE:
        notes.append(_("已确认累计调减"))
    return "；".join(notes)
