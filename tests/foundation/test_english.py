"""A user who chose English reads the interface in English; the report's own words (indicator names) stay Chinese."""

from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings

from targets.models import Figure, Target
from tests.factories import make_indicator, make_milestone, make_project, make_target

pytestmark = pytest.mark.django_db


@pytest.fixture
def revenue(office):
    """一般公共预算收入, a 确保 target of 1.46亿元, with figures for March and June 2023."""
    indicator = make_indicator("一般公共预算收入", unit="亿元", office=office)
    make_target(indicator, value="1.46", firmness=Target.Firmness.ENSURE)
    for month, value in ((3, "0.30"), (6, "0.80")):
        Figure.objects.create(indicator=indicator, year=2023, month=month, value=Decimal(value))
    return indicator


def english_page(client, user, url):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_a_leader_who_chose_english_sees_the_navigation_and_the_dashboard_headings_in_english(
    client, leader_user, revenue
):
    page = english_page(client, leader_user, "/?year=2023&month=6")
    for label in (
        "Dashboard",
        "Monthly briefing",
        "Log out",
        "Target progress, months 1–6 of 2023",
        "All targets",
        " · Leader",
    ):
        assert label in page
    for label in ("看板", "月度通报", "退出", "目标进度", "全部目标", " · 领导", ">6月<"):
        assert label not in page
    assert "一般公共预算收入" in page  # the indicator's name is the report's, not the interface's


def test_a_data_clerk_who_chose_english_sees_the_monthly_entry_buttons_in_english(
    client, staff_user, revenue
):
    page = english_page(client, staff_user, "/targets/entry/")
    for label in ("Save draft", "Save and submit for approval", "Download Excel", "Value of the month"):
        assert label in page
    for label in ("保存草稿", "保存并提交审核", "下载 Excel", "本月数值"):
        assert label not in page


def test_a_leader_who_chose_english_reads_the_briefing_sentences_in_english(client, leader_user, revenue):
    page = english_page(client, leader_user, "/targets/briefing/?year=2023&month=3")
    # 0.30 ÷ 1.46 = 20.5% of the target; the schedule after 3 months is 25%: 4.5 points behind
    sentence = (
        "In months 1–3, the town achieved 一般公共预算收入 of 0.30亿元, 20.5% of the annual target, "
        "4.5 percentage points behind schedule."
    )
    assert sentence in page
    assert "Download Word" in page and "下载Word" not in page
    assert "落后序时进度" not in page


def test_a_leader_who_chose_english_sees_the_project_register_labels_in_english(client, leader_user, office):
    make_project("博信科技项目", office=office)
    page = english_page(client, leader_user, "/projects/")
    for label in ("Wall chart", "Export Excel", "Filter", "Responsible office"):
        assert label in page
    for label in ("挂图作战", "导出 Excel", "筛选", "责任单位"):
        assert label not in page
    assert "博信科技项目" in page


def test_charts_on_english_pages_label_plotlys_own_buttons_in_english(client, leader_user, office, revenue):
    project = make_project("博信科技项目", office=office, deadline=date(2023, 12, 31))
    make_milestone(project, "开工", planned_on=date(2023, 4, 30))
    target = Target.objects.get(indicator=revenue)
    for url in (f"/targets/{target.pk}/", "/projects/gantt/"):
        page = english_page(client, leader_user, url)
        assert '"locale": "en"' in page and '"locale": "zh-CN"' not in page


def test_english_pages_use_english_punctuation_around_interface_words(
    client, leader_user, staff_user, revenue
):
    target = Target.objects.get(indicator=revenue)
    page = english_page(client, leader_user, f"/targets/{target.pk}/?month=6")
    assert "50% (+4.8 percentage points)" in page and "（+4.8" not in page
    Figure.objects.filter(indicator=revenue).update(is_sample=True)
    export = english_page(client, leader_user, "/?year=2023&month=6&export=csv")
    assert "一般公共预算收入 (sample data)" in export and "（Sample data）" not in export
    page = english_page(client, staff_user, f"/targets/entry/{revenue.office_id}/2023/6/")
    assert "State: " in page and "State：" not in page
