"""Read pages built once per change of the data, not once per request.

A leader's pages (the dashboard, a target's page, the monthly briefing, the wall chart) are read many times
between two changes of what they show: figures are entered a few times a month, the pages are opened before every
调度会. So the body of such a page (everything under the navigation, the same for every user allowed to see it)
is kept in the ``pages`` cache under the data's version, and rebuilt only when the data changed.

The version lives in the database, so that nothing that writes can forget it:

- every table of the apps in ``WATCHED_APPS`` (but the bookkeeping ones in ``UNWATCHED``) carries a statement
  trigger (installed after each ``migrate`` by ``install_triggers``) that, the first time a transaction writes,
  queues one row in ``targets_datachange``;
- that row's deferred trigger runs when the transaction commits and sets ``targets_dataversion.value`` to the
  next number of a sequence. The version thus changes in the same commit as the data (a reader never sees new
  data under an old version for longer than its own queries take), its row is locked only at commit (writers
  do not queue on it while they work), and a rolled-back transaction's number is never used again.

``body(request, page, build)`` reads the version (one query), and returns the cached body or builds it. It
never reads nor fills the cache inside a transaction that has itself written (its own changes are not yet the
data everyone sees), so a page rendered right after a write in the same transaction is always built afresh.
The key holds the page, its arguments and query, the language, the date (序时 moves with the calendar), the
reader's role and the database; cached bodies must not depend on anything else (no CSRF token, no user name).
"""

import hashlib
from collections.abc import Callable

from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone, translation

from targets import roles

CACHE = "pages"
# Apps whose tables the pages read: a write to any of them changes the version.
WATCHED_APPS = {"targets", "projects", "auth"}
# Tables no cached page shows: logins, API tokens, pending uploads, each user's messages, the version itself.
UNWATCHED = {
    "targets.apitoken",
    "targets.pendingimport",
    "targets.message",
    "targets.delivery",
    "targets.dataversion",
    "targets.datachange",
    "auth.permission",
}
# auth_user changes at every login (last_login): only the columns a page may show count.
USER_COLUMNS = ("username", "first_name", "last_name", "is_active", "is_superuser")

# The sequence never goes back, even when the database is re-created or restored from a backup (which resets it):
# it is moved up to the clock's microseconds after each migrate and restore (``renew``), above any number a
# running server may still hold a page under.
RENEW_SQL = """
SELECT setval('targets_data_version_seq', GREATEST(
    (SELECT last_value FROM targets_data_version_seq), (extract(epoch FROM clock_timestamp()) * 1000000)::bigint));
UPDATE targets_dataversion SET value = nextval('targets_data_version_seq') WHERE id = 1;
"""
FUNCTIONS_SQL = """
CREATE SEQUENCE IF NOT EXISTS targets_data_version_seq;
CREATE OR REPLACE FUNCTION targets_note_data_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('zhengyu.data_changed', true) IS DISTINCT FROM '1' THEN
        PERFORM set_config('zhengyu.data_changed', '1', true);
        INSERT INTO targets_datachange DEFAULT VALUES;
    END IF;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION targets_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE targets_dataversion SET value = nextval('targets_data_version_seq') WHERE id = 1;
    DELETE FROM targets_datachange WHERE id = NEW.id;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS targets_bump_data_version ON targets_datachange;
CREATE CONSTRAINT TRIGGER targets_bump_data_version AFTER INSERT ON targets_datachange
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION targets_bump_data_version();
INSERT INTO targets_dataversion (id, value) VALUES (1, nextval('targets_data_version_seq'))
    ON CONFLICT (id) DO NOTHING;
"""
TRIGGER_SQL = """
DROP TRIGGER IF EXISTS targets_data_change ON {table};
CREATE TRIGGER targets_data_change AFTER {events} ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION targets_note_data_change();
"""


def watched_tables(models) -> list[tuple[str, str]]:
    """(table, events) for each model of ``models`` whose writes change what pages show."""
    tables = []
    for model in models:
        meta = model._meta
        if meta.proxy or not meta.managed or meta.label_lower in UNWATCHED:
            continue
        if meta.label_lower == "auth.user":
            events = f"INSERT OR DELETE OR TRUNCATE OR UPDATE OF {', '.join(USER_COLUMNS)}"
        else:
            events = "INSERT OR UPDATE OR DELETE OR TRUNCATE"
        tables.append((meta.db_table, events))
    return tables


def install_triggers(app_config=None, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """After ``migrate`` (a ``post_migrate`` receiver): the version's functions and one trigger per watched table.

    Idempotent; runs for each migrated app, so tables added by later migrations get their trigger too.
    """
    if app_config is None or app_config.label not in WATCHED_APPS:
        return
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    if "targets_dataversion" not in existing:
        return  # migrating backwards past the version's tables
    with connection.cursor() as cursor:
        cursor.execute(FUNCTIONS_SQL)
        for table, events in watched_tables(app_config.get_models(include_auto_created=True)):
            if table in existing:
                cursor.execute(TRIGGER_SQL.format(events=events, table=connection.ops.quote_name(table)))
        if app_config.label == "targets":
            cursor.execute(RENEW_SQL)


def renew(using=DEFAULT_DB_ALIAS) -> None:
    """After the database was replaced (``targets.backup.restore``): a version no page was ever cached under."""
    connection = connections[using]
    if "targets_dataversion" in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute(FUNCTIONS_SQL)
            cursor.execute(RENEW_SQL)


def read_version(using=DEFAULT_DB_ALIAS) -> int | None:
    """The data's version, or ``None`` when this transaction has itself written (its view is not everyone's)."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT value, current_setting('zhengyu.data_changed', true) FROM targets_dataversion WHERE id = 1"
        )
        row = cursor.fetchone()
    if row is None or row[1] == "1":
        return None
    return row[0]


def key(request, page: str, version: int, args=()) -> str:
    """The cache key of ``page`` (with ``args``) as ``request`` asks for it, at ``version`` of the data."""
    query = sorted((name, value) for name, values in request.GET.lists() for value in values)
    parts = [
        connections[DEFAULT_DB_ALIAS].settings_dict["NAME"],
        str(version),
        timezone.localdate().isoformat(),
        translation.get_language() or "",
        roles.primary_role(request.user) or "",
        page,
        repr(tuple(args)),
        repr(query),
    ]
    return f"page:{page}:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def body(request, page: str, build: Callable[[], dict], args=()) -> dict:
    """What ``build()`` returns (a page's body as HTML, with what its shell needs), from the cache when the data
    have not changed since it was built. ``build`` must answer the same for every user ``page`` is shown to."""
    version = read_version()
    if version is None:
        return build()
    cache = caches[CACHE]
    cache_key = key(request, page, version, args)
    kept = cache.get(cache_key)
    if kept is None:
        kept = build()
        cache.set(cache_key, kept)
    return kept


def clear() -> None:
    caches[CACHE].clear()
