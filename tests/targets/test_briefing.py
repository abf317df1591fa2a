"""The monthly briefing (月度通报): its sentences against hand-computed values, the page, the .docx, who may read it."""

from datetime import date
from decimal import Decimal
from io import BytesIO
from urllib.parse import quote

import pytest
from docx import Document

from targets import briefing as briefing_module
from targets import roles
from targets.briefing import BriefingItem, compose
from targets.briefing.wording import format_amount, format_percent
from targets.models import Figure, Indicator, OfficeMonth, Target
from tests.factories import make_indicator, make_office, make_section, make_target, make_user

pytestmark = pytest.mark.django_db


def figures(indicator, year=2023, **by_month):
    """Figures of ``indicator`` for ``year``: figures(ind, m1="0.1", m6="0.8")."""
    for key, value in by_month.items():
        Figure.objects.create(indicator=indicator, year=year, month=int(key[1:]), value=Decimal(value))


def paragraphs_of(briefing):
    return "\n".join(briefing.texts())


@pytest.mark.parametrize(
    ("value", "unit", "written"),
    [
        (Decimal("0.8"), "亿元", "0.80"),
        (Decimal("0.8049"), "亿元", "0.80"),
        (Decimal("3"), "个", "3"),
        (Decimal("12.50"), "公里", "12.5"),
        (Decimal("42.0"), "%", "42"),
        (Decimal("54.75"), "%", "54.8"),
    ],
)
def test_amounts_are_written_the_way_the_town_writes_them(value, unit, written):
    assert format_amount(value, unit) == written


def test_percent_points_drop_a_trailing_zero():
    assert format_percent(Decimal("5.0")) == "5"
    assert format_percent(Decimal("4.8")) == "4.8"


def test_an_amount_target_ahead_of_schedule_reads_like_the_towns_briefing():
    indicator = make_indicator("一般公共预算收入", unit="亿元")
    make_target(indicator, value="1.46", firmness=Target.Firmness.ENSURE)
    figures(indicator, m5="0.60", m6="0.80")
    text = paragraphs_of(compose(2023, 6))
    # 0.80 ÷ 1.46 = 54.79% → 54.8%; 序时 6/12 = 50% → 4.8 points ahead
    assert "1—6月，全镇完成一般公共预算收入0.80亿元，完成年度目标的54.8%，超序时进度4.8个百分点。" in text


def test_a_growth_target_compares_year_to_date_growth_with_the_target_rate():
    indicator = make_indicator("全社会固定资产投资", unit="亿元")
    make_target(indicator, value="8", kind=Target.Kind.GROWTH, unit="%")
    figures(indicator, year=2022, m6="10.00")
    figures(indicator, m6="10.91")
    # 10.91 ÷ 10.00 − 1 = 9.1%, 1.1 points above the 8% target
    assert "1—6月，全社会固定资产投资同比增长9.1%，高于目标1.1个百分点。" in paragraphs_of(compose(2023, 6))


def test_a_growth_target_that_shrinks_says_so():
    indicator = make_indicator("工业投资", unit="亿元")
    make_target(indicator, value="8", kind=Target.Kind.GROWTH, unit="%")
    figures(indicator, year=2022, m6="10.00")
    figures(indicator, m6="9.50")
    # −5% against +8%: 13 points below
    assert "1—6月，工业投资同比下降5%，低于目标13个百分点。" in paragraphs_of(compose(2023, 6))


def test_a_share_target_reads_its_level_against_the_target_level():
    indicator = make_indicator("高技术产业占比", unit="%", measure=Indicator.Measure.LEVEL)
    make_target(indicator, value="40", kind=Target.Kind.SHARE)
    figures(indicator, m3="38", m6="42")
    assert "6月末，高技术产业占比达到42%，高于目标2个百分点。" in paragraphs_of(compose(2023, 6))


def test_a_count_target_says_how_many_are_done():
    indicator = make_indicator("新签约并注册超5亿元重特大项目", unit="个")
    make_target(indicator, value="6", kind=Target.Kind.COUNT)
    figures(indicator, m6="3")
    # 3 of 6 = 50%, exactly 序时
    expected = "1—6月，新签约并注册超5亿元重特大项目已完成3个，完成年度目标的50%，达到序时进度。"
    assert expected in paragraphs_of(compose(2023, 6))


def test_a_deadline_target_past_its_deadline_is_reported_as_not_done_in_time():
    indicator = make_indicator("新开工超亿元产业项目", unit="个")
    make_target(indicator, value="2", kind=Target.Kind.DEADLINE, deadline=date(2023, 3, 31))
    figures(indicator, m2="1")
    expected = "1—6月，新开工超亿元产业项目已完成1个，完成目标（3月底前）的50%，未能在3月底前完成。"
    assert expected in paragraphs_of(compose(2023, 6))


def test_a_recurring_target_counts_the_periods_met_and_a_missed_quarter_stays_missed():
    indicator = make_indicator("镇级招聘活动", unit="次", measure=Indicator.Measure.MONTH)
    make_target(indicator, value="1", kind=Target.Kind.RECURRING, period=Target.Period.QUARTER)
    figures(indicator, m2="1", m5="0")
    expected = "1—6月，镇级招聘活动按每季度要求已达标1个季度（全年共4个），有季度未达到要求。"
    assert expected in paragraphs_of(compose(2023, 6))


def test_a_milestone_not_yet_done_says_it_is_under_way_with_its_deadline():
    indicator = make_indicator("正中桥危桥改造", unit="项")
    make_target(indicator, value=None, kind=Target.Kind.MILESTONE, deadline=date(2023, 9, 30))
    figures(indicator, m6="0")
    assert "正中桥危桥改造正在推进，尚未完成（限9月底前完成）。" in paragraphs_of(compose(2023, 6))


def test_a_done_milestone_says_done():
    indicator = make_indicator("红军小学展览馆", unit="项")
    make_target(indicator, value=None, kind=Target.Kind.MILESTONE)
    figures(indicator, m4="1")
    assert "红军小学展览馆已完成。" in paragraphs_of(compose(2023, 6))


def test_one_paragraph_per_section_in_the_reports_order_and_targets_without_figures_are_listed():
    headline = make_section(number=0, title="主要预期目标")
    first = make_section(number=1, title="（一）坚持壮大产业集群，厚植高质量发展基础")
    revenue = make_indicator("一般公共预算收入", unit="亿元")
    make_target(revenue, value="1.46", section=headline)
    figures(revenue, m6="0.80")
    make_target(make_indicator("服务业应税销售", unit="亿元"), value="12", section=headline)
    make_target(make_indicator("工业入库税金", unit="亿元"), value="2", section=headline)
    projects = make_indicator("科创类项目", unit="个")
    make_target(projects, value="6", kind=Target.Kind.COUNT, section=first)
    figures(projects, m6="4")

    briefing = compose(2023, 6)
    headings = [item.heading for item in briefing.items]
    assert headings.index("主要预期目标") < headings.index("（一）坚持壮大产业集群，厚植高质量发展基础")
    headline_item = briefing.items[headings.index("主要预期目标")]
    assert headline_item.paragraphs[-1] == "以下2项指标本月暂无数据：服务业应税销售、工业入库税金。"
    assert briefing.items[0].heading == "总体情况"
    # 0.80/1.46 = 54.8% → 超序时; 4/6 = 66.7% → 超序时; two without figures
    assert briefing.items[0].paragraphs == ["截至2023年6月末，全镇4项年度目标中，超序时2项、暂无数据2项。"]


def test_behind_targets_are_listed_with_their_leader_reason_and_measures_and_ensure_comes_first():
    office = make_office("财政所")
    strive = make_indicator("工业应税销售", unit="亿元", office=office)
    make_target(strive, value="65", firmness=Target.Firmness.STRIVE, order=1)
    leader = make_user(roles.LEADER, name="王副镇长")
    ensure = make_indicator("一般公共预算收入", unit="亿元", office=office, leader=leader)
    make_target(ensure, value="1.46", firmness=Target.Firmness.ENSURE, order=2)
    figures(strive, m6="26")  # 40% against 50%: 10 points behind
    figures(ensure, m5="0.6")
    Figure.objects.create(
        indicator=ensure,
        year=2023,
        month=6,
        value=Decimal("0.65"),
        reason="留抵退税减收",
        measures="加强税源管理。",
    )  # 0.65 ÷ 1.46 = 44.5%: 5.5 points behind

    briefing = compose(2023, 6)
    behind = next(item for item in briefing.items if item.heading == "欠序时进度及未完成目标")
    assert len(behind.paragraphs) == 2
    assert behind.paragraphs[0] == (
        "1. 一般公共预算收入（确保目标），欠序时，财政所牵头，分管领导：王副镇长。"
        "1—6月，全镇完成一般公共预算收入0.65亿元，完成年度目标的44.5%，落后序时进度5.5个百分点。"
        "原因：留抵退税减收。下步措施：加强税源管理。"
    )
    assert behind.paragraphs[1].startswith(
        "2. 工业应税销售（力争目标），欠序时，财政所牵头，分管领导：未指定。"
    )
    assert behind.paragraphs[1].endswith("原因：未填报。下步措施：未填报。")


def test_a_month_with_no_behind_target_says_so():
    indicator = make_indicator("一般公共预算收入", unit="亿元")
    make_target(indicator, value="1.46")
    figures(indicator, m6="0.80")
    behind = next(item for item in compose(2023, 6).items if item.heading == "欠序时进度及未完成目标")
    assert behind.paragraphs == ["本月没有欠序时进度或未完成的目标。"]


def test_registered_sections_come_after_the_behind_targets(monkeypatch):
    monkeypatch.setattr(briefing_module, "_providers", [])
    briefing_module.register_section(
        lambda year, month, registers=None: [
            BriefingItem("滞后项目", [f"{year}年{month}月正中桥危桥改造滞后。"], order=60)
        ]
    )
    indicator = make_indicator("一般公共预算收入", unit="亿元")
    make_target(indicator, value="1.46")
    figures(indicator, m6="0.80")
    headings = [item.heading for item in compose(2023, 6).items]
    assert headings[-2:] == ["欠序时进度及未完成目标", "滞后项目"]
    assert "2023年6月正中桥危桥改造滞后。" in paragraphs_of(compose(2023, 6))


def test_the_closing_line_says_how_many_targets_have_data():
    indicator = make_indicator("一般公共预算收入", unit="亿元")
    make_target(indicator, value="1.46")
    make_target(value="12")
    figures(indicator, m6="0.80")
    closing = compose(2023, 6).closing
    assert closing.startswith(
        "本通报依据各单位截至2023年6月的填报数据自动生成，2项目标中1项有数据，数据最近更新于"
    )


def test_a_month_without_any_figure_has_no_data():
    make_target(value="1.46")
    briefing = compose(2023, 6)
    assert not briefing.has_data
    assert briefing.closing == "2023年6月尚无填报数据，暂不能生成通报。"


def test_sample_figures_make_the_briefing_say_sample():
    indicator = make_indicator("一般公共预算收入", unit="亿元")
    make_target(indicator, value="1.46")
    Figure.objects.create(indicator=indicator, year=2023, month=6, value=Decimal("0.8"), is_sample=True)
    briefing = compose(2023, 6)
    assert briefing.is_sample
    assert briefing.texts()[0].startswith("示例数据")


# --- the page and the .docx ----------------------------------------------------------------------------------


@pytest.fixture
def reported(db):
    indicator = make_indicator("一般公共预算收入", unit="亿元")
    make_target(indicator, value="1.46", firmness=Target.Firmness.ENSURE)
    figures(indicator, m5="0.60", m6="0.80")
    return indicator


def test_a_leader_reads_the_briefing_of_a_chosen_month(client, leader_user, password, reported):
    client.login(username=leader_user.username, password=password)
    response = client.get("/targets/briefing/", {"year": "2023", "month": "6"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "正余镇2023年1—6月目标进度通报" in content
    assert "1—6月，全镇完成一般公共预算收入0.80亿元，完成年度目标的54.8%，超序时进度4.8个百分点。" in content
    assert "下载Word" in content
    assert "示例数据" not in content


def test_without_a_month_the_briefing_opens_on_the_latest_month_with_data(
    client, admin_user, password, reported
):
    client.login(username=admin_user.username, password=password)
    response = client.get("/targets/briefing/")
    assert response.status_code == 200
    assert "正余镇2023年1—6月目标进度通报" in response.content.decode()


def test_staff_may_not_read_the_briefing(client, staff_user, password, reported):
    client.login(username=staff_user.username, password=password)
    assert client.get("/targets/briefing/", {"year": "2023", "month": "6"}).status_code == 403
    assert client.get("/targets/briefing/docx/", {"year": "2023", "month": "6"}).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client, reported):
    for url in ("/targets/briefing/", "/targets/briefing/docx/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "abc", "month": "6"}, "年度须为2000至2100之间的四位数字"),
        ({"year": "1899", "month": "6"}, "年度须为2000至2100之间的四位数字"),
        ({"year": "2023", "month": "13"}, "月份须为1至12之间的数字"),
        ({"year": "2023", "month": "0"}, "月份须为1至12之间的数字"),
        ({"year": "2023", "month": "六"}, "月份须为1至12之间的数字"),
        ({"year": "99999999999999999999", "month": "6"}, "年度须为2000至2100之间的四位数字"),
    ],
)
def test_a_bad_year_or_month_gets_a_clear_chinese_message(
    client, leader_user, password, reported, params, message
):
    client.login(username=leader_user.username, password=password)
    for url in ("/targets/briefing/", "/targets/briefing/docx/"):
        response = client.get(url, params)
        assert response.status_code == 400
        assert message in response.content.decode()


def test_a_month_without_data_shows_an_empty_state(client, leader_user, password, reported):
    client.login(username=leader_user.username, password=password)
    for url in ("/targets/briefing/", "/targets/briefing/docx/"):
        response = client.get(url, {"year": "2023", "month": "3"})
        assert response.status_code == 200
        assert "2023年3月尚无填报数据，暂不能生成通报。" in response.content.decode()
    response = client.get("/targets/briefing/", {"year": "2031", "month": "3"})
    assert response.status_code == 200
    assert "2031年3月尚无填报数据" in response.content.decode()


def test_with_no_figures_at_all_the_briefing_page_explains_why_it_is_empty(client, leader_user, password):
    client.login(username=leader_user.username, password=password)
    response = client.get("/targets/briefing/")
    assert response.status_code == 200
    assert "还没有任何月度填报数据" in response.content.decode()


def test_the_word_download_opens_and_says_what_the_page_says(client, leader_user, password, reported):
    client.login(username=leader_user.username, password=password)
    response = client.get("/targets/briefing/docx/", {"year": "2023", "month": "6"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    filename = "正余镇2023年1—6月目标进度通报.docx"
    assert f"filename*=utf-8''{quote(filename)}" in response["Content-Disposition"]
    document = Document(BytesIO(response.content))
    lines = [paragraph.text for paragraph in document.paragraphs]
    assert lines == compose(2023, 6).texts()
    page = client.get("/targets/briefing/", {"year": "2023", "month": "6"}).content.decode()
    for line in lines:
        assert line in page


def test_sample_data_is_labelled_on_the_page_and_in_the_word_file(client, leader_user, password, reported):
    Figure.objects.filter(indicator=reported, month=6).update(is_sample=True)
    client.login(username=leader_user.username, password=password)
    page = client.get("/targets/briefing/", {"year": "2023", "month": "6"}).content.decode()
    assert 'class="sample-banner"' in page and "示例数据：" in page
    document = Document(
        BytesIO(client.get("/targets/briefing/docx/", {"year": "2023", "month": "6"}).content)
    )
    assert document.paragraphs[0].text.startswith("示例数据：")


def test_only_leaders_and_admins_see_the_briefing_in_the_navigation(client, password):
    for role, shown in ((roles.STAFF, False), (roles.LEADER, True), (roles.ADMIN, True)):
        user = make_user(role)
        client.login(username=user.username, password=password)
        assert ('href="/targets/briefing/"' in client.get("/").content.decode()) is shown
        client.logout()


def test_the_overview_counts_milestones_under_way_apart_from_targets_without_data():
    bridge = make_indicator("正中桥危桥改造", unit="项")
    make_target(bridge, value=None, kind=Target.Kind.MILESTONE)
    figures(bridge, m6="0")
    make_target(make_indicator("王余公路白改黑", unit="项"), value=None, kind=Target.Kind.MILESTONE)
    overview = compose(2023, 6).items[0].paragraphs[0]
    assert overview == "截至2023年6月末，全镇2项年度目标中，正在推进1项、暂无数据1项。"


def test_section_headings_carry_the_reports_numbering():
    section = make_section(number=2, title="坚持集聚创新活力,增强高质量发展动能")
    indicator = make_indicator("高新技术企业净增", unit="家")
    make_target(indicator, value="4", kind=Target.Kind.COUNT, section=section)
    figures(indicator, m6="2")
    headings = [item.heading for item in compose(2023, 6).items]
    assert "（二）坚持集聚创新活力,增强高质量发展动能" in headings


def test_the_closing_line_counts_every_reporting_office_including_those_that_never_started():
    offices = [make_office() for _ in range(4)]
    for number, office in enumerate(offices):
        indicator = make_indicator(f"指标{number}", unit="亿元", office=office)
        make_target(indicator, value="1.46")
        figures(indicator, m6="0.80")
    OfficeMonth.objects.create(office=offices[0], year=2023, month=6, state=OfficeMonth.State.APPROVED)
    OfficeMonth.objects.create(office=offices[1], year=2023, month=6, state=OfficeMonth.State.APPROVED)
    OfficeMonth.objects.create(office=offices[2], year=2023, month=6, state=OfficeMonth.State.SUBMITTED)
    make_office()  # owns no indicator: it reports nothing and is not counted
    assert compose(2023, 6).closing.endswith("；本月4个填报单位中：已提交1个、已审核2个、未开始1个。")
