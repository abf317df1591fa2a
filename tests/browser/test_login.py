"""A user of each role logs in through a real Chromium and sees the navigation meant for that role."""

import pytest

from targets import roles
from tests.factories import make_office, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        (roles.STAFF, ["看板", "项目台账"], ["管理后台"]),
        (roles.LEADER, ["看板", "项目台账"], ["管理后台"]),
        (roles.ADMIN, ["看板", "项目台账", "管理后台"], []),
    ],
)
def test_each_role_logs_in_and_sees_its_navigation(page, live_server, log_in, role, shown, hidden):
    user = make_user(role, office=make_office())
    log_in(page, user)
    nav = page.get_by_role("navigation", name="主导航")
    for label in shown:
        assert nav.get_by_role("link", name=label).is_visible()
    for label in hidden:
        assert nav.get_by_role("link", name=label).count() == 0
    assert role in nav.inner_text()


def test_a_wrong_password_shows_a_chinese_error(page, live_server):
    user = make_user(roles.STAFF)
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill("wrong-password")
    page.get_by_role("button", name="登录").click()
    assert "请输入一个正确的用户名和密码" in page.get_by_role("alert").inner_text()


def test_logging_out_returns_to_the_login_page(page, live_server, log_in):
    log_in(page, make_user(roles.LEADER))
    page.get_by_role("button", name="退出").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/")


def test_the_menu_folds_on_a_phone_and_opens_on_a_tap(phone_page, live_server, log_in):
    log_in(phone_page, make_user(roles.LEADER))
    nav = phone_page.get_by_role("navigation", name="主导航")
    assert not nav.is_visible()
    phone_page.get_by_text("菜单", exact=True).click()
    assert nav.get_by_role("link", name="看板").is_visible()
