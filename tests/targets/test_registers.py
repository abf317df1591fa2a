"""Targets counted from the project register are judged only for months their office kept the register: an empty
register is no information, not zero projects (issue 9 item 2)."""

import csv
import io
import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from projects.models import CountRule, Project
from targets import roles
from targets.briefing import compose
from targets.entry.status import NOT_STARTED, month_state
from targets.models import Figure, OfficeMonthEvent, Target
from targets.progress import Status, evaluate_target, status_history
from tests.factories import make_indicator, make_office, make_project, make_stage, make_target, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted():
    """招商服务中心's count target: projects of at least 5亿元 reaching 注册 in 2023."""
    office = make_office("招商服务中心")
    indicator = make_indicator("新签约并注册超5亿元重特大项目", unit="个", office=office)
    target = make_target(indicator, value="3", kind=Target.Kind.COUNT, unit="个", firmness="确保")
    CountRule.objects.create(target=target, min_investment=Decimal(5), stage=Project.Stage.REGISTERED)
    return target


def big_project(office):
    return make_project(office=office, investment=Decimal(6), investment_unit=Project.Unit.YI)


def test_an_empty_register_is_no_data_with_its_reason_not_behind(counted):
    progress = evaluate_target(counted, 6)
    assert progress.status == Status.NONE and progress.actual is None
    assert progress.reason == "项目台账未更新"


def test_once_the_office_confirms_no_new_projects_zero_is_zero(client, counted):
    staff = make_user(roles.STAFF, office=counted.indicator.office)
    client.force_login(staff)
    office = counted.indicator.office
    response = client.post(f"/targets/entry/{office.pk}/2023/6/register-kept/")
    assert response.status_code == 302
    event = OfficeMonthEvent.objects.get(action=OfficeMonthEvent.Action.NO_NEW_PROJECTS)
    assert (event.office_month.office, event.office_month.month, event.actor) == (office, 6, staff)
    assert month_state(event.office_month) == NOT_STARTED  # its figures are still to be entered
    progress = evaluate_target(counted, 6)
    assert (progress.actual, progress.status) == (Decimal(0), Status.BEHIND)
    # only June is kept: July is again without information
    assert evaluate_target(counted, 7).status == Status.NONE


def test_a_project_change_in_the_month_keeps_the_register(counted):
    office = counted.indicator.office
    project = big_project(office)
    make_stage(project, Project.Stage.REGISTERED, date(2023, 6, 12))
    assert (evaluate_target(counted, 6).actual, evaluate_target(counted, 6).status) == (
        Decimal(1),
        Status.BEHIND,
    )
    assert evaluate_target(counted, 5).reason == "项目台账未更新"


def test_another_offices_project_does_not_keep_this_offices_register(counted):
    make_stage(big_project(make_office("农业农村局")), Project.Stage.SIGNED, date(2023, 6, 2))
    assert evaluate_target(counted, 6).reason == "项目台账未更新"


def test_only_staff_of_the_office_or_an_admin_may_confirm_the_register(client, counted):
    office = counted.indicator.office
    url = f"/targets/entry/{office.pk}/2023/6/register-kept/"
    for user in [make_user(roles.LEADER), make_user(roles.STAFF, office=make_office("财政所"))]:
        client.force_login(user)
        assert client.post(url).status_code == 403
    assert client.get(url).status_code == 405
    assert not OfficeMonthEvent.objects.exists()
    client.force_login(make_user(roles.STAFF, office=office))
    response = client.post(f"/targets/entry/{office.pk}/2099/6/register-kept/", follow=True)
    assert "不能填报未来的月份" in response.content.decode() or "只能填报" in response.content.decode()
    assert not OfficeMonthEvent.objects.exists()


def test_the_monthly_form_offers_the_confirmation_and_says_when_the_register_is_stale(client, counted):
    office = counted.indicator.office
    client.force_login(make_user(roles.STAFF, office=office))
    page = client.get(f"/targets/entry/{office.pk}/2023/6/").content.decode()
    assert "本月项目台账尚未更新" in page and "确认本月无新增项目" in page
    client.post(f"/targets/entry/{office.pk}/2023/6/register-kept/")
    page = client.get(f"/targets/entry/{office.pk}/2023/6/").content.decode()
    assert "确认本月无新增项目。" in page and "本月项目台账尚未更新" not in page
    assert 'register-kept/"' not in page  # kept: nothing left to confirm


def test_dashboard_and_api_say_the_register_was_not_updated(client, counted):
    client.force_login(make_user(roles.LEADER))
    rows = list(
        csv.reader(
            io.StringIO(
                client.get("/", {"year": "2023", "month": "6", "export": "csv"}).content.decode("utf-8-sig")
            )
        )
    )
    row = dict(zip(rows[0], next(r for r in rows if counted.indicator.name in r), strict=True))
    assert row["状态"] == "暂无数据（项目台账未更新）"
    item = json.loads(client.get("/api/v1/targets", {"as_of": "2023-06"}).content)["targets"][0]
    assert (item["status"], item["status_note"]) == ("none", "项目台账未更新")
    page = client.get(f"/targets/{counted.pk}/", {"month": "6"}).content.decode()
    assert "项目台账未更新" in page


def test_the_briefing_names_the_offices_that_did_not_update_their_register(counted):
    other = make_target(make_indicator("一般公共预算收入", office=make_office("财政所")), value="1.46")
    Figure.objects.create(indicator=other.indicator, year=2023, month=6, value=Decimal("0.5"))
    briefing = compose(2023, 6)
    text = "\n".join(briefing.texts())
    assert "招商服务中心本月未更新项目台账" in text
    assert f"{counted.indicator.name}（项目台账未更新）" in text
    # not listed as behind with an invented reason
    assert counted.indicator.name not in text.split("欠序时进度及未完成目标")[1]


def test_the_target_page_chart_draws_the_registers_count_month_by_month(client, counted):
    office = counted.indicator.office
    project = big_project(office)
    make_stage(project, Project.Stage.REGISTERED, date(2023, 4, 20))
    # a typed figure on the indicator must not be drawn (it is not what counts)
    Figure.objects.create(indicator=counted.indicator, year=2023, month=2, value=Decimal(2))
    client.force_login(make_user(roles.LEADER))
    OfficeMonthEvent.objects.create(
        office_month=office.months.create(year=2023, month=6), action=OfficeMonthEvent.Action.NO_NEW_PROJECTS
    )
    page = client.get(f"/targets/{counted.pk}/", {"month": "6"}).content.decode()
    data = json.loads(re.search(r'id="target-chart-data"[^>]*>(.*?)</script>', page, re.S)[1])
    actual = next(trace for trace in data["data"] if trace["name"] == "累计完成")
    assert list(zip(actual["x"], actual["y"], strict=True)) == [(4, 1.0), (6, 1.0)]
    # April: 1 of 3 at 4/12 of the year, on schedule; May: register not kept; June: kept, behind
    assert [step.status for step in status_history(counted, _loaded(counted), 6)][3:] == [
        Status.ON,
        Status.NONE,
        Status.BEHIND,
    ]


def _loaded(target):
    from targets.progress import load_figures

    return load_figures([target])[target.pk]


def test_a_fresh_install_calls_no_register_counted_target_behind(client):
    call_command("load_report", verbosity=0)
    counted_targets = Target.objects.filter(count_rule__isnull=False)
    assert counted_targets.count() == 5
    for target in counted_targets:
        for month in (3, 6, 12):
            progress = evaluate_target(target, month)
            assert progress.status == Status.NONE and progress.reason == "项目台账未更新", (target, month)
