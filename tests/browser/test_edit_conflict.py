"""Two staff of one office edit the same month at once, in two browsers (one a phone): a figure only the
colleague changed is kept, the one both changed is shown in the conflict box and overwritten only knowingly."""

from decimal import Decimal

import pytest

from targets import roles
from targets.entry import services
from targets.entry.checks import Entry
from targets.models import Figure, FigureChange
from tests.factories import make_user
from tests.targets.entry_setup import build_town

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_colleagues_figure_survives_and_a_shared_one_is_overwritten_knowingly(
    page, phone_page, live_server, log_in, tmp_path
):
    town = build_town()
    town.staff.first_name = "王芳"
    town.staff.save()
    colleague = make_user(roles.STAFF, office=town.office, username="staff-b", name="李强")
    values = [Entry(town.revenue.pk, "0.75"), Entry(town.households.pk, "1400"), Entry(town.share.pk, "41")]
    services.save_month(town.office, 2023, 6, values, town.staff, source="form", expected_version=0)
    url = f"{live_server.url}/targets/entry/{town.office.pk}/2023/6/"
    log_in(page, town.staff)
    log_in(phone_page, colleague)
    page.goto(url)
    phone_page.goto(url)  # both open June with 一般公共预算收入 0.75

    page.get_by_label("一般公共预算收入", exact=True).fill("0.76")
    page.get_by_label("高技术产业占比", exact=True).fill("42")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url(url)

    phone_page.get_by_label("一般公共预算收入", exact=True).fill("0.8")
    phone_page.get_by_label("新增市场主体", exact=True).fill("1500")
    phone_page.get_by_role("button", name="保存草稿").click()
    box = phone_page.locator(".entry-conflict")
    box.wait_for()
    rows = box.locator("tbody tr").all_inner_texts()
    assert len(rows) == 1  # only the figure both changed; not 高技术产业占比, not 新增市场主体
    assert rows[0].split("\t")[:6] == ["一般公共预算收入", "数值", "0.75", "0.8", "0.76", "王芳"]
    assert (
        phone_page.get_by_label("高技术产业占比", exact=True).input_value() == "42"
    )  # the colleague's, as now
    phone_page.screenshot(path=tmp_path / "conflict-phone.png", full_page=True)
    assert Figure.objects.get(indicator=town.revenue).value == Decimal("0.76")

    phone_page.get_by_role("button", name="保存草稿").click()  # knowingly
    phone_page.wait_for_url(url)
    stored = dict(Figure.objects.values_list("indicator__code", "value"))
    assert stored == {"revenue": Decimal("0.8"), "households": Decimal(1500), "share": Decimal(42)}
    last = FigureChange.objects.filter(figure__indicator=town.revenue).first()
    assert (last.changed_by, last.old_value) == (colleague, Decimal("0.76"))
    assert "李强" in phone_page.locator(f"#row-{town.revenue.pk}").inner_text()  # 修改记录 names the person
