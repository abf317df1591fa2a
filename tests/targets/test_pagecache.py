"""The leaders' pages are built once per change of the data (targets.pagecache): a page read twice is served from
the cache, and any change to what it shows, however it is written, is on the page at the next request.

These tests commit their data (``transactional_db``), as the town's server does: the cache is never used inside a
transaction that has itself written, which is what every other test's data are."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from projects.models import Project
from targets import pagecache, roles
from targets.models import Figure, Target
from tests.factories import make_figure, make_office, make_project, make_target, make_user


def version() -> int | None:
    return pagecache.read_version()


def queries_for(client, url) -> tuple[int, str]:
    """The queries a request made, and what its page shows under the navigation."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    return len(captured), page[page.index("<main") : page.index("</main>")]


@pytest.mark.django_db(transaction=True)
def test_a_figure_saved_after_a_page_was_cached_shows_at_the_next_request(client):
    office = make_office("经济发展局")
    target = make_target(value="10", unit="亿元")
    target.indicator.office = office
    target.indicator.save()
    figure = make_figure(target.indicator, 6, "4.2")
    client.force_login(make_user(roles.LEADER))
    url = "/?year=2023&month=6"

    built, first = queries_for(client, url)
    cached, second = queries_for(client, url)
    assert "4.2" in first and second == first
    assert cached < built and cached <= 4, "a page read again is served from the cache"

    api = "/api/v1/targets?year=2023&as_of=2023-06"
    assert [row["actual"] for row in client.get(api).json()["targets"]] == ["4.2"]
    with CaptureQueriesContext(connection) as captured:
        assert [row["actual"] for row in client.get(api).json()["targets"]] == ["4.2"]
    assert len(captured) <= 4, "the API's answer is cached too"

    # not through save(): no signal to rely on
    Figure.objects.filter(pk=figure.pk).update(value=Decimal("7.9"))
    _queries, after = queries_for(client, url)
    assert "7.9" in after and "4.2" not in after
    assert [row["actual"] for row in client.get(api).json()["targets"]] == ["7.9"]

    detail = f"/targets/{target.pk}/?month=6"
    assert "7.9" in queries_for(client, detail)[1]
    with connection.cursor() as cursor:  # raw SQL, as a maintenance script would
        cursor.execute("UPDATE targets_figure SET value = 8.3 WHERE id = %s", [figure.pk])
    assert "8.3" in queries_for(client, detail)[1]


@pytest.mark.django_db(transaction=True)
def test_every_kind_of_write_changes_the_version_and_a_rolled_back_one_does_not():
    target = make_target()
    seen = [version()]

    def changed() -> bool:
        seen.append(version())
        return seen[-1] != seen[-2]

    Target.objects.filter(pk=target.pk).update(order=5)
    assert changed()
    Figure.objects.bulk_create([Figure(indicator=target.indicator, year=2023, month=1, value=1)])
    assert changed()
    make_project("新项目")
    assert changed()
    Project.objects.all().delete()
    assert changed()
    with pytest.raises(RuntimeError), transaction.atomic():
        Target.objects.filter(pk=target.pk).update(order=6)
        raise RuntimeError
    assert not changed()
    with transaction.atomic():  # many writes, one change
        for month in (2, 3, 4):
            make_figure(target.indicator, month, "2")
    assert changed()
    assert len(set(seen)) == len(seen) - 1, "a version number is never used twice"


@pytest.mark.django_db(transaction=True)
def test_a_login_or_a_read_does_not_empty_the_cache(client):
    make_target()
    user = make_user(roles.LEADER)
    before = version()
    client.force_login(user)
    user.refresh_from_db()
    user.last_login = None
    user.save(update_fields=["last_login"])
    client.get("/?year=2023")
    client.get("/targets/briefing/?year=2023&month=6")
    assert version() == before


@pytest.mark.django_db
def test_inside_a_transaction_that_wrote_the_page_is_always_built_afresh(client):
    """Its own changes are not yet everyone's data: what it sees is neither kept for others nor read from the
    cache (the version changes only when it commits)."""
    client.force_login(make_user(roles.LEADER))
    target = make_target(value="12", unit="个")  # written in this test's transaction, never committed
    assert version() is None
    assert "15个" not in client.get(f"/targets/{target.pk}/").content.decode()
    Target.objects.filter(pk=target.pk).update(value=Decimal(15))
    assert "15个" in client.get(f"/targets/{target.pk}/").content.decode()


@pytest.mark.django_db
def test_every_table_a_page_reads_carries_the_trigger():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = 'targets_data_change' AND NOT tgisinternal"
        )
        watched = {row[0] for row in cursor.fetchall()}
    for label in pagecache.WATCHED_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            meta = model._meta
            if meta.proxy or not meta.managed or meta.label_lower in pagecache.UNWATCHED:
                continue
            assert meta.db_table in watched, (
                f"{meta.label} has no trigger: a write to it would leave pages stale"
            )
    assert "targets_figure" in watched and "projects_project" in watched
    assert "django_session" not in watched and "targets_message" not in watched
