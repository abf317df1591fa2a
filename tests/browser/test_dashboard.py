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
def test_a_leader_sees_cards_statuses_and_local_plotly_charts(request, live_server, log_in, device):
    browser_page = request.getfixturevalue(device)
    revenue = make_town()
    hosts = watch_requests(browser_page)
    log_in(browser_page, make_user(roles.LEADER))

    assert browser_page.get_by_role("heading", name="2023年1—6月目标进度").is_visible()
    cards = browser_page.locator(".target-card")
    assert cards.count() == 2
    assert "54.8%" in cards.first.inner_text() and "超序时" in cards.first.inner_text()
    rows = browser_page.locator("#progress-table tbody tr")
    assert rows.count() == 3
    # the behind 确保 target comes first
    assert "超5亿元重特大项目" in rows.first.inner_text() and "欠序时" in rows.first.inner_text()
    assert_charts_drawn(browser_page)
    if SCREENSHOTS:
        browser_page.screenshot(path=f"{SCREENSHOTS}/dashboard-{device}.png", full_page=True)

    browser_page.get_by_role("link", name="一般公共预算收入").first.click()
    browser_page.wait_for_url(f"{live_server.url}/targets/{revenue.pk}/")
    assert_charts_drawn(browser_page)
    assert browser_page.locator("#target-chart .main-svg").first.is_visible()
    assert browser_page.get_by_text("各月末状态").is_visible()

    if SCREENSHOTS:
        browser_page.screenshot(path=f"{SCREENSHOTS}/target-{device}.png", full_page=True)
    assert hosts and set(hosts) <= LOCAL_HOSTS, f"requests left the machine: {set(hosts) - LOCAL_HOSTS}"


def test_on_a_phone_cards_stack_and_the_table_scrolls_inside_its_box(phone_page, live_server, log_in):
    make_town()
    log_in(phone_page, make_user(roles.LEADER))
    boxes = [phone_page.locator(".target-card").nth(i).bounding_box() for i in range(2)]
    assert boxes[1]["y"] > boxes[0]["y"] + boxes[0]["height"] - 1  # one under the other
    page_width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 390
    # the table is wider than the phone, yet the page is not: it scrolls inside its own box
    assert phone_page.locator("#progress-table").bounding_box()["width"] > 390
    if SCREENSHOTS:
        phone_page.screenshot(path=f"{SCREENSHOTS}/dashboard-phone.png", full_page=True)
