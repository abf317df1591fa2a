"""Every change an admin makes in the admin leaves who, when, old → new; the unit of an indicator and a baseline
result need a reason; an indicator, target or result with figures or history is archived, never deleted."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from projects.models import CountRule
from targets import roles
from targets.models import AdminChange, Indicator, Period, Result, Target
from tests.factories import PASSWORD, make_figure, make_office, make_result, make_target, make_user
from tests.hardening.admin_forms import page_data
from tests.targets.entry_setup import build_town

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return build_town()


@pytest.fixture
def admin(town):
    client = Client()
    client.login(username=town.admin.username, password=PASSWORD)
    return client


def change(admin, url, **changes):
    data = page_data(admin, url)
    data.update(changes)
    response = admin.post(url, data)
    return response


def last_change(obj, field):
    return AdminChange.objects.filter(object_id=str(obj.pk), field=field).latest("id")


def test_an_indicators_unit_change_needs_a_reason_and_is_recorded(admin, town):
    url = f"/admin/targets/indicator/{town.households.pk}/change/"
    refused = change(admin, url, unit="万元")
    assert refused.status_code == 200 and "修改指标单位须填写修改理由" in refused.content.decode()
    assert Indicator.objects.get(pk=town.households.pk).unit == "户"
    assert change(admin, url, unit="万元", reason="统计口径改为金额").status_code == 302
    entry = last_change(town.households, "单位")
    assert (entry.old_value, entry.new_value, entry.reason) == ("户", "万元", "统计口径改为金额")
    assert entry.changed_by == town.admin and entry.changed_at.date() == date.today()


def test_a_baseline_results_change_needs_a_reason_and_is_recorded(admin, town):
    baseline = Result.objects.get(indicator=town.revenue)
    url = f"/admin/targets/result/{baseline.pk}/change/"
    assert "须填写修改理由" in change(admin, url, value="1.3").content.decode()
    assert change(admin, url, value="1.3", reason="财政决算数更正").status_code == 302
    entry = last_change(baseline, "数值")
    assert (entry.old_value, entry.new_value, entry.reason) == ("1.22", "1.3", "财政决算数更正")


def test_a_result_that_is_no_baseline_changes_without_a_reason(admin, town):
    result = make_result(make_office("党政办") and town.foreign, value="5", year=2021)
    url = f"/admin/targets/result/{result.pk}/change/"
    assert change(admin, url, value="6").status_code == 302
    assert last_change(result, "数值").new_value == "6"


def test_target_office_user_role_period_and_count_rule_changes_are_recorded(admin, town):
    target = Target.objects.get(indicator=town.revenue)
    response = change(admin, f"/admin/targets/target/{target.pk}/change/", value="1.5", reason="上级下达调整")
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert (last_change(target, "目标值").old_value, last_change(target, "目标值").new_value) == (
        "1.46",
        "1.5",
    )

    response = change(admin, f"/admin/targets/office/{town.office.pk}/change/", name="经济发展和招商局")
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert last_change(town.office, "名称").old_value == "经济发展局"

    user = town.other_staff
    leader_group = Group.objects.get(name=roles.LEADER)
    url = f"/admin/auth/user/{user.pk}/change/"
    data = page_data(admin, url)
    data.update(
        {"groups": [str(leader_group.pk)], "first_name": "王芳", "profile-0-office": str(town.office.pk)}
    )
    assert admin.post(url, data).status_code == 302
    assert last_change(user, "组").old_value == roles.STAFF
    assert last_change(user, "组").new_value == roles.LEADER
    assert last_change(user, "名字").new_value == "王芳"
    office_change = AdminChange.objects.get(object_id=str(user.pk), field__endswith="所属科室/单位")
    assert (office_change.old_value, office_change.new_value) == ("农业农村局", "经济发展和招商局")

    group_url = f"/admin/auth/group/{leader_group.pk}/change/"
    change(admin, group_url, name="领导班子")
    assert last_change(leader_group, "名称").new_value == "领导班子"

    period = Period.objects.create(year=2023, month=6, deadline=date(2023, 7, 5))
    change(admin, f"/admin/targets/period/{period.pk}/change/", is_open="", deadline="2023-07-10")
    assert last_change(period, "填报截止日").new_value == "2023-07-10"

    rule = CountRule.objects.create(target=Target.objects.get(indicator=town.households), stage="signed")
    change(admin, f"/admin/projects/countrule/{rule.pk}/change/", stage="started")
    assert last_change(rule, rule._meta.get_field("stage").verbose_name).old_value


def test_resetting_a_password_in_the_admin_is_recorded_without_the_password(admin, town):
    url = f"/admin/auth/user/{town.staff.pk}/password/"
    response = admin.post(
        url, {"password1": "新密码-青山-2023", "password2": "新密码-青山-2023", "usable_password": "true"}
    )
    assert response.status_code == 302
    entry = last_change(town.staff, "密码")
    assert entry.new_value == "（已重设）" and "青山" not in entry.old_value + entry.new_value


def test_an_indicator_target_or_result_with_figures_cannot_be_deleted_only_archived(admin, town):
    make_figure(town.revenue, 6, "0.8")
    target = Target.objects.get(indicator=town.revenue)
    baseline = Result.objects.get(indicator=town.revenue)
    make_figure(town.revenue, 6, "0.7", year=2022)
    for url in (
        f"/admin/targets/indicator/{town.revenue.pk}/delete/",
        f"/admin/targets/target/{target.pk}/delete/",
        f"/admin/targets/result/{baseline.pk}/delete/",
    ):
        assert admin.get(url).status_code == 403, url
        assert admin.post(url, {"post": "yes"}).status_code == 403, url
    assert Indicator.all_objects.filter(pk=town.revenue.pk).exists()
    changelist = admin.get("/admin/targets/target/").content.decode()
    assert "delete_selected" not in changelist

    admin.post("/admin/targets/target/", {"action": "archive", "_selected_action": [target.pk]})
    assert Target.all_objects.get(pk=target.pk).archived
    assert not Target.objects.filter(pk=target.pk).exists()
    assert AdminChange.objects.filter(object_id=str(target.pk), action="archive").exists()
    leader = Client()
    leader.force_login(town.leader)
    assert "一般公共预算收入" not in leader.get("/?year=2023").content.decode()
    assert all(
        item["indicator"] != "一般公共预算收入"
        for item in leader.get("/api/v1/targets?year=2023").json()["targets"]
    )
    assert leader.get(f"/targets/{target.pk}/").status_code == 404


def test_a_record_without_figures_or_history_may_still_be_deleted(admin, town):
    spare = make_target(value="3")
    response = admin.post(f"/admin/targets/target/{spare.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Target.all_objects.filter(pk=spare.pk).exists()
    assert AdminChange.objects.get(object_id=str(spare.pk), action="delete").changed_by == town.admin


def test_the_change_log_is_read_only_for_admins_and_closed_to_others(admin, town):
    change(admin, f"/admin/targets/office/{town.office.pk}/change/", name="经济发展和招商局")
    page = admin.get("/admin/targets/adminchange/")
    assert page.status_code == 200 and "经济发展和招商局" in page.content.decode()
    entry = AdminChange.objects.latest("id")
    assert admin.post(f"/admin/targets/adminchange/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    leader = Client()
    leader.force_login(make_user(roles.LEADER, username="leader-x"))
    assert leader.get("/admin/targets/adminchange/").status_code == 403
