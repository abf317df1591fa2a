"""Count targets counted from the register: rules, windows, currencies, and the registered counter."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from projects.counting import counted_projects
from projects.models import CountRule, Project
from projects.models.rules import comparable_amount
from projects.panels import counted_projects_panel
from targets.counting import counted_actual
from targets.models import Target
from tests.factories import make_project, make_stage, make_target

pytestmark = pytest.mark.django_db
S = Project.Stage


@pytest.fixture
def big_projects_target():
    """新签约并注册超5亿元重特大项目3个: at least 5亿元, reached 注册 in 2023."""
    target = make_target(value="3", kind=Target.Kind.COUNT, unit="个")
    CountRule.objects.create(target=target, min_investment=Decimal(5), stage=S.REGISTERED)
    return target


def invest(name, amount, unit=Project.Unit.YI, **fields):
    return make_project(name, investment=Decimal(amount), investment_unit=unit, **fields)


def test_a_project_of_5_yi_registered_in_2023_counts(big_projects_target):
    project = invest("博信科技", "5")
    make_stage(project, S.SIGNED, date(2023, 2, 1))
    make_stage(project, S.REGISTERED, date(2023, 3, 1))
    assert counted_actual(big_projects_target, date(2023, 2, 28)) == 0
    assert counted_actual(big_projects_target, date(2023, 3, 1)) == 1
    assert counted_projects(big_projects_target, date(2023, 12, 31)) == [project]


def test_smaller_older_sample_or_unregistered_projects_do_not_count(big_projects_target):
    make_stage(invest("小项目", "4.99"), S.REGISTERED, date(2023, 3, 1))
    make_stage(invest("去年注册", "8"), S.REGISTERED, date(2022, 12, 31))
    make_stage(invest("只签约", "8"), S.SIGNED, date(2023, 3, 1))
    make_stage(invest("示例", "8", is_sample=True), S.REGISTERED, date(2023, 3, 1))
    make_stage(make_project("未填投资额"), S.REGISTERED, date(2023, 3, 1))
    assert counted_actual(big_projects_target, date(2023, 12, 31)) == 0


def test_a_project_that_skipped_to_a_later_stage_still_counts(big_projects_target):
    make_stage(invest("直接开工", "6"), S.STARTED, date(2023, 5, 1))
    assert counted_actual(big_projects_target, date(2023, 12, 31)) == 1


def test_wan_yuan_converts_exactly_to_yi_yuan(big_projects_target):
    make_stage(invest("五万万元", "50000", Project.Unit.WAN), S.REGISTERED, date(2023, 3, 1))
    make_stage(invest("差一点", "49999", Project.Unit.WAN), S.REGISTERED, date(2023, 3, 1))
    assert [project.name for project in counted_projects(big_projects_target, date(2023, 12, 31))] == [
        "五万万元"
    ]


def test_dollars_and_yuan_are_never_compared():
    assert comparable_amount(Decimal(3000), "万美元", "亿元") is None
    assert comparable_amount(Decimal(1), "亿元", "万元") == Decimal(10000)
    target = make_target(value="1", kind=Target.Kind.COUNT, unit="个")
    CountRule.objects.create(
        target=target,
        category=Project.Category.FOREIGN,
        min_investment=Decimal(3000),
        min_investment_unit=Project.Unit.WAN_USD,
        stage=S.REGISTERED,
    )
    make_stage(
        invest("外资甲", "3000", Project.Unit.WAN_USD, category="foreign"), S.REGISTERED, date(2023, 4, 1)
    )
    make_stage(invest("外资乙", "9", Project.Unit.YI, category="foreign"), S.REGISTERED, date(2023, 4, 1))
    assert [project.name for project in counted_projects(target, date(2023, 12, 31))] == ["外资甲"]


def test_a_deadline_rule_counts_only_until_the_targets_deadline():
    """一季度新开工超亿元产业项目2个: 产业, at least 1亿元, 开工 by 31 March."""
    target = make_target(value="2", kind=Target.Kind.DEADLINE, unit="个", deadline=date(2023, 3, 31))
    CountRule.objects.create(
        target=target,
        category=Project.Category.INDUSTRIAL,
        min_investment=Decimal(1),
        stage=S.STARTED,
        window=CountRule.Window.DEADLINE,
    )
    make_stage(invest("三月开工", "1.2"), S.STARTED, date(2023, 3, 31))
    make_stage(invest("四月开工", "3"), S.STARTED, date(2023, 4, 1))
    make_stage(invest("科创开工", "3", category="scitech"), S.STARTED, date(2023, 2, 1))
    assert counted_actual(target, date(2023, 12, 31)) == 1


def test_a_target_without_a_rule_is_left_to_typed_figures():
    target = make_target(value="10", kind=Target.Kind.COUNT, unit="条")
    assert counted_actual(target, date(2023, 12, 31)) is None
    assert counted_projects(target, date(2023, 12, 31)) == []
    assert counted_projects_panel(None, target) is None


def test_a_rule_needs_a_count_target():
    target = make_target(value="1.46", kind=Target.Kind.AMOUNT)
    with pytest.raises(ValidationError, match="只有“个数”或“限期完成”类目标"):
        CountRule(target=target, stage=S.REGISTERED).full_clean()


def test_the_panel_lists_the_projects_that_count(big_projects_target, rf):
    make_stage(invest("博信科技", "5"), S.REGISTERED, date(2023, 3, 1))
    panel = counted_projects_panel(rf.get("/"), big_projects_target)
    assert panel["template"] == "projects/includes/counted_projects.html"
    assert [project.name for project in panel["counted_projects"]] == ["博信科技"]


@given(amount=st.decimals(min_value=0, max_value=Decimal("1e9"), places=4))
def test_yi_and_wan_yuan_convert_both_ways_without_loss(amount):
    in_wan = comparable_amount(amount, "亿元", "万元")
    assert in_wan == amount * 10000
    assert comparable_amount(in_wan, "万元", "亿元") == amount
    assert comparable_amount(amount, "万美元", "万元") is None


def test_the_panel_template_names_the_rule_and_the_projects(big_projects_target, rf):
    from django.template.loader import render_to_string

    make_stage(invest("博信科技", "5", office=None), S.REGISTERED, date(2023, 3, 1))
    panel = counted_projects_panel(rf.get("/"), big_projects_target)
    html = render_to_string(panel.pop("template"), panel)
    assert "由项目台账计数：1 个" in html
    assert "目标年度内达到“注册”阶段" in html and "投资额不低于 5亿元" in html
    assert "博信科技" in html and "2023-03-01" in html


def test_a_target_counted_from_the_register_is_counted_from_it_in_the_new_year_too(big_projects_target):
    from targets.years import start_year

    start_year(2024, 2023)
    carried = Target.objects.get(year=2024, indicator=big_projects_target.indicator)
    rule = CountRule.objects.get(target=carried)
    assert (rule.min_investment, rule.stage) == (Decimal(5), S.REGISTERED)
    last_year = invest("博信科技", "6")
    make_stage(last_year, S.REGISTERED, date(2023, 5, 1))
    this_year = invest("华美新材料", "8")
    make_stage(this_year, S.REGISTERED, date(2024, 3, 1))
    # the 2024 window: 2023's project is not counted again
    assert counted_actual(carried, date(2024, 12, 31)) == 1
    assert counted_actual(big_projects_target, date(2023, 12, 31)) == 1
    start_year(2024, 2023)  # run again: nothing carried twice
    assert CountRule.objects.filter(target__year=2024).count() == 1
