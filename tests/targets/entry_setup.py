"""A small office with three indicators, used by the entry tests (not a test module itself)."""

from dataclasses import dataclass

from targets import roles
from targets.models import Indicator, Target
from tests.factories import make_indicator, make_office, make_result, make_target, make_user


@dataclass
class Town:
    office: object
    other_office: object
    staff: object
    other_staff: object
    leader: object
    admin: object
    revenue: object  # 亿元, year-to-date, target 1.46, 2022 baseline 1.22
    households: object  # 户, year-to-date count, target 2500
    share: object  # %, month-end level, target 40
    foreign: object  # owned by the other office


def build_town() -> Town:
    office = make_office("经济发展局")
    other = make_office("农业农村局")
    revenue = make_indicator("一般公共预算收入", unit="亿元", office=office, code="revenue")
    make_target(revenue, value="1.46")
    make_result(revenue, value="1.22")
    households = make_indicator("新增市场主体", unit="户", office=office, code="households")
    make_target(households, value="2500", kind=Target.Kind.COUNT)
    share = make_indicator(
        "高技术产业占比", unit="%", office=office, code="share", measure=Indicator.Measure.LEVEL
    )
    make_target(share, value="40", kind=Target.Kind.SHARE)
    foreign = make_indicator("高标准农田", unit="万亩", office=other, code="farmland")
    make_target(foreign, value="1")
    return Town(
        office=office,
        other_office=other,
        staff=make_user(roles.STAFF, office=office, username="staff-econ"),
        other_staff=make_user(roles.STAFF, office=other, username="staff-farm"),
        leader=make_user(roles.LEADER, username="leader-town"),
        admin=make_user(roles.ADMIN, username="admin-town"),
        revenue=revenue,
        households=households,
        share=share,
        foreign=foreign,
    )
