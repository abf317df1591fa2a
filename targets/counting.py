"""How another app tells the progress engine that a target is counted from its own records.

``targets`` never imports ``projects``; instead ``projects`` registers a register reader at start-up
(``register_reader``): ``reader(targets) -> reading``, where the reading, read in a fixed number of queries for a
page, answers without further queries:

- ``counts(until_by_target: {target_id: date}) -> {target_id: count}`` for the targets it knows a rule for (the
  others are left out, and staff type their figures);
- ``activity(office_ids, year) -> {office_id: {month, …}}``: the months in which an office's register changed (a
  project added or edited, a stage reached). A register-counted target is judged only for months its office kept
  the register (``targets.registers``); ``None`` among the office ids asks about anyone's register;
- ``works(until_by_target) -> {target_id: state}`` for targets linked to works on the register (a milestone the
  report only promises to push forward), the state being ``done`` (every linked work done), ``slipped`` (a time
  node of one is late), ``on_time`` (planned and on schedule) or ``unplanned`` (nothing planned or reached yet).
  The target's status comes from it, so the works are tracked once.

``read(targets)`` asks every reader once and returns ``Registers``; the progress engine reads it once per page
(``targets.progress.loading``) and asks it about any month, so a target's month-by-month history costs no more
queries than its current month. The first reader that answers for a target wins.
"""

from collections.abc import Callable, Iterable
from datetime import date

_readers: list[Callable] = []


def register_reader(reader: Callable) -> None:
    if reader not in _readers:
        _readers.append(reader)


class Registers:
    """What every registered register says about ``targets`` (and about any office's activity)."""

    def __init__(self, targets: Iterable):
        self.targets = list(targets)
        self.readings = [reader(self.targets) for reader in _readers]
        self.memo: dict = {}  # for callers that derive something from the registers once per page

    def counted_actuals(self, until_by_target: dict[int, date]) -> dict[int, int]:
        """The count the registers give for each target of ``until_by_target`` up to its own day, keyed by target
        id; a target no register counts is left out."""
        counts: dict[int, int] = {}
        for reading in self.readings:
            remaining = {pk: day for pk, day in until_by_target.items() if pk not in counts}
            if not remaining:
                break
            counts.update({pk: n for pk, n in reading.counts(remaining).items() if n is not None})
        return counts

    def activity_months(self, office_ids: Iterable, year: int) -> dict[int | None, set[int]]:
        """The months of ``year`` in which each office's registers changed, keyed by office id (every reader)."""
        office_ids = set(office_ids)
        months: dict[int | None, set[int]] = {pk: set() for pk in office_ids}
        if not office_ids:
            return months
        for reading in self.readings:
            for office_id, found in reading.activity(office_ids, year).items():
                months.setdefault(office_id, set()).update(found)
        return months

    def works_states(self, until_by_target: dict[int, date]) -> dict[int, str]:
        """The state of the works linked to each target (``done``/``slipped``/``on_time``/``unplanned``), keyed by
        target id; targets linked to no work are left out."""
        states: dict[int, str] = {}
        for reading in self.readings:
            remaining = {pk: day for pk, day in until_by_target.items() if pk not in states}
            if not remaining:
                break
            states.update(reading.works(remaining))
        return states


def read(targets: Iterable) -> Registers:
    return Registers(targets)


def counted_actuals(targets: Iterable, until_by_target: dict[int, date]) -> dict[int, int]:
    """``Registers.counted_actuals`` for ``targets`` on their own."""
    targets = [target for target in targets if target.pk in until_by_target]
    return read(targets).counted_actuals({t.pk: until_by_target[t.pk] for t in targets})


def counted_actual(target, until: date) -> int | None:
    """The count the registers give for ``target`` up to ``until``, or ``None`` when no register counts it."""
    return counted_actuals([target], {target.pk: until}).get(target.pk)
