"""Hostile text and numbers get a Chinese message, never a 500, and nothing of them is stored."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from projects.models import Milestone
from targets.models import ApiToken, Figure, FigureChange
from tests.factories import PASSWORD, make_project
from tests.targets.entry_setup import build_town

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return build_town()


def client_for(user):
    client = Client(raise_request_exception=False)
    client.login(username=user.username, password=PASSWORD)
    return client


def form_data(town, **texts):
    data = {"version": "0", "action": "save"}
    for indicator, value in ((town.revenue, "0.8"), (town.households, "1400"), (town.share, "41")):
        data[f"value_{indicator.pk}"] = value
        data[f"seen_{indicator.pk}"] = "0"
        data[f"note_{indicator.pk}"] = texts.get(indicator.code, "")
    return data


@pytest.mark.parametrize("field", ["note", "reason", "measures", "value"])
def test_a_nul_in_any_text_of_the_monthly_form_is_a_row_message(town, field):
    data = form_data(town)
    key = f"{field}_{town.revenue.pk}"
    data[key] = (data.get(key) or "说明") + "\x00"
    response = client_for(town.staff).post(f"/targets/entry/{town.office.pk}/2023/6/", data)
    assert response.status_code == 200
    assert "空字符" in response.content.decode()
    assert not Figure.objects.exists()  # the whole month waits: never half-saved


def api_post(token, raw):
    return Client(raise_request_exception=False).post(
        "/api/v1/figures", data=raw, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )


@pytest.mark.parametrize(
    "raw",
    [
        '{"year": 2023, "month": 6, "figures": [{"indicator": "revenue", "value": "0.8", "note": "a\\u0000b"}]}',
        '{"year": 2023, "month": 6, "figures": [{"indicator": "revenue", "value": "0.8", "reason": "\\ud800"}]}',
        '{"year": 2023, "month": 6, "figures": [{"indicator": "\\udfff", "value": "0.8"}]}',
        '{"year": 2023, "month": 6, "\\ud800": 1, "figures": [{"indicator": "revenue", "value": "1"}]}',
    ],
)
def test_the_api_refuses_nul_and_lone_surrogates_with_a_chinese_400(town, raw):
    token = ApiToken.issue(town.staff, "统计报送系统")[1]
    response = api_post(token, raw)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "无法保存" in response.json()["error"]
    assert not Figure.objects.exists() and not FigureChange.objects.exists()


def test_a_milestone_days_before_deadline_is_bounded(client, town):
    project = make_project("海新智能制造项目", office=town.office, deadline=date(2023, 12, 31))
    client.force_login(town.staff)
    url = reverse("projects:milestone_create", args=[project.pk])
    response = client.post(url, {"name": "设备进场", "days_before_deadline": "999999999999"})
    assert response.status_code == 200
    assert "3650" in response.content.decode()
    assert not Milestone.objects.exists()


def test_a_nul_in_a_project_form_is_a_field_message(client, town):
    project = make_project("海新智能制造项目", office=town.office, deadline=date(2023, 12, 31))
    client.force_login(town.staff)
    url = reverse("projects:milestone_create", args=[project.pk])
    response = client.post(url, {"name": "设备\x00进场", "planned_on": "2023-06-01"})
    assert response.status_code == 200
    assert not Milestone.objects.exists()


def test_a_number_as_long_as_a_phone_book_is_refused_by_the_api(town):
    token = ApiToken.issue(town.staff, "统计报送系统")[1]
    body = {"year": 2023, "month": 6, "figures": [{"indicator": "revenue", "value": "9" * 5000}]}
    response = api_post(token, json.dumps(body))
    assert response.status_code == 400
    assert Figure.objects.filter(value__gt=Decimal(0)).count() == 0
