"""The uploaded report's text, kept on the server by reference: a file named by a random token, per admin.

Never in the session (a report is tens of kilobytes, and sessions stay small); cleared after two days.
"""

import json
import secrets
import time
from pathlib import Path

from django.conf import settings

DRAFT_LIFETIME = 2 * 24 * 3600


def draft_dir() -> Path:
    return Path(getattr(settings, "REPORT_DRAFT_DIR", settings.DATA_DIR / "report-drafts"))


def save_draft(text: str, filename: str, year: int, user) -> str:
    """Keep ``text`` for ``user`` under a random token; old drafts are cleared on the way."""
    folder = draft_dir()
    folder.mkdir(parents=True, exist_ok=True)
    now = time.time()
    for old in folder.glob("*.json"):
        if now - old.stat().st_mtime > DRAFT_LIFETIME:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(18)
    data = {"user": user.pk, "filename": filename, "year": year, "text": text}
    (folder / f"{token}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return token


def load_draft(token: str, user) -> dict | None:
    if not token.replace("-", "").replace("_", "").isalnum():
        return None
    path = draft_dir() / f"{token}.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if data.get("user") == user.pk else None


def delete_draft(token: str) -> None:
    (draft_dir() / f"{token}.json").unlink(missing_ok=True)
