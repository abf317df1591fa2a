"""The monthly journey in a real Chromium: staff enter and submit with the keyboard, a leader approves, the
month is locked, an admin reopens it with a reason, and the month's record shows every step."""

from decimal import Decimal

import pytest

from targets.models import Figure, OfficeMonth
from tests.targets.entry_setup import build_town

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_month_goes_from_keyboard_entry_to_approval_to_reopening(page, live_server, log_in):
    town = build_town()
    url = f"{live_server.url}/targets/entry/{town.office.pk}/2023/6/"
    revenue_page = f"{live_server.url}/targets/{town.revenue.targets.get().pk}/?month=6"
    # A leader reads the target's page before anything is entered: its body is now in the page cache.
    log_in(page, town.leader)
    for _twice in range(2):
        page.goto(revenue_page)
        assert "2023年尚无月度数据" in page.content()

    log_in(page, town.staff)
    page.goto(url)
    # The first figure has the focus; Enter moves down to the next row's figure and never sends the form early.
    typed = {"新增市场主体": "１，４００", "一般公共预算收入": "0.8亿", "高技术产业占比": "41%"}
    names = ["新增市场主体", "一般公共预算收入", "高技术产业占比"]

    def focused():
        return page.evaluate("document.activeElement.id")

    for name in names:
        assert focused() == page.get_by_label(name, exact=True).get_attribute("id")
        page.keyboard.type(typed[name])
        if name != names[-1]:
            page.keyboard.press("Enter")  # → the same column of the next row
    page.keyboard.press("ArrowUp")  # ↑ back to the row above, ↓ down again
    assert focused() == page.get_by_label(names[1], exact=True).get_attribute("id")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")  # → 备注 of the last row; ↑ walks up that column
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.name").startswith("note_")
    page.keyboard.type("按月报")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")  # the last row: on to the buttons
    assert page.url == url and not Figure.objects.exists()
    assert page.evaluate("document.activeElement.textContent") == "保存草稿"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "保存并提交审核"
    page.keyboard.press("Enter")
    page.wait_for_url(url)
    assert "已保存并提交审核" in page.get_by_role("status").first.inner_text()
    assert dict(Figure.objects.values_list("indicator__code", "value")) == {
        "households": 1400,
        "revenue": Decimal("0.8"),
        "share": 41,
    }

    log_in(page, town.leader)
    page.goto(revenue_page)  # what staff saved shows at once, not the page cached before
    assert "尚无月度数据" not in page.content()
    assert "0.8" in page.locator("table", has_text="填报人").inner_text()
    page.goto(url)
    page.get_by_label("意见（可不填）").fill("数据属实")
    page.get_by_role("button", name="审核通过").click()
    page.wait_for_url(url)
    assert "已审核通过" in page.get_by_role("status").first.inner_text()

    log_in(page, town.staff)
    page.goto(url)
    assert "已审核通过并锁定" in page.content()
    assert page.get_by_role("button", name="保存草稿").count() == 0
    assert page.get_by_label("一般公共预算收入", exact=True).is_disabled()

    log_in(page, town.admin)
    page.goto(url)
    page.get_by_label("重新开放理由").fill("统计局更正6月口径")
    page.get_by_role("button", name="重新开放").click()
    page.wait_for_url(url)
    assert OfficeMonth.objects.get().state == OfficeMonth.State.DRAFT
    steps = page.locator(".events li").all_inner_texts()
    assert [step.split(" · ")[0] for step in steps] == ["保存", "提交", "审核通过", "重新开放"]
    assert "staff-econ" in steps[1] and "leader-town" in steps[2] and "数据属实" in steps[2]
    assert "admin-town" in steps[3] and "统计局更正6月口径" in steps[3]
    assert page.get_by_label("一般公共预算收入", exact=True).is_enabled()


def test_staff_upload_the_downloaded_excel_see_the_preview_and_confirm(page, live_server, log_in, tmp_path):
    town = build_town()
    url = f"{live_server.url}/targets/entry/{town.office.pk}/2023/6/"
    log_in(page, town.staff)
    page.goto(url)
    with page.expect_download() as downloaded:
        page.get_by_role("link", name="下载 Excel").click()
    path = tmp_path / "june.xlsx"
    downloaded.value.save_as(path)
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    for row in workbook["填报"].iter_rows(min_row=5):
        row[8].value = {"revenue": "8000万", "households": 1400, "share": 41}[row[0].value]
    workbook.save(path)
    page.get_by_role("link", name="上传 Excel").click()
    page.get_by_label("填好的 Excel 文件（.xlsx）").set_input_files(path)
    page.get_by_role("button", name="上传并预览").click()
    page.wait_for_url("**/import/preview/")
    assert "可导入 3 行" in page.content() and "0.8亿元" in page.content()
    assert not Figure.objects.exists()
    page.get_by_role("button", name="确认导入").click()
    page.wait_for_url(url)
    assert "导入成功" in page.get_by_role("status").first.inner_text()
    assert Figure.objects.get(indicator=town.revenue).value == Decimal("0.8")
