"""How another app tells the progress engine that a count target is counted from its own records.

``targets`` never imports ``projects``; instead ``projects`` registers a counter at start-up. Two shapes:

- a batch counter (``register_batch``), preferred: ``(targets, until_by_target: {target_id: date}) ->
  {target_id: count}``, answering in a fixed number of queries for every target it knows a rule for and leaving
  the others out;
- a per-target counter (``register``): ``(target, until: date) -> int | None``, ``None`` for targets it has no
  rule for. It costs its queries once per target, so only small registers should use it.

A target no counter answers for is typed by staff as monthly figures. The first counter that answers wins; batch
counters are asked first.

The same registry answers two more questions about a register, again without ``targets`` importing it:

- activity (``register_activity``): ``(office_ids, year) -> {office_id: {month, …}}``, the months in which an
  office's register changed (a project added or edited, a stage reached). A register-counted target is judged
  only for months its office kept the register (``targets.registers``);
- works (``register_works``): ``(targets, until_by_target) -> {target_id: state}`` for targets linked to works on
  the register (a milestone the report only promises to push forward), the state being ``done`` (every linked
  work done), ``slipped`` (a time node of one is late), ``on_time`` (planned and on schedule) or ``unplanned``
  (nothing planned or reached yet). The target's status comes from it, so the works are tracked once.
"""

from collections.abc import Callable, Iterable
from datetime import date

_counters: list[Callable] = []
_batch_counters: list[Callable] = []
_activity: list[Callable] = []
_works: list[Callable] = []


def register(counter: Callable) -> None:
    if counter not in _counters:
        _counters.append(counter)


def register_batch(counter: Callable) -> None:
    if counter not in _batch_counters:
        _batch_counters.append(counter)


def counted_actuals(targets: Iterable, until_by_target: dict[int, date]) -> dict[int, int]:
    """The count the registers give for each of ``targets`` up to its own day in ``until_by_target``.

    Keyed by target id; a target no register counts is left out. Each batch counter is called once, whatever the
    number of targets; per-target counters are asked only about the targets still unanswered.
    """
    remaining = {target.pk: target for target in targets if target.pk in until_by_target}
    counts: dict[int, int] = {}
    for counter in _batch_counters:
        if not remaining:
            break
        answered = counter(list(remaining.values()), {pk: until_by_target[pk] for pk in remaining})
        for pk, count in answered.items():
            if pk in remaining and count is not None:
                counts[pk] = count
                del remaining[pk]
    for target in list(remaining.values()):
        for counter in _counters:
            count = counter(target, until_by_target[target.pk])
            if count is not None:
                counts[target.pk] = count
                break
    return counts


def counted_actual(target, until: date) -> int | None:
    """The count the registers give for ``target`` up to ``until``, or ``None`` when no register counts it."""
    return counted_actuals([target], {target.pk: until}).get(target.pk)


def register_activity(provider: Callable) -> None:
    if provider not in _activity:
        _activity.append(provider)


def register_works(provider: Callable) -> None:
    if provider not in _works:
        _works.append(provider)


def activity_months(office_ids: Iterable[int], year: int) -> dict[int, set[int]]:
    """The months of ``year`` in which each office's registers changed, keyed by office id (all providers)."""
    office_ids = set(office_ids)  # ``None`` among them asks about any office's register
    months: dict[int | None, set[int]] = {pk: set() for pk in office_ids}
    if not office_ids:
        return months
    for provider in _activity:
        for office_id, found in provider(office_ids, year).items():
            months.setdefault(office_id, set()).update(found)
    return months


def works_states(targets: Iterable, until_by_target: dict[int, date]) -> dict[int, str]:
    """The state of the works linked to each target (``done``/``slipped``/``on_time``/``unplanned``), keyed by
    target id; targets linked to no work are left out."""
    targets = [target for target in targets if target.pk in until_by_target]
    states: dict[int, str] = {}
    for provider in _works:
        remaining = [target for target in targets if target.pk not in states]
        if not remaining:
            break
        states.update(provider(remaining, {t.pk: until_by_target[t.pk] for t in remaining}))
    return states
