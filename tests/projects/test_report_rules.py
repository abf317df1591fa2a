"""The report's project-count targets are counted from the register once the report is loaded."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from projects.models import CountRule, Project
from targets.briefing import registered_items
from targets.counting import counted_actual
from targets.models import Target
from tests.factories import make_milestone, make_project, make_stage

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    call_command("load_report", verbosity=0)


def target_named(name):
    return Target.objects.get(year=2023, indicator__name=name)


def test_the_five_register_counted_targets_have_rules_and_every_rule_is_valid(report):
    counted = set(CountRule.objects.values_list("target__indicator__name", flat=True))
    assert counted == {
        "新签约并注册超3000万美元外资项目",
        "新签约并注册超5亿元重特大项目",
        "招引科创类项目",
        "一季度新开工超亿元产业项目",
        "新增农业农村千万级以上重大项目",
    }
    for rule in CountRule.objects.all():
        rule.full_clean()


def test_a_registered_major_project_counts_for_the_5_yi_target_and_a_smaller_one_does_not(report):
    target = target_named("新签约并注册超5亿元重特大项目")
    assert counted_actual(target, date(2023, 12, 31)) == 0

    big = make_project(investment=Decimal("6"), investment_unit=Project.Unit.YI)
    make_stage(big, Project.Stage.SIGNED, date(2023, 4, 2))
    make_stage(big, Project.Stage.REGISTERED, date(2023, 5, 10))
    small = make_project(investment=Decimal("4.9"), investment_unit=Project.Unit.YI)
    make_stage(small, Project.Stage.REGISTERED, date(2023, 5, 10))

    assert counted_actual(target, date(2023, 4, 30)) == 0
    assert counted_actual(target, date(2023, 5, 31)) == 1


def test_the_first_quarter_industrial_target_counts_only_starts_by_31_march(report):
    target = target_named("一季度新开工超亿元产业项目")
    early = make_project(category=Project.Category.INDUSTRIAL, investment=Decimal("1.2"))
    make_stage(early, Project.Stage.STARTED, date(2023, 3, 31))
    late = make_project(category=Project.Category.INDUSTRIAL, investment=Decimal("3"))
    make_stage(late, Project.Stage.STARTED, date(2023, 4, 1))

    assert counted_actual(target, date(2023, 12, 31)) == 1


def test_a_slipped_milestone_is_in_the_monthly_briefing(report):
    project = make_project(name="王余公路白改黑工程", deadline=date(2023, 10, 31))
    make_milestone(project, name="路基施工完成", planned_on=date(2023, 5, 20))

    headings = {item.heading: item.paragraphs for item in registered_items(2023, 6)}

    assert any("王余公路白改黑工程" in paragraph for paragraph in headings["重点项目滞后情况"])
    assert registered_items(2023, 4) == []


def dashboard_row(client, indicator_name):
    response = client.get("/", {"year": "2023", "month": "6", "export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = rows[0]
    row = next(row for row in rows if indicator_name in row)
    return dict(zip(header, row, strict=True))


def test_a_project_reaching_its_stage_raises_the_count_on_the_dashboard(report, client, leader_user):
    client.force_login(leader_user)
    name = "招引科创类项目"
    office = target_named(name).indicator.office
    before = dashboard_row(client, name)

    project = make_project(category=Project.Category.SCI_TECH, office=office)
    make_stage(project, Project.Stage.REGISTERED, date(2023, 6, 8))
    after = dashboard_row(client, name)

    # an empty register is no information: 暂无数据 until the office keeps it, then the count
    assert (before["完成值"], before["状态"]) == ("", "暂无数据（项目台账未更新）")
    assert after["完成值"] == "1个"


def test_a_counted_target_page_lists_the_projects_that_count(report, client, leader_user):
    target = target_named("招引科创类项目")
    project = make_project(name="科创孵化器项目", category=Project.Category.SCI_TECH)
    make_stage(project, Project.Stage.REGISTERED, date(2023, 5, 8))
    client.force_login(leader_user)

    page = client.get(f"/targets/{target.pk}/", {"month": "6"})

    assert page.status_code == 200
    text = page.content.decode()
    assert "由项目台账计数：1 个" in text
    assert "科创孵化器项目" in text


def test_every_report_target_page_opens(report, client, leader_user):
    client.force_login(leader_user)
    for target in Target.objects.filter(year=2023):
        page = client.get(f"/targets/{target.pk}/")
        assert page.status_code == 200, target
        assert target.quote in page.content.decode()


def test_staff_are_not_asked_to_type_a_target_the_register_counts(report, client):
    from targets import roles
    from targets.models import ApiToken
    from tests.factories import make_user

    target = target_named("招引科创类项目")
    office = target.indicator.office
    staff = make_user(roles.STAFF, office=office)
    client.force_login(staff)

    page = client.get(f"/targets/entry/{office.pk}/2023/6/").content.decode()

    assert "由项目台账自动计数的指标（无需填报）" in page
    assert f'name="value_{target.indicator_id}"' not in page
    assert 'name="value_' in page  # the office's other, typed indicators are still there
    _token, secret = ApiToken.issue(staff, "测试系统")
    response = client.post(
        "/api/v1/figures",
        {"year": 2023, "month": 6, "figures": [{"indicator": target.indicator.code, "value": "3"}]},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 400
    assert "由项目台账自动计数" in response.json()["error"]
    assert not target.indicator.figures.exists()
