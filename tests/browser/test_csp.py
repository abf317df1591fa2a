"""Under the Content-Security-Policy the pages still work in Chromium: plotly draws, the language chooser and the
month chooser send their forms, and the browser reports no violation."""

import pytest

from targets import roles
from tests.browser.test_dashboard import make_town
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_charts_and_choosers_work_with_no_csp_violation(page, live_server, log_in):
    target = make_town()
    leader = make_user(roles.LEADER, username="leader-csp")
    violations = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and violations.append(message.text),
    )
    page.on("pageerror", lambda error: violations.append(str(error)))
    log_in(page, leader)
    for url in ("/?year=2023&month=6", f"/targets/{target.pk}/?month=6"):
        page.goto(live_server.url + url)
        page.locator(
            "[data-chart]"
        ).first.scroll_into_view_if_needed()  # charts are drawn when near the screen
        page.locator(".js-plotly-plot").first.wait_for()
    with page.expect_navigation():
        page.locator("select[name=month]").select_option("3")
    assert "month=3" in page.url
    with page.expect_navigation():
        page.locator("#language").select_option("en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert violations == []
