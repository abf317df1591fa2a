"""The dashboard and a target's page through the Django test client: what each role sees, the statuses worked
out by hand, the order, the filters, the export, sample data, and every kind of bad input."""

import csv
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from targets import roles
from targets.models import BoardSettings, Figure, Target
from tests.factories import make_indicator, make_office, make_section, make_target, make_user

pytestmark = pytest.mark.django_db


def add(target, values, year=2023, **fields):
    for month, value in values.items():
        Figure.objects.create(
            indicator=target.indicator, year=year, month=month, value=Decimal(str(value)), **fields
        )


@pytest.fixture
def town(db):
    """Seven targets of two sections whose June statuses are worked out by hand in the comments."""
    economy, works = make_office("经济发展局"), make_office("社会事业局")
    headline = make_section(2023, 0, "主要预期目标")
    first = make_section(2023, 1, "（一）聚焦项目建设")
    t = {}
    # 0.80 / 1.46 = 54.8% against 50%: 超序时
    t["revenue"] = make_target(
        make_indicator("一般公共预算收入", office=economy),
        "1.46",
        firmness="确保",
        headline=True,
        section=headline,
        order=1,
    )
    add(t["revenue"], {6: "0.80"})
    # 30 / 65 = 46.2% against 50%: 欠序时
    t["sales"] = make_target(
        make_indicator("工业应税销售", office=economy),
        "65",
        firmness="力争",
        headline=True,
        section=headline,
        order=2,
    )
    add(t["sales"], {6: 30})
    # 10.5 / 10 − 1 = 5.0% against 8%: 欠序时
    t["invest"] = make_target(
        make_indicator("全社会固定资产投资", office=economy),
        "8",
        kind=Target.Kind.GROWTH,
        unit="%",
        headline=True,
        section=headline,
        order=3,
    )
    add(t["invest"], {6: 10}, year=2022)
    add(t["invest"], {6: "10.5"})
    # 41% against 40%: 达序时
    t["hightech"] = make_target(
        make_indicator("高技术产业占比", unit="%", measure="level", office=economy),
        "40",
        kind=Target.Kind.SHARE,
        headline=True,
        section=headline,
        order=4,
    )
    add(t["hightech"], {6: 41})
    # 1 of 3 = 33.3% against 50%: 欠序时, and 确保: first of all
    t["projects"] = make_target(
        make_indicator("超5亿元重特大项目", unit="个", office=works),
        "3",
        kind=Target.Kind.COUNT,
        firmness="确保",
        section=first,
        order=1,
    )
    add(t["projects"], {6: 1})
    # first quarter held, second not: 未完成
    t["recruit"] = make_target(
        make_indicator("镇级招聘活动", unit="次", measure="month", office=works),
        "1",
        kind=Target.Kind.RECURRING,
        period=Target.Period.QUARTER,
        section=first,
        order=2,
    )
    add(t["recruit"], {2: 1, 5: 0})
    # nothing reported: 暂无数据
    t["bridge"] = make_target(
        make_indicator("正中桥危桥改造", unit="项", measure="level", office=works),
        None,
        kind=Target.Kind.MILESTONE,
        deadline=date(2023, 10, 31),
        section=first,
        order=3,
    )
    return t


@pytest.fixture
def leader_client(client, leader_user):
    client.force_login(leader_user)
    return client


def table_rows(response) -> list[tuple[str, str]]:
    """(indicator name, status code) of each row of the progress table, in order."""
    html = response.content.decode()
    table = html[html.index('id="progress-table"') :]
    return re.findall(r'<tr[^>]*data-status="(\w+)"[^>]*>.*?<a href="/targets/\d+/">([^<]+)</a>', table, re.S)


@pytest.mark.parametrize("role", roles.ROLES)
def test_every_role_reads_the_dashboard(client, town, role):
    client.force_login(make_user(role, office=make_office()))
    response = client.get("/?year=2023&month=6")
    assert response.status_code == 200
    assert "一般公共预算收入" in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, town):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_table_shows_the_hand_computed_statuses_with_behind_ensure_targets_first(leader_client, town):
    rows = table_rows(leader_client.get("/?year=2023&month=6"))
    assert [(status, name) for status, name in rows] == [
        ("behind", "超5亿元重特大项目"),
        ("missed", "镇级招聘活动"),
        ("behind", "工业应税销售"),
        ("behind", "全社会固定资产投资"),
        ("none", "正中桥危桥改造"),
        ("on", "高技术产业占比"),
        ("ahead", "一般公共预算收入"),
    ]


def test_behind_ensure_targets_come_first_as_cards_with_value_light_status_and_gap(leader_client, town):
    html = leader_client.get("/?year=2023&month=6").content.decode()
    cards = html[html.index('id="alerts-title"') : html.index('id="table-title"')]
    assert cards.count('class="card target-card') == 1
    assert "超5亿元重特大项目" in cards and "确保" in cards
    assert "1</strong>" in cards and "完成 33.3%" in cards and "-16.7个百分点" in cards
    assert "欠序时" in cards and 'aria-label="红灯"' in cards
    assert "一般公共预算收入" not in cards  # 确保 but ahead
    assert html.index('class="status-strip"') < html.index('id="alerts-title"')


def test_the_status_strip_counts_each_status_and_each_count_filters_the_page(leader_client, town):
    html = leader_client.get("/?year=2023&month=6").content.decode()
    strip = html[
        html.index('class="status-strip"') : html.index("</nav>", html.index('class="status-strip"'))
    ]
    counts = {
        label: int(count)
        for count, label in re.findall(r'strip-count">(\d+)</span><span class="strip-label">([^<]+)<', strip)
    }
    assert counts == {
        "超序时": 1,
        "达序时": 1,
        "欠序时": 3,
        "未完成": 1,
        "已完成": 0,
        "正在推进": 0,
        "待评定": 0,
        "暂无数据": 1,
        "全部": 7,
    }
    link = re.search(r'href="\?([^"]*status=behind)"', strip).group(1).replace("&amp;", "&")
    rows = table_rows(leader_client.get(f"/?{link}"))
    assert {status for status, _name in rows} == {"behind"} and len(rows) == 3


def test_a_milestone_reported_but_not_done_is_under_way_on_the_strip_and_in_the_briefing_alike(
    leader_client, town
):
    add(town["bridge"], {6: 0})  # reported: not done yet, before its October deadline
    html = leader_client.get("/?year=2023&month=6").content.decode()
    strip = html[
        html.index('class="status-strip"') : html.index("</nav>", html.index('class="status-strip"'))
    ]
    counts = {
        label: int(count)
        for count, label in re.findall(r'strip-count">(\d+)</span><span class="strip-label">([^<]+)<', strip)
    }
    assert (counts["正在推进"], counts["暂无数据"]) == (1, 0)
    rows = table_rows(leader_client.get("/?year=2023&month=6&status=under_way"))
    assert [name for _status, name in rows] == ["正中桥危桥改造"]
    assert table_rows(leader_client.get("/?year=2023&month=6&status=none")) == []
    briefing = leader_client.get("/targets/briefing/?year=2023&month=6").content.decode()
    assert "正在推进1项" in briefing and "暂无数据" not in briefing.split("。")[0]


def test_each_target_shows_a_light_beside_its_status_word(leader_client, town):
    html = leader_client.get("/?year=2023&month=6").content.decode()
    table = html[html.index('id="progress-table"') :]
    lights = dict(
        re.findall(
            r'<a href="/targets/\d+/">([^<]+)</a>.*?<td class="col-status"[^>]*>(?:<span class="light light-(\w+)")?',
            table,
            re.S,
        )
    )
    assert lights == {
        "超5亿元重特大项目": "red",  # 确保 and behind
        "镇级招聘活动": "red",  # missed
        "工业应税销售": "yellow",  # 3.8 points behind
        "全社会固定资产投资": "yellow",  # 3 points behind the rate
        "正中桥危桥改造": "",  # nothing to judge
        "高技术产业占比": "green",
        "一般公共预算收入": "green",
    }


def test_an_admin_moves_the_red_threshold_and_the_lights_follow(leader_client, town):
    BoardSettings(red_gap=Decimal("3"), ensure_behind_red=False).save()
    html = leader_client.get("/?year=2023&month=6").content.decode()
    table = html[html.index('id="progress-table"') :]
    row = table[table.index("工业应税销售") :]
    assert row.index('class="light light-red"') < row.index("</tr>")  # 3.8 ≥ 3 points behind
    projects = table[table.index("超5亿元重特大项目") :]
    assert projects.index('class="light light-red"') < projects.index("</tr>")  # 16.7 points behind anyway


def test_a_table_column_sorts_on_request(leader_client, town):
    rows = table_rows(leader_client.get("/?year=2023&month=6&sort=-completion"))
    names = [name for _status, name in rows]
    assert names.index("一般公共预算收入") < names.index("工业应税销售")


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("status=behind", {"超5亿元重特大项目", "工业应税销售", "全社会固定资产投资"}),
        ("firmness=确保", {"超5亿元重特大项目", "一般公共预算收入"}),
        ("firmness=-", {"全社会固定资产投资", "高技术产业占比", "镇级招聘活动", "正中桥危桥改造"}),
        ("kind=recurring", {"镇级招聘活动"}),
    ],
)
def test_filters_keep_only_the_matching_targets(leader_client, town, query, shown):
    rows = table_rows(leader_client.get(f"/?year=2023&month=6&{query}"))
    assert {name for _status, name in rows} == shown


def test_filters_by_section_and_office(leader_client, town):
    section = town["projects"].section
    office = town["revenue"].indicator.office
    by_section = table_rows(leader_client.get(f"/?year=2023&month=6&section={section.pk}"))
    by_office = table_rows(leader_client.get(f"/?year=2023&month=6&office={office.pk}"))
    assert {name for _s, name in by_section} == {"超5亿元重特大项目", "镇级招聘活动", "正中桥危桥改造"}
    assert {name for _s, name in by_office} == {
        "一般公共预算收入",
        "工业应税销售",
        "全社会固定资产投资",
        "高技术产业占比",
    }


def test_csv_export_holds_the_filtered_rows_as_shown(leader_client, town):
    response = leader_client.get("/?year=2023&month=6&status=behind&export=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["指标", "状态", "亮灯", "差距（百分点）"]
    assert [row[0] for row in rows[1:]] == ["超5亿元重特大项目", "工业应税销售", "全社会固定资产投资"]
    assert rows[2][5] == "46.2%" and rows[2][1] == "欠序时" and rows[2][2] == "黄灯"


def test_xlsx_export_opens_in_a_spreadsheet(leader_client, town):
    response = leader_client.get("/?year=2023&month=6&export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "指标"
    assert len(values) == 1 + 7
    assert ("一般公共预算收入", "超序时") in {(row[0], row[1]) for row in values[1:]}


def test_sample_figures_are_labelled_on_the_banner_the_card_and_the_row(leader_client, town):
    sample = make_target(
        make_indicator("示例指标"), "10", firmness="确保", headline=True, section=town["revenue"].section
    )
    add(sample, {6: 4}, is_sample=True)  # 40% against 50%: behind, so a card
    html = leader_client.get("/?year=2023&month=6").content.decode()
    assert "sample-banner" in html
    cards = html[html.index('id="alerts-title"') : html.index('id="table-title"')]
    assert "示例指标" in cards and "示例数据" in cards
    table = html[html.index('id="progress-table"') :]
    assert re.search(
        r"示例指标</a>(\s*<span class=\"firmness[^<]+</span>)?\s*<span class=\"sample-badge\">示例数据", table
    )


def test_real_figures_only_show_no_sample_banner(leader_client, town):
    assert "sample-banner" not in leader_client.get("/?year=2023&month=6").content.decode()


def test_the_default_period_is_the_last_month_with_figures_of_the_latest_year(leader_client, town):
    add(town["revenue"], {8: "1.0"})
    html = leader_client.get("/").content.decode()
    assert "2023年1—8月目标进度" in html


def test_a_month_without_figures_says_so_and_shows_no_data(leader_client, town):
    html = leader_client.get("/?year=2023&month=1").content.decode()
    assert "2023年1—1月尚无填报数据" in html


def test_a_year_without_targets_shows_an_empty_state(leader_client, town):
    response = leader_client.get("/?year=2031")
    assert response.status_code == 200
    assert "2031年没有目标" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year=abc", "年度须为四位数字"),
        ("year=1800", "年度须在"),
        ("month=13", "月份须为 1 到 12"),
        ("month=x", "月份须为 1 到 12"),
        ("status=late", "选择一个有效的选项"),
        ("kind=wish", "选择一个有效的选项"),
        ("firmness=maybe", "选择一个有效的选项"),
        ("section=999999", "选择一个有效的选项"),
        ("office=abc", "选择一个有效的选项"),
        ("export=pdf", "导出格式只能是 xlsx 或 csv"),
    ],
)
def test_bad_input_gives_a_chinese_message_and_the_unfiltered_page(leader_client, town, query, message):
    response = leader_client.get(f"/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "查询条件有误" in html and message in html
    assert len(table_rows(response)) == 7 and 'class="status-strip"' in html


def test_a_section_of_another_year_is_not_a_choice(leader_client, town):
    other = make_section(2024, 1, "（一）")
    response = leader_client.get(f"/?year=2023&section={other.pk}&status=behind")
    assert response.status_code == 400
    assert len(table_rows(response)) == 3  # the valid status filter still applies


def test_the_dashboard_query_count_does_not_grow_with_the_figures(leader_client, town):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert leader_client.get("/?year=2023&month=12").status_code == 200
        return len(captured)

    before = queries()
    for target in town.values():
        add(target, {m: m for m in range(7, 13)})
        add(target, {m: m for m in range(1, 13) if m != 6}, year=2022)
    assert queries() == before


# --- a target's page ---


def test_a_target_page_shows_progress_projection_pace_chart_figures_and_history(leader_client, town):
    target = town["revenue"]
    Figure.objects.filter(indicator=target.indicator).update(
        reason="税源不足", measures="加强征管", note="含退税"
    )
    html = leader_client.get(f"/targets/{target.pk}/?month=6").content.decode()
    assert "超序时" in html and "54.8%" in html
    assert "预计全年" in html and "1.60亿元" in html  # 0.80 ÷ 50%, 亿元 with two decimals
    assert "此后每月须完成" in html and "0.11亿元" in html  # (1.46 − 0.80) ÷ 6
    assert 'id="target-chart-data"' in html and "zh-CN" in html
    assert "税源不足" in html and "加强征管" in html and "含退税" in html
    history = html[html.index('id="history-title"') :]
    assert history.count("<tr>") == 1 + 6
    assert re.search(r'data-plotly="/static/vendor/plotly/plotly-basic\.min\.(\w+\.)?js"', html)


def test_the_monthly_status_history_gives_its_percentages_with_their_unit(leader_client, town):
    html = leader_client.get(f"/targets/{town['revenue'].pk}/?month=6").content.decode()
    june = html[html.index('id="history-title"') :].split("<tr>")[-1]
    assert '<td class="number">54.8%</td><td class="number">50%</td>' in june
    html = leader_client.get(f"/targets/{town['hightech'].pk}/?month=6").content.decode()
    june = html[html.index('id="history-title"') :].split("<tr>")[-1]
    assert '<td class="number">41%</td>' in june  # a level, in the target's unit


def test_a_revised_target_shows_the_original_value(leader_client, town):
    target = town["sales"]
    target.value = Decimal("70")
    target.save()
    html = leader_client.get(f"/targets/{target.pk}/?month=6").content.decode()
    assert "报告原定65亿元" in html
    assert "42.9%" in html  # 30 ÷ 70


def test_a_milestone_page_has_no_chart_but_says_why(leader_client, town):
    html = leader_client.get(f"/targets/{town['bridge'].pk}/").content.decode()
    assert "里程碑/定性目标没有走势图" in html


@pytest.mark.parametrize("role", roles.ROLES)
def test_every_role_reads_a_target_page(client, town, role):
    client.force_login(make_user(role, office=make_office()))
    assert client.get(f"/targets/{town['invest'].pk}/").status_code == 200


def test_a_target_that_does_not_exist_is_a_chinese_404(leader_client, town):
    response = leader_client.get("/targets/999999/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_a_bad_month_on_a_target_page_is_explained(leader_client, town):
    response = leader_client.get(f"/targets/{town['revenue'].pk}/?month=13")
    assert response.status_code == 400
    assert "月份“13”无效" in response.content.decode()


@pytest.mark.parametrize("query", ["sort=bogus", "sort=", "year=&month=", "month=6&sort=-status"])
def test_odd_but_harmless_queries_still_show_the_dashboard(leader_client, town, query):
    response = leader_client.get(f"/?{query}")
    assert response.status_code == 200
    assert len(table_rows(response)) == 7


def test_a_target_saved_without_a_value_shows_no_data_rather_than_an_error(leader_client, town):
    odd = make_target(
        make_indicator("无数值目标", unit="次", measure="month"), None, kind=Target.Kind.RECURRING
    )
    add(odd, {2: 1})
    rows = table_rows(leader_client.get("/?year=2023&month=6"))
    assert ("none", "无数值目标") in rows
    page = leader_client.get(f"/targets/{odd.pk}/")
    assert page.status_code == 200 and "目标未设数值" in page.content.decode()
