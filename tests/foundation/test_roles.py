"""The three roles exist as groups with the permissions they need, and the navigation follows them."""

import pytest
from django.contrib.auth.models import Group

from targets import roles
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_migrate_creates_the_three_role_groups():
    assert set(Group.objects.values_list("name", flat=True)) >= {"填报员", "领导", "管理员"}


def test_staff_may_enter_figures_but_not_change_targets():
    user = make_user(roles.STAFF)
    assert user.has_perm("targets.change_figure")
    assert not user.has_perm("targets.change_target")


def test_leaders_read_everything_and_change_nothing():
    user = make_user(roles.LEADER)
    assert user.has_perm("targets.view_target") and user.has_perm("projects.view_project")
    assert not user.has_perm("targets.change_figure")
    assert not user.has_perm("targets.change_target")


def test_admins_edit_targets_and_users():
    user = make_user(roles.ADMIN)
    assert user.has_perm("targets.change_target")
    assert user.has_perm("auth.change_user")


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        (roles.STAFF, ["看板", "项目台账"], ["管理后台"]),
        (roles.LEADER, ["看板", "项目台账"], ["管理后台"]),
        (roles.ADMIN, ["看板", "项目台账", "管理后台"], []),
    ],
)
def test_navigation_shows_what_the_role_may_use(client, role, shown, hidden, password):
    user = make_user(role)
    client.login(username=user.username, password=password)
    nav = [item["label"] for item in client.get("/").context["nav_items"]]
    for label in shown:
        assert label in nav
    for label in hidden:
        assert label not in nav


def test_monthly_entry_is_offered_only_to_staff_who_have_an_office(client, password, office):
    without = make_user(roles.STAFF)
    client.login(username=without.username, password=password)
    assert "月度填报" not in [item["label"] for item in client.get("/").context["nav_items"]]

    with_office = make_user(roles.STAFF, office=office)
    client.login(username=with_office.username, password=password)
    assert "月度填报" in [item["label"] for item in client.get("/").context["nav_items"]]
