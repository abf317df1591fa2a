"""``GET /api/v1/targets?year=…&as_of=…``: each target with its progress, and Chinese errors for bad periods."""

from decimal import Decimal

import pytest

from targets import roles
from targets.models import Figure, Target
from tests.factories import make_indicator, make_office, make_target, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def revenue(db):
    target = make_target(make_indicator("一般公共预算收入"), "1.46", firmness="确保")
    for month, value in {3: "0.35", 6: "0.80"}.items():
        Figure.objects.create(indicator=target.indicator, year=2023, month=month, value=Decimal(value))
    return target


@pytest.fixture
def api(client, leader_user):
    client.force_login(leader_user)
    return client


def by_id(response, target):
    return next(item for item in response.json()["targets"] if item["id"] == target.pk)


def test_each_target_carries_its_progress_at_the_month_asked(api, revenue):
    item = by_id(api.get("/api/v1/targets?year=2023&as_of=2023-06"), revenue)
    assert item["actual"] == "0.8"
    # exact to 4 decimals (0.80 ÷ 1.46 = 54.79…%), rounded further only on the pages
    assert item["completion"] == "54.7945"
    assert item["expected"] == "50"
    assert item["gap"] == "4.7945"
    assert item["status"] == "ahead" and item["status_label"] == "超序时"
    assert item["projection"] == "1.6"
    assert item["needed_per_month"] == "0.11"
    assert item["as_of_month"] == 6 and item["data_month"] == 6
    assert item["sample"] is False


def test_an_earlier_month_gives_the_progress_of_then(api, revenue):
    item = by_id(api.get("/api/v1/targets?as_of=2023-03"), revenue)
    # 0.35 ÷ 1.46 = 23.97% against 25%: behind
    assert (item["completion"], item["status"]) == ("23.9726", "behind")


def test_without_as_of_the_last_month_with_figures_is_used(api, revenue):
    assert by_id(api.get("/api/v1/targets?year=2023"), revenue)["as_of_month"] == 6


def test_a_target_without_figures_has_null_progress(api):
    target = make_target(value="3", kind=Target.Kind.COUNT)
    item = by_id(api.get("/api/v1/targets?year=2023&as_of=2023-06"), target)
    assert item["actual"] is None and item["completion"] is None
    assert item["status"] == "none" and item["expected"] == "50"


def test_a_year_without_targets_is_an_empty_list(api, revenue):
    response = api.get("/api/v1/targets?year=2030")
    assert response.status_code == 200
    assert response.json() == {"targets": []}


@pytest.mark.parametrize("role", roles.ROLES)
def test_every_role_may_read_the_api(client, revenue, role):
    client.force_login(make_user(role, office=make_office()))
    assert client.get("/api/v1/targets?year=2023&as_of=2023-06").status_code == 200


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year=23", "年度须为四位数字，如 2023。"),
        ("year=abcd", "年度须为四位数字，如 2023。"),
        ("year=1800", "年度须在 2000 到 2100 年之间。"),
        ("as_of=2023/06", "as_of 须为“年-月”，如 2023-06。"),
        ("as_of=June", "as_of 须为“年-月”，如 2023-06。"),
        ("as_of=2023-13", "as_of 的月份须为 1 到 12。"),
        ("as_of=2023-00", "as_of 的月份须为 1 到 12。"),
        ("year=2023&as_of=2022-06", "as_of 须在所选年度（2023年）之内。"),
    ],
)
def test_a_bad_year_or_month_is_a_400_with_a_chinese_message(api, revenue, query, message):
    response = api.get(f"/api/v1/targets?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": message}


def test_the_report_targets_come_with_deadline_baseline_and_quote(api):
    from django.core.management import call_command

    call_command("load_report", verbosity=0)

    items = {
        item["indicator"]: item for item in api.get("/api/v1/targets", {"year": "2023"}).json()["targets"]
    }

    assert len(items) == Target.objects.filter(year=2023).count() == 50
    revenue = items["一般公共预算收入"]
    assert (revenue["value"], revenue["unit"], revenue["firmness"]) == ("1.46", "亿元", "确保")
    assert (revenue["baseline_value"], revenue["baseline_unit"]) == ("1.22", "亿元")
    assert revenue["quote"] == "一般公共预算收入确保1.46亿元"
    assert items["一季度新开工超亿元产业项目"]["deadline"] == "2023-03-31"
    assert items["工业应税销售"]["baseline_value"] == "58.57"
    assert items["高技术产业占比"]["baseline_value"] is None


def test_another_system_reads_with_a_token_and_without_one_gets_401(client, revenue, leader_user):
    from targets.models import ApiToken

    _token, secret = ApiToken.issue(leader_user, "市统计平台")

    assert client.get("/api/v1/targets", {"year": "2023"}).status_code == 401
    bad = client.get("/api/v1/targets", {"year": "2023"}, HTTP_AUTHORIZATION="Bearer wrong")
    assert bad.status_code == 401
    assert "需要登录或令牌" in bad.json()["error"]
    good = client.get("/api/v1/targets", {"year": "2023"}, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert good.status_code == 200
    assert [item["indicator"] for item in good.json()["targets"]] == ["一般公共预算收入"]


def test_a_growth_target_gives_the_unit_of_every_number(api):
    from targets.models import Result
    from tests.factories import make_section

    indicator = make_indicator("全社会固定资产投资", unit="亿元")
    target = make_target(indicator, "8", kind=Target.Kind.GROWTH, unit="%")
    Result.objects.create(
        section=make_section(year=2022), year=2022, indicator=indicator, name="固定资产投资",
        value=Decimal("25.6"), unit="亿元", quote="固定资产投资25.6亿元",
    )  # fmt: skip
    Figure.objects.create(indicator=indicator, year=2023, month=5, value=Decimal("10.5"))
    item = by_id(api.get("/api/v1/targets?as_of=2023-05"), target)
    assert (item["unit"], item["value"]) == ("%", "8")
    assert (item["actual"], item["actual_unit"]) == ("10.5", "亿元")
    assert (item["goal"], item["goal_unit"]) == ("27.648", "亿元")
    assert (item["projection"], item["projection_unit"]) == ("25.2", "亿元")  # 10.5 ÷ 5/12
    assert (item["completion_unit"], item["expected_unit"], item["gap_unit"]) == ("%", "%", "个百分点")
    assert item["period"] is None and item["target_text"] == "8%"
