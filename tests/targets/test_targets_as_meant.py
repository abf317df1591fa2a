"""Targets modelled as the report means them (issue 9 items 3 and 4): annual awards judged at the year end, the
share of villages at 100万元, growth as a reported rate, milestones judged by their works on the register."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from projects.models import Project
from targets import roles
from targets.briefing import compose
from targets.models import Figure, Indicator, Target
from targets.progress import Status, evaluate, evaluate_target
from tests.factories import make_indicator, make_milestone, make_project, make_stage, make_target, make_user

D = Decimal


def award(value="1", **fields):
    indicator = Indicator(code="t", name="市级乡村振兴示范村", unit="个", measure="ytd")
    return Target(indicator=indicator, year=2023, kind="count", value=D(value), unit="个", **fields)


@pytest.mark.parametrize(
    ("figures", "month", "status"),
    [
        ({}, 6, Status.PENDING),  # nothing yet in June: 待评定, not 欠序时 −50
        ({6: D(0)}, 6, Status.PENDING),
        ({6: D(0)}, 11, Status.PENDING),
        ({9: D(1)}, 9, Status.DONE),  # awarded early: done
        ({12: D(0)}, 12, Status.MISSED),
        ({12: D(1)}, 12, Status.DONE),
    ],
)
def test_an_annual_award_is_pending_until_its_assessment_then_done_or_missed(figures, month, status):
    progress = evaluate(award(assessed_in=12), figures, month)
    assert progress.status == status
    if status == Status.PENDING:
        assert (progress.expected, progress.gap, progress.projection) == (None, None, None)


def test_without_an_assessment_month_the_same_award_is_behind_schedule():
    assert evaluate(award(), {6: D(0)}, 6).status == Status.BEHIND


def test_an_assessment_at_a_month_judges_from_that_month():
    target = award(assessed_in=6)
    assert evaluate(target, {5: D(0)}, 5).status == Status.PENDING
    assert evaluate(target, {6: D(0)}, 6).status == Status.MISSED


@pytest.mark.django_db
def test_an_admin_sets_the_assessment_month_as_a_field_with_a_reason(client):
    target = make_target(
        make_indicator("新增省级众创空间", unit="家"), value="1", kind=Target.Kind.COUNT, unit="家"
    )
    client.force_login(make_user(roles.ADMIN))
    page = client.get(f"/admin/targets/target/{target.pk}/change/").content.decode()
    assert 'name="assessed_in"' in page and "年末评定" in page
    data = {
        "indicator": target.indicator.pk,
        "year": 2023,
        "section": target.section.pk,
        "kind": "count",
        "order": 0,
        "firmness": "",
        "qualifier": "",
        "value": "1",
        "unit": "家",
        "assessed_in": "12",
        "quote": target.quote,
        "reason": "省级众创空间每年集中认定一次",
        "revisions-TOTAL_FORMS": "0",
        "revisions-INITIAL_FORMS": "0",
    }
    response = client.post(f"/admin/targets/target/{target.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    target.refresh_from_db()
    assert target.assessed_in == 12
    assert target.revisions.get().reason == "省级众创空间每年集中认定一次"


@pytest.mark.django_db
def test_the_village_share_is_the_villages_at_a_million_over_all_villages():
    villages = make_indicator("行政村总数", unit="个", measure="level")
    reached = make_indicator("村营收入破百万的村", unit="个", measure="level", denominator=villages)
    target = make_target(reached, value="100", kind=Target.Kind.SHARE, unit="%", assessed_in=12)
    for indicator, value in ((villages, 12), (reached, 9)):
        Figure.objects.create(indicator=indicator, year=2023, month=12, value=D(value))
    Figure.objects.create(indicator=villages, year=2023, month=6, value=D(12))
    Figure.objects.create(indicator=reached, year=2023, month=6, value=D(12))
    june = evaluate_target(target, 6)
    assert (june.actual, june.status) == (D(100), Status.PENDING)  # judged at the year end
    december = evaluate_target(target, 12)
    assert december.actual == D(75) and december.status == Status.MISSED  # 9 of 12 villages


def test_gdp_growth_is_the_reported_cumulative_rate_compared_with_5():
    indicator = Indicator(code="gdp", name="地区生产总值", unit="%", measure="level")
    gdp = Target(indicator=indicator, year=2023, kind="growth", value=D(5), unit="%", qualifier="以上")
    progress = evaluate(gdp, {6: D("5.6")}, 6)
    assert (progress.basis, progress.actual, progress.gap, progress.status) == (
        "reported-rate",
        D("5.6"),
        D("0.6"),
        Status.ON,
    )


@pytest.mark.django_db
def test_a_milestone_pushed_forward_takes_its_status_from_the_linked_works():
    target = make_target(make_indicator("王余公路白改黑", unit="项"), value=None, kind=Target.Kind.MILESTONE)
    assert evaluate_target(target, 6).status == Status.NONE  # not linked, nothing typed
    road = make_project("王余公路白改黑", kind=Project.Kind.PUBLIC_WORK, target=target)
    assert (evaluate_target(target, 6).status, evaluate_target(target, 6).reason) == (
        Status.NONE,
        "项目台账未排时间节点",
    )
    make_milestone(road, name="路基完成", planned_on=date(2023, 7, 31))
    assert evaluate_target(target, 6).status_label == "按期推进"
    assert evaluate_target(target, 8).status_label == "滞后"
    make_stage(road, Project.Stage.ACCEPTED, date(2023, 9, 20))
    assert evaluate_target(target, 9).status == Status.DONE
    assert evaluate_target(target, 8).status == Status.BEHIND  # judged as it stood then


@pytest.mark.django_db
def test_a_linked_milestone_is_not_typed_on_the_monthly_form(client):
    from targets.entry.rows import counted_rows, month_rows
    from tests.factories import make_office

    office = make_office("建设局")
    target = make_target(
        make_indicator("正中桥危桥改造", unit="项", office=office), value=None, kind=Target.Kind.MILESTONE
    )
    make_project("正中桥危桥改造", kind=Project.Kind.PUBLIC_WORK, target=target, office=office)
    assert [row.indicator for row in counted_rows(office, 2023, 6)] == [target.indicator]
    assert target.indicator not in [row.indicator for row in month_rows(office, 2023, 6)]


@pytest.mark.django_db
def test_the_briefing_never_writes_zero_done():
    make_target(make_indicator("新增规上工业企业", unit="家"), value="6", kind=Target.Kind.COUNT, unit="家")
    indicator = Indicator.objects.get(name="新增规上工业企业")
    Figure.objects.create(indicator=indicator, year=2023, month=6, value=D(0))
    text = "\n".join(compose(2023, 6).texts())
    assert "已完成0" not in text
    assert "1—6月，新增规上工业企业尚无完成，落后序时进度50个百分点。" in text


@pytest.mark.django_db
def test_a_fresh_report_has_every_target_without_data_or_pending_everywhere(client):
    call_command("load_report", verbosity=0)
    client.force_login(make_user(roles.LEADER))
    for month in (1, 6, 12):
        items = client.get("/api/v1/targets", {"as_of": f"2023-{month:02d}"}).json()["targets"]
        assert {item["status"] for item in items} <= {"none", "pending"}, month
        if month < 12:
            assert {item["indicator"] for item in items if item["status"] == "pending"} >= {
                "市级乡村振兴示范村",
                "新增江海英才",
                "村营收入破百万的村",
            }
        export = client.get("/", {"year": "2023", "month": str(month), "export": "csv"})
        statuses = {row["状态"] for row in csv.DictReader(io.StringIO(export.content.decode("utf-8-sig")))}
        assert {status.split("（")[0] for status in statuses} <= {"暂无数据", "待评定"}, (month, statuses)
        assert not compose(2023, month).has_data


@pytest.mark.django_db
def test_a_recurring_target_shows_its_period_on_the_form_the_sheet_and_the_card(client):
    from openpyxl import load_workbook

    from tests.factories import make_office

    office = make_office("社会事业局")
    indicator = make_indicator("镇级招聘活动", unit="次", office=office)
    make_target(indicator, value="1", kind=Target.Kind.RECURRING, unit="次", period=Target.Period.QUARTER)
    client.force_login(make_user(roles.STAFF, office=office))
    form = client.get(f"/targets/entry/{office.pk}/2023/6/").content.decode()
    assert "每季度1次" in form
    sheet = load_workbook(io.BytesIO(client.get(f"/targets/entry/{office.pk}/2023/6/export.xlsx").content))
    assert "每季度1次" in [cell.value for row in sheet.active.iter_rows() for cell in row]


@pytest.mark.django_db
def test_the_investment_row_says_what_its_completion_is_measured_against(client):
    indicator = make_indicator("全社会固定资产投资", unit="亿元")
    make_target(indicator, value="8", kind=Target.Kind.GROWTH, unit="%", headline=True)
    from targets.models import Result
    from tests.factories import make_section

    Result.objects.create(
        section=make_section(year=2022), year=2022, indicator=indicator, name="固定资产投资", value=D("25.6"),
        unit="亿元", quote="固定资产投资25.6亿元",
    )  # fmt: skip
    Figure.objects.create(indicator=indicator, year=2023, month=5, value=D("10.5"))
    client.force_login(make_user(roles.LEADER))
    page = client.get("/", {"year": "2023", "month": "5"}).content.decode()
    assert "41.7%（对照27.65亿元）" in page  # the 序时 column: 5/12 of the amount 增长8% implies
    assert "25.20亿元" in page  # projection: 10.5 ÷ 5/12
