"""POST /api/v1/figures: a token, a month and values, through the same checks and atomic save."""

import json
from decimal import Decimal

import pytest
from django.test import Client

from targets.models import ApiToken, Figure, FigureChange, OfficeMonth
from tests.factories import make_figure
from tests.targets.entry_setup import build_town

pytestmark = pytest.mark.django_db
URL = "/api/v1/figures"


@pytest.fixture
def town():
    return build_town()


@pytest.fixture
def token(town):
    return ApiToken.issue(town.staff, "统计报送系统")[1]


def post(body, token=None, raw=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    data = raw if raw is not None else json.dumps(body)
    return Client().post(URL, data=data, content_type="application/json", **headers)


def month(figures, **extra):
    return {"year": 2023, "month": 6, "figures": figures, **extra}


def good():
    return [
        {"indicator": "revenue", "value": "0.8亿", "note": "税收"},
        {"indicator": "households", "value": 1400},
        {"indicator": "share", "value": 41.5},
    ]


def test_a_token_saves_a_month_through_the_same_checks(town, token):
    response = post(month(good()), token)
    assert response.status_code == 200, response.content
    assert response.json() == {"saved": 3, "version": 1, "state": "draft", "kept": []}
    assert Figure.objects.get(indicator=town.share).value == Decimal("41.5")
    assert set(FigureChange.objects.values_list("source", flat=True)) == {"api"}


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer nope", "Token abc"])
def test_no_or_a_bad_token_is_401(town, header):
    headers = {"HTTP_AUTHORIZATION": header} if header else {}
    response = Client().post(URL, json.dumps(month(good())), content_type="application/json", **headers)
    assert response.status_code == 401
    assert "令牌" in response.json()["error"]


def test_a_revoked_token_is_401(town, token):
    ApiToken.objects.update(is_active=False)
    assert post(month(good()), token).status_code == 401


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("not json", "JSON"),
        ("[1, 2]", "JSON 对象"),
        ('{"year": "2023", "month": 6, "figures": []}', "year"),
        ('{"year": 2023, "month": 6, "figures": []}', "非空数组"),
        ('{"year": 2023, "month": 6, "figures": [{"indicator": "revenue", "value": NaN}]}', "NaN"),
        ('{"year": 2023, "month": 6, "figures": [{"indicator": "revenue", "value": Infinity}]}', "Infinity"),
        ('{"year": true, "month": 6, "figures": [1]}', "year"),
    ],
)
def test_a_malformed_body_is_400_with_a_chinese_message(town, token, raw, message):
    response = post(None, token, raw=raw)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not Figure.objects.exists()


def test_each_rejected_value_gets_its_own_json_error_and_nothing_is_saved(town, token):
    figures = [
        {"indicator": "revenue", "value": "abc"},
        {"indicator": "households", "value": "1e309"},
        {"indicator": "share", "value": ""},
    ]
    response = post(month(figures), token)
    assert response.status_code == 400
    errors = {error["indicator"]: error for error in response.json()["errors"]}
    assert "不是数字" in errors["revenue"]["messages"][0] and errors["revenue"]["index"] == 0
    assert "不是数字" in errors["households"]["messages"][0]
    assert not Figure.objects.exists()


def test_huge_json_numbers_and_wrong_types_are_rejected(town, token):
    raw = (
        '{"year": 2023, "month": 6, "figures": ['
        '{"indicator": "revenue", "value": 1e309}, {"indicator": "households", "value": true},'
        '{"indicator": "share", "value": "1", "note": 5}, {"indicator": "nope", "value": "1"}]}'
    )
    response = post(None, token, raw=raw)
    assert response.status_code == 400
    messages = json.dumps(response.json(), ensure_ascii=False)
    assert "过大" in messages and "value" in messages and "note" in messages and "nope" in messages
    assert not Figure.objects.exists()


def test_a_warning_needs_confirm_true(town, token):
    make_figure(town.households, 5, "1200")
    figures = good()
    figures[1]["value"] = "5000"  # far above last month's 1200 (but under 10× the year's target)
    response = post(month(figures), token)
    assert response.status_code == 400
    assert response.json()["errors"][0]["kind"] == "warning"
    figures[1]["confirm"] = True
    assert post(month(figures), token).status_code == 200


def test_another_offices_indicator_is_403_and_nothing_is_saved(town, token):
    response = post(month([*good(), {"indicator": "farmland", "value": "1"}]), token)
    assert response.status_code == 403
    assert not Figure.objects.exists()


def test_another_office_named_in_the_body_is_403(town, token):
    response = post(month(good(), office=town.other_office.pk), token)
    assert response.status_code == 403


def test_a_leaders_token_may_not_write(town):
    secret = ApiToken.issue(town.leader, "x")[1]
    assert post(month(good(), office=town.office.pk), secret).status_code == 403


def test_an_admins_token_names_the_office(town):
    secret = ApiToken.issue(town.admin, "x")[1]
    assert post(month(good()), secret).status_code == 400
    assert post(month(good(), office="经济发展局"), secret).status_code == 200


def test_a_future_month_or_another_year_is_400(town, token):
    assert "只能填报" in post({**month(good()), "year": 1999}, token).json()["error"]
    assert post({**month(good()), "year": 2099}, token).status_code == 400
    assert post({**month(good()), "month": 13}, token).status_code == 400
    assert not Figure.objects.exists()


def test_a_stale_version_is_409_with_what_changed(town, token):
    assert post(month(good(), version=0), token).status_code == 200
    figures = good()
    figures[0]["value"] = "0.9"
    response = post(month(figures, version=0), token)
    assert response.status_code == 409
    conflict = response.json()["conflicts"][0]
    assert conflict["indicator"] == "revenue" and conflict["field"] == "value"
    assert (conflict["loaded"], conflict["yours"], conflict["now"]) == (
        None,
        "0.9",
        "0.8",
    )  # based on: unknown
    assert conflict["by"] == "staff-econ" and conflict["at"].startswith("20")


def test_a_submitted_month_is_409(town, token):
    assert post(month(good(), submit=True), token).json()["state"] == "submitted"
    response = post(month(good()), token)
    assert response.status_code == 409
    assert OfficeMonth.objects.get().state == OfficeMonth.State.SUBMITTED


def test_only_get_and_post_are_accepted(town, token):
    response = Client().put(URL, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 405


def get(token, **params):
    return Client().get(URL, {"year": 2023, "month": 6, **params}, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_a_system_reads_the_month_then_writes_only_what_it_changed(town, token):
    """GET gives what is stored now to base a POST on: a colleague's later change survives the write."""
    assert post(month(good()), token).status_code == 200
    read = get(token).json()
    assert (read["office"]["name"], read["version"], read["state"]) == ("经济发展局", 1, "draft")
    stored = {figure["indicator"]: figure for figure in read["figures"]}
    assert set(stored) == {"revenue", "households", "share"}
    assert (stored["revenue"]["value"], stored["revenue"]["note"]) == ("0.8", "税收")
    assert stored["revenue"]["updated_by"] and stored["revenue"]["updated_at"]
    colleague = ApiToken.issue(town.admin, "y")[1]
    revenue = {"indicator": "revenue", "value": "0.85"}
    assert post(month([revenue], office=town.office.pk), colleague).status_code == 200

    based = [
        {"indicator": code, "value": figure["value"], "loaded": {"value": figure["value"]}}
        for code, figure in stored.items()
    ]
    next(figure for figure in based if figure["indicator"] == "households")["value"] = "1500"
    response = post(month(based, version=read["version"]), token)
    assert response.status_code == 200 and response.json()["kept"] == ["revenue"]
    assert Figure.objects.get(indicator=town.revenue).value == Decimal("0.85")
    assert Figure.objects.get(indicator=town.households).value == Decimal(1500)


def test_an_unentered_month_reads_as_not_started_with_every_indicator_empty(town, token):
    read = get(token).json()
    assert (read["version"], read["state"]) == (0, "not_started")
    assert {figure["indicator"]: figure["value"] for figure in read["figures"]} == dict.fromkeys(
        ["revenue", "households", "share"]
    )


def test_who_may_read_which_office_and_bad_params(town, token):
    assert get(token, office=town.other_office.pk).status_code == 403
    leader = ApiToken.issue(town.leader, "z")[1]
    assert get(leader, office=town.other_office.pk).json()["office"]["name"] == "农业农村局"
    assert get(leader).status_code == 400  # a leader has no office of their own: name one
    for bad in [{"year": "二〇二三"}, {"month": "13"}, {"month": ""}, {"office": "不存在的科室"}]:
        response = get(token, **bad)
        assert response.status_code == 400 and response.json()["error"], bad
    assert Client().get(URL, {"year": 2023, "month": 6}).status_code == 401


def test_texts_left_out_keep_what_is_stored_and_an_empty_string_clears(town, token):
    figures = good()
    figures[0].update(reason="减税", measures="培植税源")
    assert post(month(figures), token).status_code == 200
    assert post(month([{"indicator": "revenue", "value": "0.85"}]), token).status_code == 200
    figure = Figure.objects.get(indicator=town.revenue)
    assert (figure.value, figure.note, figure.reason, figure.measures) == (
        Decimal("0.85"),
        "税收",
        "减税",
        "培植税源",
    )
    assert post(month([{"indicator": "revenue", "value": "0.85", "note": ""}]), token).status_code == 200
    figure.refresh_from_db()
    assert figure.note == "" and figure.reason == "减税"


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        (b"\xff\xfe not utf-8", 400),
        ("[" * 100000 + "]" * 100000, 400),
        (
            '{"year": 100000000000000000000000000000, "month": 6, "figures": [{"indicator": "revenue", "value": 1}]}',
            400,
        ),
        ('{"year": 2023, "month": -1, "figures": [{"indicator": "revenue", "value": 1}]}', 400),
        (
            '{"year": 2023, "month": 6, "office": 100000000000000000000000, "figures": [{"indicator": "revenue", "value": 1}]}',
            400,
        ),
        (
            '{"year": 2023, "month": 6, "version": "1", "figures": [{"indicator": "revenue", "value": 1}]}',
            400,
        ),
        (
            '{"year": 2023, "month": 6, "figures": [{"indicator": "revenue", "value": "'
            + "9" * 100000
            + '"}]}',
            400,
        ),
        ('{"year": 2023, "month": 6, "figures": [{"indicator": ["revenue"], "value": "1"}]}', 400),
        ('{"year": 2023, "month": 6, "figures": ["revenue"]}', 400),
    ],
)
def test_hostile_bodies_get_a_json_400_never_a_500(town, token, raw, status):
    response = post(None, token, raw=raw)
    assert response.status_code == status
    assert response.json()["error"]
    assert not Figure.objects.exists()


def based_on(figures):
    """Each figure as read now, sent back with what it was read as (``loaded``)."""
    return [
        {**figure, "loaded": {"value": figure["value"], "note": figure.get("note", "")}} for figure in figures
    ]


@pytest.fixture
def read_at_075(town, token):
    """The month as a system read it: revenue 0.75; then a colleague saved 0.76 in the form."""
    figures = good()
    figures[0].update(value="0.75", note="")
    assert post(month(figures), token).status_code == 200
    colleague = ApiToken.issue(town.admin, "y")[1]
    assert post(month([{**based_on(figures)[0], "value": "0.76"}], office=town.office.pk), colleague).json()[
        "saved"
    ]
    return based_on(figures)


def test_a_value_sent_unchanged_from_what_was_loaded_never_overwrites_a_newer_one(town, token, read_at_075):
    read_at_075[1]["value"] = 1500  # only households changed by this system
    response = post(month(read_at_075), token)
    assert response.status_code == 200 and response.json()["kept"] == ["revenue"]
    assert Figure.objects.get(indicator=town.revenue).value == Decimal("0.76")
    assert Figure.objects.get(indicator=town.households).value == Decimal(1500)


def test_a_value_both_changed_is_409_until_sent_again_based_on_what_is_stored_now(town, token, read_at_075):
    read_at_075[0]["value"] = "0.8"
    response = post(month(read_at_075), token)
    assert response.status_code == 409
    (conflict,) = response.json()["conflicts"]
    assert (conflict["loaded"], conflict["yours"], conflict["now"]) == ("0.75", "0.8", "0.76")
    assert Figure.objects.get(indicator=town.revenue).value == Decimal("0.76")
    read_at_075[0]["loaded"]["value"] = conflict["now"]  # knowingly
    assert post(month(read_at_075), token).status_code == 200
    assert Figure.objects.get(indicator=town.revenue).value == Decimal("0.8")


@pytest.mark.parametrize(
    "loaded", [[1], {"value": "很多"}, {"value": True}, {"note": 5}, {"colour": "red"}], ids=str
)
def test_a_malformed_loaded_is_400_and_nothing_is_saved(town, token, loaded):
    figures = good()
    figures[0]["loaded"] = loaded
    response = post(month(figures), token)
    assert response.status_code == 400 and response.json()["errors"][0]["index"] == 0
    assert not Figure.objects.exists()
