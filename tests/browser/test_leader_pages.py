"""Every page a leader uses, on a 390×844 phone and a 1366×768 desktop: the column a leader reads there is on
screen, not cut off by the page or hidden in a box that must be scrolled sideways. And the charts fit their box:
after the window is resized, and on a phone, with legend, bar labels and ticks inside the chart."""

from datetime import date
from decimal import Decimal

import pytest

from targets import roles
from targets.models import Figure, OfficeMonth, Target
from tests.factories import (
    make_indicator,
    make_milestone,
    make_office,
    make_project,
    make_section,
    make_target,
    make_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"phone": (390, 844), "desktop": (1366, 768)}

# Whether an element is wholly visible across: inside the window and inside every box that clips it.
SHOWN = """el => {
  const box = el.getBoundingClientRect();
  let left = 0, right = window.innerWidth;
  for (let a = el.parentElement; a; a = a.parentElement) {
    const style = getComputedStyle(a);
    if (style.overflowX !== 'visible') {
      const r = a.getBoundingClientRect(); left = Math.max(left, r.left); right = Math.min(right, r.right);
    }
  }
  return box.width > 0 && box.left >= left - 1 && box.right <= right + 1;
}"""


def make_town():
    economy = make_office("经济发展局")
    headline = make_section(2023, 0, "主要预期目标")
    revenue = make_target(
        make_indicator("一般公共预算收入", office=economy),
        "1.46",
        firmness="确保",
        headline=True,
        section=headline,
    )
    sales = make_target(
        make_indicator("工业应税销售", office=economy), "65", firmness="力争", section=headline
    )
    projects = make_target(
        make_indicator("超5亿元重特大项目", unit="个", office=economy),
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
    OfficeMonth.objects.create(
        office=economy, year=2023, month=6, state=OfficeMonth.State.SUBMITTED, version=2
    )
    for number in range(3):
        project = make_project(
            f"正余镇智能制造产业园二期扩建工程{number}", office=economy, deadline=date(2023, 12, 31)
        )
        make_milestone(project, "完成厂房主体结构封顶", planned_on=date(2023, 6, 30))
    return economy, revenue


def key_cells(page, selector):
    cells = page.locator(selector)
    cells.first.wait_for()
    return cells.all()[:3]


@pytest.mark.parametrize("size", VIEWPORTS)
def test_every_leader_page_keeps_its_key_column_on_screen(browser, live_server, log_in, size):
    economy, revenue = make_town()
    width, height = VIEWPORTS[size]
    context = browser.new_context(
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        viewport={"width": width, "height": height},
        is_mobile=size == "phone",
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    log_in(page, make_user(roles.LEADER))
    status = "td.col-indicator .status-word" if size == "phone" else "td.col-status .status"
    pages = {
        "看板：状态": ("/?year=2023&month=6", status),
        "目标页：状态": (f"/targets/{revenue.pk}/?month=6", ".progress-panel .status"),
        "月度通报：状态": ("/targets/briefing/?year=2023&month=6", "#schedule-table td.status-cell"),
        "月度审核：本月数值": (
            f"/targets/entry/?year=2023&month=6&office={economy.pk}",
            ".entry-table td.entry-value input[name^=value_]",
        ),
        "填报情况：本月": ("/targets/entry/status/?year=2023", ".status-table [data-current]"),
        "项目台账：状态": ("/projects/", ".project-table td.col-status"),
        "挂图作战：状态": ("/projects/gantt/", ".gantt-table td.col-status"),
    }
    for name, (url, selector) in pages.items():
        page.goto(f"{live_server.url}{url}")
        for cell in key_cells(page, selector):
            assert cell.evaluate(SHOWN), f"{name} ({size}): {cell.inner_text()!r} is off screen"
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (
            f"{name} ({size}) scrolls sideways"
        )
    if size == "desktop":
        # every column of the dashboard's table on screen, and no row stacked a character a line
        page.goto(f"{live_server.url}/?year=2023&month=6")
        headers = page.locator("#progress-table thead th").all()
        assert len(headers) == 13 and all(header.evaluate(SHOWN) for header in headers)
        section = page.locator("#progress-table td.col-section").first
        assert section.bounding_box()["width"] >= 5 * 13, "section titles are squeezed"
    # Project names read as names, not two characters a line.
    page.goto(f"{live_server.url}/projects/")
    name = page.locator(".project-table td.col-name a").first
    assert name.bounding_box()["width"] >= 6 * 14, "project names are squeezed"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_printed_on_a4_the_dashboard_and_the_briefing_lose_no_column(page, live_server, log_in):
    """A4 portrait less the 20 mm margins is 170 mm: about 643 CSS pixels."""
    make_town()
    log_in(page, make_user(roles.LEADER))
    page.set_viewport_size({"width": 643, "height": 900})
    page.emulate_media(media="print")
    for url, table, columns in [
        (
            "/?year=2023&month=6",
            "#progress-table",
            ["指标", "状态", "差距（百分点）", "完成值", "完成率/增速", "序时/目标", "目标"],
        ),
        (
            "/targets/briefing/?year=2023&month=6",
            "#schedule-table",
            ["目标", "累计完成", "完成率", "序时", "差距（百分点）", "状态"],
        ),
    ]:
        page.goto(f"{live_server.url}{url}")
        headers = page.locator(f"{table} thead th")
        shown = [h for h in headers.all() if h.is_visible()]
        assert [h.inner_text().strip() for h in shown if h.inner_text().strip() in columns] == columns
        for header in shown:
            assert header.evaluate(SHOWN), f"{url}: {header.inner_text()!r} is cut at A4 width"
        assert page.evaluate("document.documentElement.scrollWidth") <= 643
    # the status cells keep their colour on paper
    assert page.locator("#schedule-table td.light-cell-red").count() >= 1
