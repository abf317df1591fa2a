"""The project journey in a real Chromium: a 填报员 registers a project, moves it to 签约 and 注册, plans a time
node, writes the weekly log with a photo; a leader's 批示 appears on the entry, and the slipped node is red on
the wall chart; the count target the project feeds goes up on the dashboard."""

from datetime import date

import pytest

from projects.models import CountRule, Project
from targets import roles
from targets.models import Target
from tests.factories import (
    make_indicator,
    make_milestone,
    make_office,
    make_project,
    make_target,
    make_user,
    tiny_png,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLIPPED_RED = "rgb(198, 40, 40)"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_staff_register_a_project_log_a_week_and_a_leader_sees_it_slipped_on_the_wall_chart(
    page, live_server, log_in
):
    office = make_office("经济发展局")
    staff = make_user(roles.STAFF, office=office, username="jingfa")
    leader = make_user(roles.LEADER, username="zhenzhang")
    major = make_target(
        make_indicator("新签约并注册超5亿元重特大项目", unit="个", office=office),
        "3",
        kind=Target.Kind.COUNT,
        firmness=Target.Firmness.ENSURE,
    )
    CountRule.objects.create(
        target=major, min_investment=5, min_investment_unit=Project.Unit.YI, stage=Project.Stage.REGISTERED
    )

    def dashboard_row(month=6):
        page.goto(f"{live_server.url}/?year=2023&month={month}")
        return page.locator("table tr", has_text="新签约并注册超5亿元重特大项目").inner_text()

    # The count target has nothing yet on the dashboard: an empty register is no information, not zero projects.
    log_in(page, staff)
    row = dashboard_row()
    assert "暂无数据" in row and "项目台账未更新" in row and "0个" not in row

    # A 填报员 adds the project.
    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="项目台账").click()
    page.get_by_role("link", name="新建项目").click()
    page.get_by_label("名称").fill("年产10万台精密RV减速机")
    page.get_by_label("类别").select_option(label="投资项目")
    page.get_by_label("分类").select_option(label="产业")
    page.get_by_label("投资额", exact=True).fill("5.5")
    page.get_by_label("完成时限").fill("2023-12-31")
    page.get_by_label("年度").fill("2023")
    page.get_by_role("button", name="保存").click()
    page.get_by_role("heading", name="年产10万台精密RV减速机").wait_for()
    assert "已新建项目" in page.get_by_role("status").inner_text()

    # … moves it to 签约 and 注册 with dates.
    for stage, day in (("签约", "2023-03-01"), ("注册", "2023-03-15")):
        stage_form = page.get_by_role("form", name="更新阶段")
        stage_form.get_by_label("阶段").select_option(label=stage)
        stage_form.get_by_label("日期").fill(day)
        stage_form.get_by_role("button", name="更新阶段").click()
        page.get_by_text("阶段已更新。").wait_for()
    steps = page.locator(".stage-steps")
    assert "2023-03-01" in steps.locator("[data-stage=signed]").inner_text()
    assert "2023-03-15" in steps.locator("[data-stage=registered]").inner_text()
    assert "注册" in page.locator(".facts").inner_text()

    # … plans a time node that is already past (so 滞后) …
    page.get_by_role("link", name="新增时间节点").click()
    page.get_by_label("节点").fill("设备进场")
    page.get_by_label("计划完成日期").fill("2023-04-30")
    page.get_by_role("button", name="保存").click()
    assert "滞后" in page.locator("tr.milestone-slipped").inner_text()

    # … and writes the weekly log with a photo.
    page.get_by_text("填写本周调度", exact=True).click()
    log_form = page.get_by_role("form", name="填写本周调度")
    log_form.get_by_label("调度日期").fill("2023-05-08")
    log_form.get_by_label("进展情况").fill("厂房主体结构封顶")
    log_form.get_by_label("问题（难点堵点）").fill("用电增容未落实")
    log_form.get_by_label("照片或文档").set_input_files(
        files=[{"name": "现场.png", "mimeType": "image/png", "buffer": tiny_png()}]
    )
    log_form.get_by_role("button", name="保存调度").click()
    entry = page.locator("article.log-entry")
    entry.wait_for()
    assert "厂房主体结构封顶" in entry.inner_text()
    photo = entry.get_by_role("img", name="现场.png")
    photo.wait_for()
    page.wait_for_function("img => img.complete && img.naturalWidth === 1", arg=photo.element_handle())

    # A leader writes a 批示 on the entry; it appears there.
    page.get_by_role("button", name="退出").click()
    log_in(page, leader)
    project = Project.objects.get()
    page.goto(f"{live_server.url}{project.get_absolute_url()}")
    entry = page.locator("article.log-entry")
    entry.get_by_label("批示", exact=True).fill("请供电所本周内上门对接增容")
    entry.get_by_role("button", name="发送批示").click()
    assert "请供电所本周内上门对接增容" in page.locator("article.log-entry .comment").inner_text()

    # The wall chart shows the slipped node in red.
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="挂图作战").click()
    bars = page.locator("#gantt-chart .bars path")
    bars.first.wait_for()
    fills = bars.evaluate_all("paths => paths.map(path => getComputedStyle(path).fill)")
    assert SLIPPED_RED in fills
    assert "设备进场" in page.locator("tr.milestone-slipped").inner_text()

    # The project, 5.5亿元 and registered in March, now counts for the target on the dashboard: the register was
    # kept in March (the project reached 签约 and 注册 then), so March is judged and zero is no longer "no data".
    row = dashboard_row(3)
    assert "1个" in row and "0个" not in row


def test_on_a_phone_the_wall_chart_keeps_its_width_and_scrolls_inside_its_box(
    phone_page, live_server, log_in
):
    project = make_project("王余公路白改黑", office=make_office("建设局"), deadline=date(2023, 12, 31))
    make_milestone(project, "完成路基施工", planned_on=date(2023, 6, 30))
    log_in(phone_page, make_user(roles.LEADER))
    phone_page.goto(f"{live_server.url}/projects/gantt/")
    phone_page.locator("#gantt-chart .main-svg").first.wait_for()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    # names and bars keep a readable width: the chart is wider than the phone, inside its own scroll box
    assert phone_page.locator("#gantt-chart").bounding_box()["width"] >= 720
