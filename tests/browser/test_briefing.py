"""A leader opens the monthly briefing in a real Chromium, picks a month and reads its paragraphs."""

from decimal import Decimal

import pytest

from targets import roles
from targets.models import Figure, Target
from tests.factories import make_indicator, make_target, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_picks_a_month_and_reads_the_briefing(page, live_server, log_in):
    revenue = make_indicator("一般公共预算收入", unit="亿元")
    make_target(revenue, value="1.46", firmness=Target.Firmness.ENSURE)
    for month, value in ((3, "0.30"), (6, "0.80")):
        Figure.objects.create(indicator=revenue, year=2023, month=month, value=Decimal(value))
    log_in(page, make_user(roles.LEADER))

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="月度通报").click()
    assert page.get_by_role("heading", name="正余镇2023年1—6月目标进度通报").is_visible()

    page.get_by_label("截至月份").select_option("3")
    page.get_by_role("button", name="查看").click()
    page.wait_for_url("**/targets/briefing/?year=2023&month=3")
    assert page.get_by_role("heading", name="正余镇2023年1—3月目标进度通报").is_visible()
    # 0.30 ÷ 1.46 = 20.5%, 序时 3/12 = 25%: 4.5 points behind
    sentence = "1—3月，全镇完成一般公共预算收入0.30亿元，完成年度目标的20.5%，落后序时进度4.5个百分点。"
    assert page.get_by_text(sentence).first.is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="下载Word").click()
    assert download.value.suggested_filename == "正余镇2023年1—3月目标进度通报.docx"
