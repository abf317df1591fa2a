"""Every page a leader reads asks the database a fixed, small number of questions, whatever the data size:
≤ 10 SQL queries on a read page."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from targets import roles
from targets.models import OfficeMonth, Target
from tests.factories import (
    make_figure,
    make_indicator,
    make_milestone,
    make_office,
    make_project,
    make_result,
    make_section,
    make_target,
    make_user,
)

pytestmark = pytest.mark.django_db

READ_PAGE_LIMIT = 10


def grow(size: int, office, start: int = 0):
    """``size`` more targets of 2023 with figures for January–June and last year's, and as many projects."""
    section = make_section(2023, 1 + start % 5, f"（{start}）章节")
    for number in range(start, start + size):
        indicator = make_indicator(f"指标{number}", office=office, leader=None)
        kind = Target.Kind.COUNT if number % 3 == 0 else Target.Kind.AMOUNT  # a count asks the registers too
        make_target(
            indicator, "10", kind=kind, section=section, order=number, firmness="确保" if number % 2 else ""
        )
        make_result(indicator, "9")
        for month in range(1, 7):
            make_figure(indicator, month, month, year=2023)
            make_figure(indicator, month, month, year=2022)
        project = make_project(f"项目{number}", office=office, deadline=date(2023, 12, 31))
        make_milestone(project, f"节点{number}", planned_on=date(2023, 6, 30))


def pages(office, target):
    return {
        "看板": "/?year=2023&month=6",
        "看板（默认月份）": "/",
        "看板（筛选）": f"/?year=2023&month=6&status=behind&office={office.pk}&section={target.section_id}",
        "目标页": f"/targets/{target.pk}/?month=6",
        "月度通报": "/targets/briefing/?year=2023&month=6",
        "填报情况": "/targets/entry/status/?year=2023",
        "项目台账": "/projects/",
        "挂图作战": "/projects/gantt/",
        "接口": "/api/v1/targets?year=2023&as_of=2023-06",
    }


def counts(client, office, target) -> dict[str, int]:
    found = {}
    for name, url in pages(office, target).items():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        found[name] = len(captured)
    return found


def test_every_read_page_stays_within_ten_queries_whatever_the_data_size(client):
    office = make_office("经济发展局")
    grow(3, office)
    OfficeMonth.objects.create(
        office=office, year=2023, month=6, state=OfficeMonth.State.SUBMITTED, version=2
    )
    client.force_login(make_user(roles.LEADER))
    target = Target.objects.filter(kind=Target.Kind.AMOUNT).order_by("pk").first()
    small = counts(client, office, target)
    grow(30, office, start=3)
    large = counts(client, office, target)

    assert large == small, "the number of queries must not grow with the data"
    assert max(large.values()) <= READ_PAGE_LIMIT, large
