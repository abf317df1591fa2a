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
