"""看板设置 in the admin: the 亮灯 threshold and the briefing's 文号, set by an admin, read by the pages; and the
offices' 排名 worked out by hand."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from targets import roles
from targets.dashboard import evaluated_rows
from targets.models import BoardSettings, Figure, OfficeMonth, OfficeMonthEvent
from targets.ranking import rank_offices
from tests.factories import make_indicator, make_office, make_target, make_user

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_an_admin_sets_the_threshold_and_the_document_number_in_one_place(client):
    client.force_login(make_user(roles.ADMIN))
    listing = client.get("/admin/targets/boardsettings/")
    assert listing.status_code == 302 and listing["Location"].endswith(
        "/admin/targets/boardsettings/1/change/"
    )
    response = client.post(
        "/admin/targets/boardsettings/1/change/",
        {
            "red_gap": "3",
            "issuer": "正余镇人民政府",
            "document_number": "正政督〔2023〕6号",
        },
    )
    assert response.status_code == 302
    board = BoardSettings.current()
    assert (board.red_gap, board.document_number) == (Decimal(3), "正政督〔2023〕6号")
    make_target(make_indicator("一般公共预算收入"), "1.46")
    indicator = make_indicator("工业应税销售")
    make_target(indicator, "65")
    Figure.objects.create(indicator=indicator, year=2023, month=6, value=Decimal("30"))
    client.force_login(make_user(roles.LEADER))
    page = client.get("/targets/briefing/", {"year": "2023", "month": "6"}).content.decode()
    assert "正政督〔2023〕6号" in page and "正余镇人民政府" in page
    # 30 of 65 by June is 46.2% against 50%: 3.8 points behind, red at the admin's 3 (yellow at the default 5)
    dashboard = client.get("/", {"year": "2023", "month": "6"}).content.decode()
    row = dashboard[dashboard.index("工业应税销售</a>") :]
    assert 'class="col-status"' in row and row.index("light-red") < row.index('class="col-gap')


def test_a_threshold_below_a_tenth_of_a_point_is_refused(client):
    client.force_login(make_user(roles.ADMIN))
    client.get("/admin/targets/boardsettings/")
    response = client.post(
        "/admin/targets/boardsettings/1/change/",
        {"red_gap": "0", "issuer": "正余镇人民政府", "document_number": ""},
    )
    assert response.status_code == 200 and BoardSettings.current().red_gap == Decimal(5)


@pytest.mark.parametrize("role", [roles.STAFF, roles.LEADER])
def test_only_admins_change_the_settings(client, role):
    client.force_login(make_user(role, office=make_office()))
    assert client.get("/admin/targets/boardsettings/1/change/").status_code in {302, 403}


def test_offices_are_ranked_by_targets_on_schedule_then_by_on_time_submission():
    ahead, behind, tied = make_office("财政所"), make_office("经济发展局"), make_office("招商服务中心")
    for office, value in [(ahead, "0.9"), (behind, "0.5"), (tied, "0.9")]:
        indicator = make_indicator(f"{office.name}指标", office=office)
        make_target(indicator, "1.46")
        Figure.objects.create(indicator=indicator, year=2023, month=6, value=Decimal(value))
    # 财政所 submitted June on time, 招商服务中心 late; nobody submitted the months before.
    for office, day in [(ahead, 3), (tied, 9)]:
        month = OfficeMonth.objects.create(
            office=office, year=2023, month=6, state=OfficeMonth.State.SUBMITTED
        )
        event = OfficeMonthEvent.objects.create(office_month=month, action=OfficeMonthEvent.Action.SUBMIT)
        OfficeMonthEvent.objects.filter(pk=event.pk).update(at=datetime(2023, 7, day, 10, tzinfo=SHANGHAI))
    rows, _loaded = evaluated_rows(2023, 6)
    ranking = rank_offices(rows, 2023, 6, today=date(2023, 7, 20))
    assert [(r.rank, r.office.name) for r in ranking.offices] == [
        (1, "财政所"),
        (2, "招商服务中心"),
        (3, "经济发展局"),
    ]
    first = ranking.offices[0]
    assert (first.on_schedule_share, first.on_time, first.months_due) == (Decimal(100), 1, 6)
    assert ranking.offices[2].on_schedule_share == Decimal(0)
    assert ranking.month_states == {ahead.pk: "submitted", tied.pk: "submitted"}
