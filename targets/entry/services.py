"""``save_month``: the one write path for an office's month, used by the form, the Excel import and the API.

Everything happens in one transaction with the office's month row locked (``SELECT … FOR UPDATE``), so two
saves of the same month run one after the other: either every value of the month is stored, each change with a
``FigureChange``, or nothing is.

Two people at once: a save writes only what its editor changed. Each row comes with what its editor loaded
(``Entry.loaded``, see ``targets.entry.loaded``); per row and per field (the value, 备注, 原因, 下步措施):

- typed = loaded: the editor did not change it; whatever is stored now stays (a colleague's newer value too);
- typed ≠ loaded, stored = loaded: only the editor changed it; it is written;
- typed ≠ loaded, stored ≠ loaded, stored ≠ typed: both changed it — a conflict. Nothing of the month is
  written and the outcome lists exactly these fields: loaded, typed, stored now, by whom, when. The editor's
  next save, based on the values now stored (``Outcome.rebased`` for the form, ``Merge.acknowledged`` for an
  import), overwrites them knowingly; the rows they did not change keep their colleague's values;
- typed = stored: nothing to write (sending the same month twice is not a conflict).

A row whose loaded content is unknown (no or an altered token, an API call without ``loaded``) counts as
changed by others when the month's ``OfficeMonth.version`` moved since ``expected_version`` (so a differing value
is a conflict), and as unchanged when it did not. ``expected_version=None`` (an API call without ``version``)
sets the values as sent. Submitting a month that others changed since the editor loaded it is refused until the
editor has seen the month as it is now.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from targets import roles
from targets.entry import checks
from targets.entry.loaded import FIELDS, NOTHING, UNKNOWN, Loaded, of_figure
from targets.entry.rows import counted_rows, entry_years, is_future, month_rows, period_of
from targets.models import Figure, FigureChange, OfficeMonth, OfficeMonthEvent
from targets.parsing import FigureError, parse_figure
from targets.templatetags.targets_format import amount

FIELD_LABELS = {
    "value": _lazy("数值"),
    "note": _lazy("备注"),
    "reason": _lazy("原因"),
    "measures": _lazy("下步措施"),
}


@dataclass
class FieldConflict:
    """A field both people changed: what this editor loaded and typed, what is stored now, by whom, when."""

    indicator: object
    field: str  # one of ``loaded.FIELDS``
    loaded: str | None  # as shown to the editor ("" empty or nothing stored); None: not known
    typed: str
    now: str
    by: object = None
    at: object = None

    @property
    def label(self) -> str:
        return FIELD_LABELS[self.field]


INVALID = object()  # a typed value that is not a figure (the checks say why)


@dataclass
class Merge:
    """One row a caller gave, compared field by field with what they loaded and what is stored now."""

    row: object
    entry: checks.Entry
    stored: Loaded
    loaded: Loaded
    typed: dict  # field → the typed value (a Decimal, None or ``INVALID``) or text; absent: not given
    mine: set[str] = field(default_factory=set)  # fields the caller changed
    others: set[str] = field(default_factory=set)  # fields changed since the caller loaded them (or unknown)
    conflicts: set[str] = field(default_factory=set)

    @property
    def kept(self) -> set[str]:
        """Fields someone else changed that this caller did not: their new content stays."""
        return {name for name in self.others - self.mine if self.loaded.get(name) is not UNKNOWN}

    def _text(self, name: str) -> str:
        if name == "value":
            return "" if self.stored.value is None else f"{self.stored.value.normalize():f}"
        return self.stored.get(name)

    def _pick(self, name: str):
        if name in self.mine:
            return self.entry.text if name == "value" else self.typed[name]
        return self._text(name)

    def merged(self) -> checks.Entry:
        """What the save stores: the caller's changes over what is stored now."""
        return checks.Entry(
            indicator_id=self.entry.indicator_id,
            text=self._pick("value"),
            note=self._pick("note"),
            reason=self._pick("reason"),
            measures=self._pick("measures"),
            confirm=self.entry.confirm if "value" in self.mine else False,
            loaded=self.loaded,
        )

    def rebased(self) -> checks.Entry:
        """The row as the form shows it after a save that was not applied: the caller's changes over what is
        stored now, based on what is stored now (so saving again overwrites the conflicts knowingly, and only
        them)."""
        entry = self.merged()
        entry.confirm = self.entry.confirm
        entry.loaded = self.stored
        return entry

    def acknowledged(self) -> Loaded:
        """What the caller loaded, with each conflict's stored content in place of it: once the caller has seen
        the conflicts, this lets their typed content overwrite those fields, and only those."""
        return Loaded(
            **{
                name: self.stored.get(name) if name in self.conflicts else self.loaded.get(name)
                for name in FIELDS
            }
        )

    def conflict_rows(self) -> list[FieldConflict]:
        figure = self.row.figure
        rows = []
        for name in FIELDS:
            if name not in self.conflicts:
                continue
            loaded = self.loaded.get(name)
            if name == "value":
                shown = None if loaded is UNKNOWN else ("" if loaded is None else amount(loaded))
                typed, now = self.entry.text, "" if self.stored.value is None else amount(self.stored.value)
            else:
                shown = None if loaded is UNKNOWN else loaded
                typed, now = self.typed[name], self.stored.get(name)
            rows.append(
                FieldConflict(
                    indicator=self.row.indicator,
                    field=name,
                    loaded=shown,
                    typed=typed,
                    now=now,
                    by=figure.updated_by if figure else None,
                    at=figure.updated_at if figure else None,
                )
            )
        return rows


def _typed_value(entry: checks.Entry, unit: str):
    text = entry.text.strip()
    if not text:
        return None
    if len(text) > checks.VALUE_LIMIT:
        return INVALID
    try:
        return parse_figure(text, unit)
    except FigureError:
        return INVALID


def merge(row, entry: checks.Entry, *, stale: bool) -> Merge:
    """Compare ``entry`` with what its editor loaded and what ``row`` holds now (the rule: module docstring).

    ``stale``: the month changed since the editor's version; it decides only for fields whose loaded content
    is unknown.
    """
    loaded = entry.loaded or Loaded()
    typed = {"value": _typed_value(entry, row.indicator.unit)}
    for name in FIELDS[1:]:
        if getattr(entry, name) is not None:
            typed[name] = getattr(entry, name)
    result = Merge(row=row, entry=entry, stored=of_figure(row.figure), loaded=loaded, typed=typed)
    for name, value in typed.items():
        stored, was = result.stored.get(name), loaded.get(name)
        if was is UNKNOWN:
            mine, others = value is INVALID or value != stored, stale
        else:
            mine, others = value is INVALID or value != was, stored != was
        if mine:
            result.mine.add(name)
        if others:
            result.others.add(name)
        if mine and others and (value is INVALID or value != stored):
            result.conflicts.add(name)
    return result


@dataclass
class Outcome:
    """What ``save_month`` did: saved or not, and why not (month errors, row errors, a conflict)."""

    rows: list[checks.Checked] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)  # the rows the caller gave
    errors: list[str] = field(default_factory=list)
    conflicts: list[FieldConflict] = field(default_factory=list)  # only fields both people changed
    conflict: bool = False  # not saved because of conflicts, or a submit of a month changed meanwhile
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

    @property
    def kept(self) -> list:
        """Indicators where a colleague's newer content was kept because this caller had not changed it."""
        return [item.row.indicator for item in self.merges if item.kept]

    def rebased(self) -> dict[int, checks.Entry]:
        """Per indicator given, what the form shows after a save that was not applied (``Merge.rebased``)."""
        return {item.entry.indicator_id: item.rebased() for item in self.merges}

    def acknowledged(self) -> dict[int, Loaded]:
        """Per conflicting indicator, the loaded content with which a second save overwrites knowingly."""
        return {item.entry.indicator_id: item.acknowledged() for item in self.merges if item.conflicts}


_UNREAD = object()


def month_errors(year: int, month: int, user, *, years: range | None = None, period=_UNREAD) -> list[str]:
    """Why this month cannot be entered at all, whoever's office it is; ``years`` (``entry_years()``) and
    ``period`` (``period_of(year, month)``) are read here unless the caller has read them already."""
    years = entry_years() if years is None else years
    if not 1 <= month <= 12 or year not in years:
        return [
            _("只能填报 %(first)s 年至 %(last)s 年的月份。") % {"first": years.start, "last": years.stop - 1}
        ]
    if is_future(year, month):
        return [_("%(year)s年%(month)s月尚未开始，不能填报未来的月份。") % {"year": year, "month": month}]
    if period is _UNREAD:
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
        stale = expected_version is not None and office_month.version != expected_version
        outcome.merges = [
            merge(row, given[row.indicator.pk], stale=stale) for row in rows if row.indicator.pk in given
        ]
        merged = {item.entry.indicator_id: item.merged() for item in outcome.merges}
        # Rows the caller did not send keep what is stored, so a submit still checks the whole month.
        entries = [merged.get(row.indicator.pk) or stored_entry(row) for row in rows]
        outcome.rows = [checks.check_entry(row, entry) for row, entry in zip(rows, entries, strict=True)]
        outcome.conflicts = [conflict for item in outcome.merges for conflict in item.conflict_rows()]
        # Submitting vouches for the whole month: not before the editor has seen what others changed in it.
        unseen = submit and stale and any(item.others for item in outcome.merges)
        if outcome.conflicts or unseen:
            outcome.conflict = True
            transaction.set_rollback(True)
            return outcome
        if submit:
            for checked in outcome.rows:
                checked.errors.extend(checks.submit_problems(checked))
        if outcome.has_row_errors or dry_run:
            transaction.set_rollback(True)
            return outcome
        for checked in outcome.rows:
            if checked.row.indicator.pk in merged and checked.changes_figure:
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
    """The row as stored, as a page shows it when opened (based on what is stored)."""
    figure = row.figure
    if figure is None:
        return checks.Entry(indicator_id=row.indicator.pk, loaded=NOTHING)
    return checks.Entry(
        indicator_id=row.indicator.pk,
        text=f"{figure.value.normalize():f}",
        note=figure.note,
        reason=figure.reason,
        measures=figure.measures,
        confirm=True,  # already stored: its checks were passed or confirmed when it was saved
        loaded=of_figure(figure),
    )


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
