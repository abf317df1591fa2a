"""Every page needs login except the login page; errors are clear pages in Chinese with the right status."""

import pytest
from django.test import Client, override_settings
from django.urls import clear_url_caches

import zhengyu.urls
from targets import roles
from tests.factories import make_target

pytestmark = pytest.mark.django_db


def test_home_sends_an_anonymous_visitor_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_login_page_is_in_chinese(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "用户名" in content and "密码" in content and 'lang="zh-hans"' in content


def test_wrong_password_shows_a_chinese_error(client, staff_user):
    response = client.post("/accounts/login/", {"username": staff_user.username, "password": "nope"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


def test_logged_in_user_sees_the_targets_on_the_home_page(client, staff_user, password):
    target = make_target(value="1.46")
    client.login(username=staff_user.username, password=password)
    response = client.get("/")
    assert response.status_code == 200
    assert target.indicator.name in response.content.decode()
    assert "1.46亿元" in response.content.decode()


def test_unknown_url_is_a_chinese_404_page(client, staff_user, password):
    client.login(username=staff_user.username, password=password)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_unknown_target_is_a_chinese_404_page(client, staff_user, password):
    client.login(username=staff_user.username, password=password)
    response = client.get("/targets/999999/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


@pytest.mark.parametrize("role", [roles.STAFF, roles.LEADER])
def test_only_admins_reach_the_admin_site(client, role, password):
    from tests.factories import make_user

    user = make_user(role)
    client.login(username=user.username, password=password)
    for url in ["/admin/", "/admin/targets/target/", "/admin/login/"]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "没有权限" in response.content.decode()


def test_admin_reaches_the_admin_site(client, admin_user, password):
    client.login(username=admin_user.username, password=password)
    assert client.get("/admin/").status_code == 200


def test_a_post_without_csrf_token_gets_a_chinese_403(staff_user, password):
    client = Client(enforce_csrf_checks=True)
    client.login(username=staff_user.username, password=password)
    response = client.post("/accounts/logout/")
    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()


@override_settings(DEBUG=False)
def test_a_server_error_is_a_chinese_500_page_not_a_debug_page(staff_user, password, monkeypatch):
    def broken(request):
        raise RuntimeError("boom")

    client = Client(raise_request_exception=False)
    client.login(username=staff_user.username, password=password)
    # Swap the home page's view for one that fails, as a bug would.
    monkeypatch.setattr(zhengyu.urls.urlpatterns[0], "callback", broken)
    clear_url_caches()
    response = client.get("/")
    assert response.status_code == 500
    content = response.content.decode()
    assert "服务器内部错误" in content
    assert "Traceback" not in content and "boom" not in content


def test_the_api_refuses_an_anonymous_caller_with_json(client):
    response = client.get("/api/v1/targets?year=2023")
    assert response.status_code == 401
    assert response.json()["error"] == "需要登录或令牌。"


def test_the_english_locale_translates_the_login_page(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")
    content = response.content.decode()
    assert 'lang="en"' in content
    assert "Username" in content and "Password" in content


def test_a_user_can_switch_the_language_to_english_and_back(client, leader_user, password):
    client.login(username=leader_user.username, password=password)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Dashboard" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "看板" in client.get("/").content.decode()
