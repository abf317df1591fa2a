"""The API answers every error in JSON; a database outage is a 503 with a Chinese message, pages and API alike."""

import pytest
from django.db import OperationalError, connection
from django.test import Client

from targets.models import ApiToken
from tests.factories import PASSWORD
from tests.targets.entry_setup import build_town

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return build_town()


def logged_in(user):
    client = Client(raise_request_exception=False)
    client.login(username=user.username, password=PASSWORD)
    return client


def assert_json_error(response, status):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]


def test_an_unknown_api_address_is_a_json_404(town):
    assert_json_error(logged_in(town.leader).get("/api/v1/nothing-here"), 404)


def test_a_wrong_method_on_the_api_is_a_json_405(town):
    assert_json_error(logged_in(town.leader).delete("/api/v1/figures"), 405)
    assert_json_error(logged_in(town.leader).delete("/api/v1/targets"), 405)


def test_the_api_without_login_or_token_is_a_json_401(town):
    assert_json_error(Client().get("/api/v1/targets"), 401)


def test_a_crash_inside_the_api_is_a_json_500(town, monkeypatch):
    from targets.api import read

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(read, "evaluate_targets", broken)
    response = logged_in(town.leader).get("/api/v1/targets?year=2023")
    assert_json_error(response, 500)
    assert "服务器内部错误" in response.json()["error"]


def refuse_every_query(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1, port 1 failed: Connection refused")


def test_a_database_outage_is_a_chinese_503_page(town):
    client = logged_in(town.leader)
    with connection.execute_wrapper(refuse_every_query):
        response = client.get("/")
    assert response.status_code == 503
    assert "数据库暂时无法连接" in response.content.decode()
    assert response["Retry-After"]


def test_a_database_outage_is_a_json_503_in_the_api(town):
    token = ApiToken.issue(town.staff, "统计报送系统")[1]
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(refuse_every_query):
        response = client.post(
            "/api/v1/figures",
            data="{}",
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
    assert_json_error(response, 503)
    assert "数据库暂时无法连接" in response.json()["error"]
