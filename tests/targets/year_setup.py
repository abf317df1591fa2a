"""A small 2023 with figures, from which the tests start 2024 (not a test module itself).

Figures are generated here, not taken from the report: year-to-date totals rising month by month.
"""

from dataclasses import dataclass
from decimal import Decimal

from targets import roles
from targets.models import Figure, Indicator, OfficeMonth, Target
from tests.factories import make_indicator, make_office, make_result, make_section, make_target, make_user


def rising(total: str, months: int) -> dict[int, Decimal]:
    """Year-to-date totals reaching ``total``×months/12 by ``months``, a little uneven."""
    step = Decimal(total) / 12
    return {m: (step * m + Decimal(m % 3) / 100).quantize(Decimal("0.0001")) for m in range(1, months + 1)}


@dataclass
class Year2023:
    finance: object
    economy: object
    admin: object
    leader: object
    staff: object
    revenue: object  # 亿元, figures January–December → baseline is December's
    sales: object  # 亿元, figures January–November, January–September approved → baseline 1—9月 (最近审核月)
    share: object  # %, a level, no figures at all → no baseline
    output: object  # 亿元, the report states its 2023 result → kept as the baseline
    bridge: object  # a milestone: not carried
    revenue_figures: dict
    sales_figures: dict


def build_2023() -> Year2023:
    finance, economy = make_office("财政所"), make_office("经济发展局")
    partner = make_office("招商服务中心")
    leader = make_user(roles.LEADER, username="mayor")
    headline = make_section(year=2023, number=0, title="主要预期目标")
    industry = make_section(year=2023, number=1, title="（一）壮大产业集群")
    revenue = make_indicator("一般公共预算收入", unit="亿元", office=finance, code="revenue", leader=leader)
    revenue.partner_offices.add(partner)
    make_target(revenue, value="1.46", firmness=Target.Firmness.ENSURE, section=headline, headline=True)
    sales = make_indicator("工业应税销售", unit="亿元", office=economy, code="sales")
    make_target(sales, value="65", firmness=Target.Firmness.STRIVE, section=industry)
    share = make_indicator(
        "高技术产业占比", unit="%", office=economy, code="share", measure=Indicator.Measure.LEVEL
    )
    make_target(share, value="40", kind=Target.Kind.SHARE, section=industry, order=2)
    output = make_indicator("地区生产总值", unit="亿元", office=economy, code="gdp")
    make_target(output, value="5", kind=Target.Kind.GROWTH, unit="%", section=headline, order=1)
    make_result(
        output,
        value="88.8",
        year=2023,
        section=make_section(year=2023, number=1, title="（一）经济运行", part="review"),
    )
    bridge = make_indicator("正中桥危桥改造", unit="项", office=economy, code="bridge")
    make_target(bridge, value=None, kind=Target.Kind.MILESTONE, section=industry, order=3)

    revenue_figures, sales_figures = rising("1.5", 12), rising("66", 11)
    for indicator, figures in ((revenue, revenue_figures), (sales, sales_figures)):
        for month, value in figures.items():
            Figure.objects.create(indicator=indicator, year=2023, month=month, value=value)
    # A sample December for sales must never become a baseline.
    Figure.objects.create(indicator=sales, year=2023, month=12, value=Decimal("999"), is_sample=True)
    for month in range(1, 10):
        OfficeMonth.objects.create(office=economy, year=2023, month=month, state=OfficeMonth.State.APPROVED)
    OfficeMonth.objects.create(office=economy, year=2023, month=10, state=OfficeMonth.State.SUBMITTED)
    return Year2023(
        finance=finance,
        economy=economy,
        admin=make_user(roles.ADMIN, username="admin"),
        leader=leader,
        staff=make_user(roles.STAFF, office=economy, username="clerk"),
        revenue=revenue,
        sales=sales,
        share=share,
        output=output,
        bridge=bridge,
        revenue_figures=revenue_figures,
        sales_figures=sales_figures,
    )
