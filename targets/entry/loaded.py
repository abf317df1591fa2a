"""What an editor loaded for one row of a month, carried back with what they type.

A save changes only what its editor changed: for each row, ``save_month`` compares the value and the three texts
(备注, 原因, 下步措施) typed with the ones the editor loaded (see ``targets.entry.services.merge``). So every way
of entering a month carries, per row, what it was based on:

- the form: a hidden ``loaded_<indicator id>`` field per row;
- the Excel sheet: a hidden column ``载入校验`` per row;
- the API: an optional ``"loaded"`` object per figure (not signed: a system states what it read).

The form and the sheet carry a ``token``: the loaded value and texts, signed with the site's ``SECRET_KEY`` and
bound to the office, month and indicator, so a hand-edited field or a row copied from another month's file is
recognised and treated as unknown (never trusted). Unknown means: the row counts as changed by others whenever
the month changed since the editor's version, so a differing value is shown as a conflict, never written blind.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core import signing

FIELDS = ("value", "note", "reason", "measures")


class Unknown(enum.Enum):
    """A field whose loaded content is not known (no or a bad token, or an API call that left it out)."""

    UNKNOWN = "unknown"


UNKNOWN = Unknown.UNKNOWN


@dataclass(frozen=True)
class Loaded:
    """A row as its editor loaded it: the value (``None``: nothing stored) and the texts (``""``: empty)."""

    value: Decimal | None | Unknown = UNKNOWN
    note: str | Unknown = UNKNOWN
    reason: str | Unknown = UNKNOWN
    measures: str | Unknown = UNKNOWN

    def get(self, name: str):
        return getattr(self, name)


NOTHING = Loaded(value=None, note="", reason="", measures="")  # a row with no figure stored


def of_figure(figure) -> Loaded:
    """What a page shows of ``figure`` (``None``: no figure stored)."""
    if figure is None:
        return NOTHING
    return Loaded(value=figure.value, note=figure.note, reason=figure.reason, measures=figure.measures)


def _salt(office_id: int, year: int, month: int, indicator_id: int) -> str:
    return f"targets.entry.loaded:{office_id}:{year}:{month}:{indicator_id}"


def sign(loaded: Loaded, office_id: int, year: int, month: int, indicator_id: int) -> str:
    """A token for ``loaded`` that only this office's month and indicator accept."""
    value = loaded.value
    payload = [
        None if value is UNKNOWN else (None if value is None else f"{value.normalize():f}"),
        *(None if loaded.get(name) is UNKNOWN else loaded.get(name) for name in FIELDS[1:]),
        [name for name in FIELDS if loaded.get(name) is UNKNOWN],
    ]
    return signing.dumps(payload, salt=_salt(office_id, year, month, indicator_id), compress=True)


def unsign(token: str | None, office_id: int, year: int, month: int, indicator_id: int) -> Loaded | None:
    """The ``Loaded`` a token carries, or ``None`` when there is none or it was altered or is another row's."""
    if not token or len(token) > 40_000:
        return None
    try:
        value, note, reason, measures, unknown = signing.loads(
            token, salt=_salt(office_id, year, month, indicator_id)
        )
        fields = {
            "value": None if value is None else Decimal(value),
            "note": note,
            "reason": reason,
            "measures": measures,
        }
    except (signing.BadSignature, ValueError, TypeError, InvalidOperation):
        return None
    return Loaded(**{name: UNKNOWN if name in unknown else fields[name] for name in FIELDS})
