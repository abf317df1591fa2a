"""The loop in a real Chromium: a leader presses 催办 on a late office, its 填报员 sees it in the inbox, opens the
month owed from there and enters it by keyboard alone; on a phone the form is one block per indicator."""

from decimal import Decimal

import pytest

from targets.models import Figure, Message, OfficeMonth
from tests.targets.entry_setup import build_town

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_chases_a_late_office_and_its_staff_answer_from_the_inbox(page, live_server, log_in):
    town = build_town()
    for month in range(1, 6):
        OfficeMonth.objects.create(
            office=town.office, year=2023, month=month, state=OfficeMonth.State.APPROVED
        )

    log_in(page, town.leader)
    page.goto(f"{live_server.url}/targets/entry/status/?year=2023")
    page.get_by_label("经济发展局6月催办附言").fill("请今天报送6月数据")
    page.get_by_role("button", name="催办经济发展局6月").click()
    page.wait_for_url("**/targets/entry/status/?year=2023")
    assert "已催办经济发展局 2023年6月，通知了 1 名填报员" in page.get_by_role("status").first.inner_text()
    assert (
        "已催办（leader-town）"
        in page.locator("tr", has_text="经济发展局").locator("td[data-month='6']").inner_text()
    )
    # A second press the same day is refused, in Chinese.
    page.get_by_role("button", name="催办经济发展局6月").click()
    page.wait_for_url("**/targets/entry/status/?year=2023")
    assert "您今天已经催办过" in page.get_by_role("status").first.inner_text()
    assert Message.objects.count() == 1

    log_in(page, town.staff)
    inbox_link = page.get_by_role("link", name="站内消息")
    assert inbox_link.locator(".nav-badge").inner_text() == "1"
    inbox_link.click()
    assert "请今天报送6月数据" in page.content()
    page.get_by_role("link", name="去填报").click()
    page.wait_for_url(f"**/targets/entry/{town.office.pk}/2023/6/")
    assert page.locator(".nav-badge").count() == 0  # read

    # By keyboard alone: the first figure has the focus, Enter goes down the column, then to the buttons.
    for text in ["1400", "0.8亿", "41"]:
        page.keyboard.type(text)
        page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.textContent") == "保存草稿"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # 保存并提交审核
    page.wait_for_url(f"**/targets/entry/{town.office.pk}/2023/6/")
    assert "已保存并提交审核" in page.get_by_role("status").first.inner_text()
    assert dict(Figure.objects.values_list("indicator__code", "value")) == {
        "households": 1400,
        "revenue": Decimal("0.8"),
        "share": 41,
    }
    # Nothing is owed any more in June: the leader's grid offers no 催办 for it.
    log_in(page, town.leader)
    page.goto(f"{live_server.url}/targets/entry/status/?year=2023")
    assert page.get_by_role("button", name="催办经济发展局6月").count() == 0


def test_on_a_phone_each_indicator_is_a_block_and_values_only_hides_the_texts(
    phone_page, live_server, log_in
):
    town = build_town()
    page = phone_page
    log_in(page, town.staff)
    page.goto(f"{live_server.url}/targets/entry/{town.office.pk}/2023/6/")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390  # no sideways scrolling
    name = page.locator(f"#row-{town.revenue.pk} th label").bounding_box()
    value = page.get_by_label("一般公共预算收入", exact=True).bounding_box()
    assert name["y"] + name["height"] <= value["y"]  # the name above its input
    assert value["x"] >= 0 and value["x"] + value["width"] <= 390
    page.screenshot(path="/tmp/i11-entry-phone.png", full_page=True)
    note = page.get_by_label("一般公共预算收入 备注")
    assert note.is_visible()
    page.get_by_label("只填数值（隐藏备注、原因、下步措施）").check()
    assert not note.is_visible()
    page.reload()  # remembered in this browser
    assert not page.get_by_label("一般公共预算收入 备注").is_visible()
