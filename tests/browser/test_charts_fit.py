"""Charts fit their box: a target's chart after the window is resized and on a phone (it used to overflow its
220 px box at 422 px, over the 月度数据 rows), and the dashboard's section charts on a phone with their legend clear
of the axis title and every bar label and tick inside the chart."""

import pytest

from targets import roles
from tests.browser.test_dashboard import make_town
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The chart's drawing against its box, once plotly has settled at the box's width.
FITS = """box => {
  const outer = box.getBoundingClientRect();
  const svg = box.querySelector('.main-svg').getBoundingClientRect();
  return {fits: svg.width <= outer.width + 1 && svg.height <= outer.height + 1 && svg.left >= outer.left - 1,
          box: [outer.width, outer.height], svg: [svg.width, svg.height]};
}"""


def settled(page, selector):
    """Wait until the chart in ``selector`` is drawn at its box's present width."""
    page.locator(f"{selector}[data-drawn=true] .main-svg").first.wait_for()
    page.wait_for_function(
        "s => { const b = document.querySelector(s); return b.getAttribute('data-width') === String(b.clientWidth); }",
        arg=selector,
    )


def test_a_target_chart_stays_in_its_box_after_the_window_is_resized(page, live_server, log_in):
    revenue = make_town()
    log_in(page, make_user(roles.LEADER))
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server.url}/targets/{revenue.pk}/?month=6")
    page.locator("#target-chart").scroll_into_view_if_needed()
    for width in (1366, 700, 1100, 420):
        page.set_viewport_size({"width": width, "height": 768})
        settled(page, "#target-chart")
        result = page.locator("#target-chart").evaluate(FITS)
        assert result["fits"], f"at {width}px: {result}"
    # and the rows under it are not covered
    chart = page.locator("#target-chart").bounding_box()
    figures = page.get_by_role("heading", name="月度数据").bounding_box()
    assert figures["y"] >= chart["y"] + chart["height"]


def test_on_a_phone_the_target_chart_fits_its_box_on_every_load(phone_page, live_server, log_in):
    revenue = make_town()
    log_in(phone_page, make_user(roles.LEADER))
    phone_page.goto(f"{live_server.url}/targets/{revenue.pk}/?month=6")
    # the page's main chart is drawn below the first screen without waiting to be scrolled to
    assert phone_page.locator("#target-chart").bounding_box()["y"] > 844
    phone_page.locator("#target-chart[data-drawn=true] .main-svg").first.wait_for()
    for _load in range(3):
        phone_page.goto(f"{live_server.url}/targets/{revenue.pk}/?month=6")
        phone_page.locator("#target-chart").scroll_into_view_if_needed()
        settled(phone_page, "#target-chart")
        result = phone_page.locator("#target-chart").evaluate(FITS)
        assert result["fits"], result


def test_on_a_phone_the_section_charts_show_legend_labels_and_ticks_whole(phone_page, live_server, log_in):
    make_town()
    log_in(phone_page, make_user(roles.LEADER))
    boxes = phone_page.locator(".chart-grid .chart")
    for index in range(boxes.count()):
        box = boxes.nth(index)
        box.scroll_into_view_if_needed()
        selector = f"#{box.get_attribute('id')}"
        settled(phone_page, selector)
        outer = box.bounding_box()
        inside = [
            phone_page.locator(f"{selector} {part}").all()
            for part in (".xtick text", ".ytick text", ".bartext", ".legend", ".g-xtitle")
        ]
        for element in [e for group in inside for e in group]:
            inner = element.bounding_box()
            if not inner or inner["width"] == 0:
                continue
            assert (
                inner["x"] >= outer["x"] - 1
                and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 1
            ), (
                selector,
                element.text_content(),
            )
            assert (
                inner["y"] >= outer["y"] - 1
                and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 1
            )
        legend = phone_page.locator(f"{selector} .legend").bounding_box()
        title = phone_page.locator(f"{selector} .g-xtitle").bounding_box()
        if legend and title:
            overlap = not (
                legend["y"] + legend["height"] <= title["y"] or title["y"] + title["height"] <= legend["y"]
            )
            assert not overlap, "the legend sits on the axis title"


def test_on_a_phone_the_wall_chart_keeps_most_of_its_width_for_the_bars(phone_page, live_server, log_in):
    """Full labels (project · node) took ~90% of a phone's width and squeezed the bars into a sliver."""
    from datetime import date

    from tests.factories import make_milestone, make_project

    project = make_project("正余镇工业互联网平台与智能制造示范园区建设项目", deadline=date(2026, 12, 31))
    for number, planned in enumerate([date(2026, 3, 31), date(2026, 8, 31), date(2026, 12, 31)], start=1):
        make_milestone(project, f"第{number}阶段：完成土地摘牌和施工许可等前期手续", planned_on=planned)
    log_in(phone_page, make_user(roles.LEADER))
    phone_page.goto(f"{live_server.url}/projects/gantt/")
    phone_page.locator("#gantt-chart").scroll_into_view_if_needed()
    settled(phone_page, "#gantt-chart")
    shares = phone_page.locator("#gantt-chart").evaluate(
        """box => {
          const outer = box.getBoundingClientRect();
          const plot = box.querySelector('.nsewdrag').getBoundingClientRect();
          const labels = [...box.querySelectorAll('.ytick text')].map(t => t.getBoundingClientRect());
          return {plot: plot.width / outer.width,
                  inside: labels.every(l => l.left >= outer.left - 1 && l.right <= plot.left + 1)};
        }"""
    )
    assert shares["plot"] >= 0.5 and shares["inside"], shares
    # the full names stay in the table under the chart
    assert "第1阶段：完成土地摘牌和施工许可等前期手续" in phone_page.locator(".gantt-table").inner_text()
