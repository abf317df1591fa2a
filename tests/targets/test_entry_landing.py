"""/targets/entry/ opens the month the office still owes, in the current target year, never a year without
targets."""

from datetime import date

import pytest

from targets.entry.status import owed_month
from targets.models import OfficeMonth, Period
from tests.targets.entry_setup import build_town
from tests.targets.test_entry_views import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return build_town()


def lands(town, on, monkeypatch):
    from targets.views import entry

    monkeypatch.setattr(entry, "today", lambda: on)
    response = client_for(town.staff).get("/targets/entry/")
    assert response.status_code == 302
    return response.url


def done(town, *months, state=OfficeMonth.State.APPROVED):
    for month in months:
        OfficeMonth.objects.create(office=town.office, year=2023, month=month, state=state)


def test_on_the_3rd_staff_land_on_last_month_when_it_is_the_one_owed(town, monkeypatch):
    done(town, 1, 2, 3, 4, 5)
    assert lands(town, date(2023, 7, 3), monkeypatch) == f"/targets/entry/{town.office.pk}/2023/6/"


def test_the_earliest_month_still_owed_comes_first(town, monkeypatch):
    done(town, 1, 2, 4, 5, 6)
    done(town, 3, state=OfficeMonth.State.RETURNED)
    assert lands(town, date(2023, 7, 3), monkeypatch) == f"/targets/entry/{town.office.pk}/2023/3/"


def test_a_closed_period_is_not_owed(town):
    done(town, 1, 2, 4, 5, 6)
    Period.objects.create(year=2023, month=3, deadline=date(2023, 4, 5), is_open=False)
    assert owed_month(town.office, date(2023, 7, 3)) == (
        2023,
        6,
    )  # nothing owed: the last month with a deadline


def test_all_done_lands_on_the_last_month_with_a_deadline(town):
    done(town, 1, 2, 3, 4, 5, 6)
    assert owed_month(town.office, date(2023, 7, 20)) == (2023, 6)


def test_a_year_without_targets_is_never_opened(town, monkeypatch):
    # Targets exist for 2023 only; in 2026 the form opens on 2023's first month still owed, not on 2026.
    done(town, 1, 2)
    assert lands(town, date(2026, 2, 3), monkeypatch) == f"/targets/entry/{town.office.pk}/2023/3/"


def test_before_any_month_of_the_year_is_over_the_first_month_opens(town):
    assert owed_month(town.office, date(2023, 1, 10)) == (2023, 1)


def test_a_chosen_month_still_wins(town, monkeypatch):
    from targets.views import entry

    monkeypatch.setattr(entry, "today", lambda: date(2023, 7, 3))
    response = client_for(town.staff).get("/targets/entry/?year=2023&month=2")
    assert response.url == f"/targets/entry/{town.office.pk}/2023/2/"
