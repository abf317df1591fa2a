"""What text a person, a file or a system may give us: no NUL character, no unpaired surrogate.

PostgreSQL refuses a NUL in a text value ("A string literal cannot contain NUL") and a lone surrogate
(``"\\ud800"`` in JSON) cannot be encoded to UTF-8, so either would fail deep in a save. Every way text comes in
asks this module first and answers the person in Chinese: the monthly form, the Excel import and the API through
``targets.entry.checks`` (one row error), the API body as a whole (``problem_in``, a 400), the Excel reader (the
file's message). The Django forms of the projects app and the admin need nothing more: ``CharField`` refuses NUL
itself, and a form post cannot carry a lone surrogate (the body is decoded with replacement characters).
"""

from django.utils.translation import gettext as _


def text_problem(text: str) -> str | None:
    """A Chinese message when ``text`` holds a character we cannot store, else ``None``."""
    if "\x00" in text:
        return _("内容含有空字符（NUL），无法保存，请删除后重试。")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _("内容含有无效的字符（不成对的代理项），无法保存，请删除后重试。")
    return None


def problem_in(data) -> str | None:
    """The first text problem anywhere in decoded JSON (keys too), else ``None``."""
    pending = [data]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            problem = text_problem(item)
            if problem:
                return problem
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return None
