"""How another app tells the progress engine that a count target is counted from its own records.

``targets`` never imports ``projects``; instead ``projects`` registers a counter at start-up. A counter is a
callable ``(target, until: date) -> int | None`` that returns the count for targets it knows a rule for, and
``None`` for the rest, which are then typed by staff as monthly figures.
"""

from collections.abc import Callable
from datetime import date

_counters: list[Callable] = []


def register(counter: Callable) -> None:
    if counter not in _counters:
        _counters.append(counter)


def counted_actual(target, until: date) -> int | None:
    """The count the registers give for ``target`` up to ``until``, or ``None`` when no register counts it."""
    for counter in _counters:
        count = counter(target, until)
        if count is not None:
            return count
    return None
