"""A fresh install with the report loaded and nothing entered: no target is called behind, every value reads as
the report writes it."""

import csv
import io

import pytest
from django.core.management import call_command

from targets import roles
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader(client):
    call_command("load_report", verbosity=0)
    client.force_login(make_user(roles.LEADER))
    return client


def dashboard_rows(client, month):
    response = client.get("/", {"year": "2023", "month": str(month), "export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def test_values_read_with_their_qualifier_and_period_as_the_report_writes_them(leader):
    goals = {row["指标"]: row["目标"] for row in dashboard_rows(leader, 6)}
    assert goals["地区生产总值"] == "5%以上"
    assert goals["新增就业见习岗位"] == "300个以上"
    assert goals["“15分钟医保圈”服务站村居覆盖率"] == "超80%"
    assert goals["特殊困难群体免费更换燃气配件"] == "约1500户"
    assert goals["镇级招聘活动"] == "每季度1次"
    api = {item["indicator"]: item for item in leader.get("/api/v1/targets?year=2023").json()["targets"]}
    assert api["镇级招聘活动"]["period"] == "quarter" and api["镇级招聘活动"]["target_text"] == "每季度1次"
    assert api["地区生产总值"]["firmness"] == "" and api["地区生产总值"]["qualifier"] == "以上"
