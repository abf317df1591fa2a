"""How a person is named on every page, export and history: their 姓名 as an admin set it, else their login.

An admin writes a person's name in the user's 名字 / 姓氏 fields (``first_name`` / ``last_name``); most put the
whole 姓名 in 名字. Chinese names read 姓 then 名 without a space (Django's ``get_full_name`` would give
“明 王”); other names read as Django writes them. The login (``username``) is only a fallback, for accounts
whose name nobody set.
"""

from __future__ import annotations


def _is_cjk(text: str) -> bool:
    return any("\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" for char in text)


def person_name(user) -> str:
    """The name to show for ``user``; ``""`` for nobody (a generated or system change)."""
    if user is None:
        return ""
    first = (getattr(user, "first_name", "") or "").strip()
    last = (getattr(user, "last_name", "") or "").strip()
    if first and last:
        name = f"{last}{first}" if _is_cjk(first + last) else f"{first} {last}"
    else:
        name = first or last
    return name or user.get_username()
