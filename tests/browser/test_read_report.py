"""An admin reads a new year's report in a real Chromium: upload, fix two proposals in the preview, confirm."""

import os
from decimal import Decimal
from pathlib import Path

import pytest

from targets import roles
from targets.models import Result, Target
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT = """青湖镇人民政府工作报告

一、2024年工作回顾
过去一年，全镇完成一般公共预算收入1.8亿元，新建农村公路12千米，完成改厕600户。

二、2025年工作安排
2025年主要预期目标是：一般公共预算收入确保2亿元；地区生产总值增长6%左右。
（一）建设乡村。新建农村公路15公里，完成改厕800户，每季度开展人居环境考评1次。
"""
SHOTS = os.environ.get("SCREENSHOT_DIR")


def shot(page, name, full_page=True):
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=full_page, timeout=30_000)


def test_an_admin_reads_a_report_fixes_two_proposals_and_confirms(
    page, live_server, log_in, tmp_path, settings
):
    settings.REPORT_DRAFT_DIR = tmp_path / "drafts"
    admin = make_user(roles.ADMIN)
    log_in(page, admin)
    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("link", name="读取工作报告").click()
    report = tmp_path / "青湖镇2025年政府工作报告.txt"
    report.write_text(REPORT, encoding="gb18030")
    page.get_by_label("报告文件").set_input_files(str(report))
    page.get_by_label("计划年度").fill("2025")
    page.get_by_role("button", name="读取并预览").click()

    gdp = page.get_by_role("region", name="目标 2")
    assert gdp.locator("mark").inner_text() == "地区生产总值增长6%左右"
    shot(page, "reader-preview")
    assert Target.objects.count() == 0
    # Fix two proposals: the growth rate was meant as 力争 6.5%, and the road is renamed.
    gdp.get_by_label("目标值").fill("6.5")
    gdp.get_by_label("表述").select_option("力争")
    page.get_by_role("region", name="目标 3").get_by_label("名称").fill("农村公路建设")
    # Drop the sanitation target.
    page.get_by_role("region", name="目标 4").get_by_label("导入").uncheck()
    page.get_by_role("button", name="确认导入").click()

    assert "已从报告导入 2025年目标 4 项" in page.get_by_text("已从报告导入").inner_text()
    growth = Target.objects.get(indicator__name="地区生产总值", year=2025)
    assert (growth.value, growth.firmness, growth.quote) == (Decimal("6.5"), "力争", "地区生产总值增长6%左右")
    road = Target.objects.get(indicator__name="农村公路建设")
    assert road.baseline().value == Decimal("12") and road.baseline().unit == "公里"
    assert not Target.objects.filter(indicator__name="改厕").exists()
    assert Result.objects.filter(year=2024).count() == 3


def test_the_preview_fits_a_phone(phone_page, live_server, log_in, tmp_path, settings, client):
    settings.REPORT_DRAFT_DIR = tmp_path / "drafts"
    admin = make_user(roles.ADMIN)
    log_in(phone_page, admin)
    phone_page.goto(f"{live_server.url}/admin/read-report/")
    phone_page.get_by_label("或粘贴报告全文").fill(REPORT)
    phone_page.get_by_label("计划年度").fill("2025")
    phone_page.get_by_role("button", name="读取并预览").click()
    row = phone_page.get_by_role("region", name="目标 1")
    assert row.locator("mark").is_visible()
    box = row.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    shot(phone_page, "reader-preview-phone")


def test_an_admin_starts_2024_reads_the_report_into_it_and_the_dashboard_shows_the_baselines(
    page, live_server, log_in, tmp_path, settings
):
    """The issue's journey: 2024 started from 2023, this report read as if it were 2024's, two rows fixed."""
    from django.core.management import call_command

    from tests.factories import PASSWORD
    from tests.targets.year_setup import build_2023

    settings.REPORT_DRAFT_DIR = tmp_path / "drafts"
    town = build_2023()
    call_command("start_year", "2024", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert Target.objects.get(indicator=town.revenue, year=2024).is_carried
    log_in(page, town.admin, PASSWORD)
    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("link", name="读取工作报告").click()
    page.get_by_label("报告文件").set_input_files(str(Path(__file__).parent.parent / "data" / "report.txt"))
    page.get_by_label("计划年度").fill("2024")
    page.get_by_role("button", name="读取并预览").click()

    def row(quote):
        return page.locator("section.reader-row", has=page.locator("mark", has_text=quote)).first

    revenue = row("一般公共预算收入确保1.46亿元")
    assert revenue.get_by_label("用报告覆盖").is_checked()  # the carried placeholder gives way
    tax = row("工业入库税金力争2亿元")
    tax.get_by_label("目标值").fill("2.2")
    tax.get_by_label("限定词").fill("超")
    fairs = row("适时举办6场专题性、主题性招商活动")
    fairs.get_by_label("名称").fill("专题招商活动")
    tax.scroll_into_view_if_needed()
    shot(page, "reader-journey-preview", full_page=False)
    page.get_by_role("button", name="确认导入").click()
    assert "已从报告导入 2024年目标" in page.get_by_text("已从报告导入").inner_text()

    budget = Target.objects.get(indicator=town.revenue, year=2024)
    assert (budget.value, budget.is_carried, budget.quote) == (
        Decimal("1.46"),
        False,
        "一般公共预算收入确保1.46亿元",
    )
    assert budget.revisions.filter(reason="从报告导入").exists()
    tax_target = Target.objects.get(indicator__name="工业入库税金", year=2024)
    assert (tax_target.value, tax_target.qualifier) == (Decimal("2.2"), "超")
    assert Target.objects.filter(indicator__name="专题招商活动", year=2024, value=6).exists()
    # The date the reader proposed went through the browser's date input unchanged.
    assert Target.objects.get(year=2024, kind="deadline").deadline.isoformat() == "2024-03-31"

    page.goto(f"{live_server.url}/?year=2024")
    revenue_row = page.locator("#progress-table tbody tr", has_text="一般公共预算收入")
    assert "1.46" in revenue_row.inner_text() and "1.22" in revenue_row.inner_text()
    shot(page, "reader-journey-dashboard")
