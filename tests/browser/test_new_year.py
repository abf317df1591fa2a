"""An admin starts 2024 from 2023 in the admin of a real Chromium: preview, confirm, and the 2024 dashboard lists
the targets with 2023's actuals (read from generated monthly figures) as baselines."""

import os

import pytest
from playwright.sync_api import expect

from targets.templatetags.targets_format import amount
from tests.factories import PASSWORD
from tests.targets.year_setup import build_2023

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("SCREENSHOTS_DIR")  # set to look at the pages after a run


def test_an_admin_starts_2024_and_its_dashboard_shows_2023s_actuals_as_baselines(page, live_server, log_in):
    town = build_2023()
    log_in(page, town.admin, PASSWORD)

    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("link", name="开始新年度").click()
    page.get_by_label("新年度").fill("2024")
    page.get_by_role("button", name="预览").click()
    preview = page.locator("#new-targets")
    expect(preview.get_by_text("一般公共预算收入")).to_be_visible()
    expect(page.locator("#baselines").get_by_text("2023年1—9月累计（最近审核月）")).to_be_visible()
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/start-year-preview.png", full_page=True)
    page.get_by_role("button", name="确认开始2024年").click()
    expect(page.get_by_text("已开始2024年")).to_be_visible()

    page.goto(f"{live_server.url}/?year=2024")
    expect(page.locator("h1")).to_contain_text("2024年")
    revenue_row = page.locator("#progress-table tbody tr", has_text="一般公共预算收入")
    december = f"{amount(town.revenue_figures[12])}亿元"
    expect(revenue_row).to_contain_text(december)  # 上年基数: 2023's December year-to-date total
    expect(page.locator("#progress-table")).to_contain_text(f"{amount(town.sales_figures[9])}亿元")
    page.get_by_role("link", name="工业应税销售").first.click()
    yoy = page.locator(".yoy-table")
    september = f"{town.sales_figures[9].normalize():f}亿元"
    expect(yoy.get_by_text(september)).to_be_visible()
    last_year_target = yoy.locator("tbody tr").first.locator("td").first
    expect(last_year_target).to_contain_text("力争")
    expect(last_year_target).to_contain_text("65亿元")
    expect(page.get_by_text("2023年基数")).to_be_visible()
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/target-2024.png", full_page=True)
