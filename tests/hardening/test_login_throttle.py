"""Five failed logins for a user name or from an address within 15 minutes lock it, with a Chinese message
saying when to retry; admins read the login log and unlock."""

import re

import pytest
from django.test import Client

from targets.models import LoginFailure, LoginLock, LoginRecord
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def attempt(username, password, address="10.0.0.7"):
    return Client(REMOTE_ADDR=address).post("/accounts/login/", {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_account_and_say_when_to_retry(staff_user):
    for _try in range(4):
        response = attempt(staff_user.username, "wrong")
        assert response.status_code == 200  # the login form again, with its error
    locked = attempt(staff_user.username, "wrong")
    assert locked.status_code == 429
    content = locked.content.decode()
    assert "登录已暂时锁定" in content and "5 次" in content
    assert re.search(r"请于 \d\d:\d\d 之后再试", content)
    # The right password is refused too while locked, from any address.
    assert attempt(staff_user.username, PASSWORD, address="10.0.0.8").status_code == 429


def test_five_failures_from_one_address_lock_that_address_for_every_name(staff_user):
    for number in range(5):
        attempt(f"guess{number}", "wrong", address="10.9.9.9")
    assert attempt(staff_user.username, PASSWORD, address="10.9.9.9").status_code == 429
    assert attempt(staff_user.username, PASSWORD, address="10.9.9.10").status_code == 302


def test_admins_read_the_login_log_and_unlock(staff_user, admin_user):
    assert attempt(staff_user.username, PASSWORD).status_code == 302
    for _try in range(6):
        attempt(staff_user.username, "wrong")
    assert LoginRecord.objects.filter(username=staff_user.username, ip_address="10.0.0.7").exists()
    assert LoginFailure.objects.filter(username=staff_user.username, locked_out=True).exists()
    admin = Client()
    admin.force_login(admin_user)
    for url in ("/admin/targets/loginrecord/", "/admin/targets/loginfailure/", "/admin/targets/loginlock/"):
        page = admin.get(url)
        assert page.status_code == 200, url
        assert staff_user.username in page.content.decode() and "10.0.0.7" in page.content.decode()
        headers = re.findall(r'<th scope="col"[^>]*>.*?</th>', page.content.decode(), re.S)
        texts = {re.sub(r"<[^>]+>|\s", "", header) for header in headers}
        assert {"用户名", "IP地址", "尝试时间"} <= texts, texts  # django-axes says these in English only
    locks = LoginLock.objects.filter(username=staff_user.username)
    response = admin.post(
        "/admin/targets/loginlock/",
        {"action": "unlock", "_selected_action": [lock.pk for lock in locks]},
        follow=True,
    )
    assert "已解除" in response.content.decode()
    assert attempt(staff_user.username, PASSWORD).status_code == 302


def test_other_roles_cannot_read_the_login_log(staff_user, leader_user):
    client = Client()
    client.force_login(leader_user)
    assert client.get("/admin/targets/loginrecord/").status_code == 403


def test_many_logins_with_the_right_password_never_lock(db):
    user = make_user(None, username="regular")
    for _try in range(8):
        assert attempt(user.username, PASSWORD).status_code == 302
