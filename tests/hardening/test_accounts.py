"""Every user changes their own password; an account without a role sees only a page telling it to ask."""

import pytest
from django.test import Client

from targets.models import ApiToken
from tests.factories import PASSWORD, make_project, make_user

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    return client


def test_every_role_can_change_their_own_password(staff_user, leader_user, admin_user):
    for user in (staff_user, leader_user, admin_user):
        client = logged_in(user)
        assert 'href="/accounts/password_change/"' in client.get("/").content.decode()
        page = client.get("/accounts/password_change/")
        assert "修改密码" in page.content.decode() and "旧密码" in page.content.decode()
        response = client.post(
            "/accounts/password_change/",
            {
                "old_password": PASSWORD,
                "new_password1": "青山绿水-2023-new",
                "new_password2": "青山绿水-2023-new",
            },
        )
        assert response.status_code == 302
        assert "密码已修改" in client.get(response.url).content.decode()
        assert Client().login(username=user.username, password="青山绿水-2023-new")


def test_a_wrong_old_password_changes_nothing(staff_user):
    response = logged_in(staff_user).post(
        "/accounts/password_change/",
        {"old_password": "wrong", "new_password1": "青山绿水-2023-new", "new_password2": "青山绿水-2023-new"},
    )
    assert response.status_code == 200
    assert "旧密码不正确" in response.content.decode()
    assert Client().login(username=staff_user.username, password=PASSWORD)


@pytest.fixture
def nobody(db):
    return make_user(None, username="newcomer")


def test_an_account_without_a_role_sees_only_the_ask_an_admin_page(nobody, office, tmp_path, settings):
    client = logged_in(nobody)
    project = make_project(office=office)
    for url in (
        "/",
        "/?export=xlsx",
        "/projects/",
        f"/projects/{project.pk}/",
        "/projects/?_export=xlsx",
        "/targets/briefing/",
        "/projects/attachments/1/",
        "/admin/",
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "尚未分配角色" in response.content.decode(), url
    api = client.get("/api/v1/targets")
    assert api.status_code == 403 and "尚未分配角色" in api.json()["error"]
    assert client.get("/accounts/password_change/").status_code == 200


def test_a_token_of_an_account_without_a_role_reads_nothing(nobody):
    token = ApiToken.issue(nobody, "外部系统")[1]
    response = Client().get("/api/v1/targets", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 403
    assert "尚未分配角色" in response.json()["error"]
