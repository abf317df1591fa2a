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


def shot(page, name):
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


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
