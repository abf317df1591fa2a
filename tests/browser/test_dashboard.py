"""A leader opens the dashboard in a real Chromium, on a desktop and on a phone: the cards, the table with its
statuses, and charts drawn by plotly from our own static files, with no request leaving the machine."""

import os
from decimal import Decimal
from urllib.parse import urlparse

import pytest

from targets import roles
from targets.models import Figure, Target
from tests.factories import make_indicator, make_section, make_target, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCAL_HOSTS = {"localhost", "127.0.0.1"}
SCREENSHOTS = os.environ.get("SCREENSHOTS_DIR")  # set to look at the pages after a run


def make_town():
    headline = make_section(2023, 0, "主要预期目标")
    revenue = make_target(
        make_indicator("一般公共预算收入"), "1.46", firmness="确保", headline=True, section=headline
    )
    sales = make_target(
        make_indicator("工业应税销售"), "65", firmness="力争", headline=True, section=headline
    )
    projects = make_target(
        make_indicator("超5亿元重特大项目", unit="个"),
        "3",
        kind=Target.Kind.COUNT,
        firmness="确保",
        section=make_section(2023, 1, "（一）聚焦项目建设"),
    )
    for target, values in [
        (revenue, {3: "0.35", 6: "0.80"}),
        (sales, {3: "14", 6: "30"}),
        (projects, {6: "1"}),
    ]:
        for month, value in values.items():
            Figure.objects.create(indicator=target.indicator, year=2023, month=month, value=Decimal(value))
    return revenue


def watch_requests(page):
    hosts = []
    page.on("request", lambda request: hosts.append(urlparse(request.url).hostname))
    return hosts


def assert_charts_drawn(page, minimum=1):
    page.wait_for_selector("[data-drawn=true] .main-svg")
    assert page.locator(".chart .main-svg").count() >= minimum


@pytest.mark.parametrize("device", ["page", "phone_page"])
def test_a_leader_sees_the_strip_the_behind_ensure_card_lights_and_local_plotly_charts(
    request, live_server, log_in, device
):
    browser_page = request.getfixturevalue(device)
    revenue = make_town()
    hosts = watch_requests(browser_page)
    log_in(browser_page, make_user(roles.LEADER))

    assert browser_page.get_by_role("heading", name="2023年1—6月目标进度").is_visible()
    strip = browser_page.get_by_role("navigation", name="按状态统计")
    assert strip.is_visible() and "欠序时" in strip.inner_text()
    cards = browser_page.locator(".target-card")
    assert cards.count() == 1
    assert "超5亿元重特大项目" in cards.first.inner_text() and "欠序时" in cards.first.inner_text()
    assert cards.first.get_by_role("img", name="红灯").is_visible()
    rows = browser_page.locator("#progress-table tbody tr")
    assert rows.count() == 3
    # the behind 确保 target comes first
    assert "超5亿元重特大项目" in rows.first.inner_text() and "欠序时" in rows.first.inner_text()
    browser_page.locator(".chart").first.scroll_into_view_if_needed()
    assert_charts_drawn(browser_page)
    if SCREENSHOTS:
        browser_page.screenshot(path=f"{SCREENSHOTS}/dashboard-{device}.png", full_page=True)

    browser_page.get_by_role("link", name="一般公共预算收入").first.click()
    browser_page.wait_for_url(f"{live_server.url}/targets/{revenue.pk}/")
    browser_page.locator("#target-chart").scroll_into_view_if_needed()
    assert_charts_drawn(browser_page)
    assert browser_page.locator("#target-chart .main-svg").first.is_visible()
    assert browser_page.get_by_text("各月末状态").is_visible()

    if SCREENSHOTS:
        browser_page.screenshot(path=f"{SCREENSHOTS}/target-{device}.png", full_page=True)
    assert hosts and set(hosts) <= LOCAL_HOSTS, f"requests left the machine: {set(hosts) - LOCAL_HOSTS}"


def test_on_a_phone_the_first_screen_needs_no_plotly_and_the_table_is_a_list(phone_page, live_server, log_in):
    make_town()
    log_in(phone_page, make_user(roles.LEADER))
    # The strip and the urgent card are on the first screen; plotly is not even fetched until a chart is near.
    assert phone_page.get_by_role("navigation", name="按状态统计").bounding_box()["y"] < 844
    assert phone_page.locator(".target-card").first.bounding_box()["y"] < 844
    assert phone_page.evaluate("typeof window.Plotly") == "undefined"
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    # Each target is a card of the list, as wide as the phone; its first line: name, light and gap.
    row = phone_page.locator("#progress-table tbody tr").first
    box = row.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    first = phone_page.locator("#progress-table tbody tr td.col-indicator").first
    assert first.get_by_role("link", name="超5亿元重特大项目").is_visible()
    assert first.get_by_role("img", name="红灯").is_visible()
    assert "-16.7个百分点" in first.inner_text() and "欠序时" in first.inner_text()
    for cell in phone_page.locator("#progress-table tbody td:visible").all():
        cell_box = cell.bounding_box()
        assert cell_box["x"] + cell_box["width"] <= 390, cell.inner_text()
    if SCREENSHOTS:
        phone_page.screenshot(path=f"{SCREENSHOTS}/dashboard-phone.png", full_page=True)


def test_with_javascript_off_a_phone_still_shows_the_strip_lights_and_list(browser, live_server):
    from tests.conftest import PASSWORD

    make_town()
    user = make_user(roles.LEADER)
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("navigation", name="按状态统计").is_visible()
    assert page.locator("#progress-table tbody tr").count() == 3
    assert page.get_by_role("img", name="红灯").first.is_visible()
    assert page.get_by_role("img", name="绿灯").first.is_visible()
    # the strip filters without JavaScript
    page.get_by_role("link", name="1 超序时").click()
    assert page.locator("#progress-table tbody tr").count() == 1
    context.close()


def test_an_unknown_status_in_the_link_shows_every_target_with_a_message(page, live_server, log_in):
    make_town()
    log_in(page, make_user(roles.LEADER))
    page.goto(f"{live_server.url}/?year=2023&month=6&status=late&office=abc")
    assert "查询条件有误" in page.get_by_role("alert").inner_text()
    assert page.locator("#progress-table tbody tr").count() == 3
