"""Counting from the register in one batch: the pages make as many queries with ten counted targets as with one,
and the batch gives the same counts as asking target by target."""

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.counting import count_projects, count_projects_batch
from projects.models import CountRule, Project
from targets.counting import counted_actual, counted_actuals
from targets.models import Target
from targets.progress import evaluate_targets
from tests.factories import make_project, make_stage, make_target

pytestmark = pytest.mark.django_db
S = Project.Stage
PAGES = [
    ("/", {"year": "2023", "month": "6"}),
    ("/api/v1/targets", {"year": "2023", "as_of": "2023-06"}),
    ("/targets/briefing/", {"year": "2023", "month": "6"}),
]


def counted_target(number: int) -> Target:
    """A count target with a rule: projects of at least ``number`` 亿元 that reached 注册 in 2023."""
    target = make_target(value="3", kind=Target.Kind.COUNT, unit="个")
    CountRule.objects.create(target=target, min_investment=Decimal(number), stage=S.REGISTERED)
    project = make_project(f"项目{number}", investment=Decimal(number), investment_unit=Project.Unit.YI)
    make_stage(project, S.REGISTERED, date(2023, 3, 1))
    return target


def queries_for(client, url, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(("url", "params"), PAGES)
def test_a_page_makes_as_many_queries_with_ten_counted_targets_as_with_one(client, leader_user, url, params):
    client.force_login(leader_user)
    counted_target(1)
    client.get(url, params)  # warm the session and the content types
    with_one = queries_for(client, url, params)
    for number in range(2, 11):
        counted_target(number)
    assert queries_for(client, url, params) == with_one


def test_the_dashboard_shows_the_counts_the_batch_gives(client, leader_user):
    client.force_login(leader_user)
    targets = [counted_target(number) for number in (1, 5, 9)]
    # 项目1, 项目5 and 项目9 all reached 注册 in March (so the register was kept then); each target counts the
    # projects of at least its amount.
    progress = evaluate_targets(Target.objects.filter(pk__in=[t.pk for t in targets]), 3)
    assert [progress[t.pk].actual for t in targets] == [Decimal(3), Decimal(2), Decimal(1)]
    assert client.get("/", {"year": "2023", "month": "6"}).status_code == 200


def test_the_report_dashboard_costs_a_fixed_number_of_queries(client, leader_user):
    call_command("load_report", verbosity=0)
    client.force_login(leader_user)
    client.get("/", {"year": "2023", "month": "6"})
    report = queries_for(client, "/", {"year": "2023", "month": "6"})
    for number in range(1, 11):
        counted_target(number)
    assert queries_for(client, "/", {"year": "2023", "month": "6"}) == report
    print(f"dashboard with the report loaded: {report} queries")


def test_counted_actual_still_answers_for_one_target():
    target = counted_target(2)
    assert counted_actual(target, date(2023, 2, 28)) == 0
    assert counted_actual(target, date(2023, 3, 1)) == 1
    assert counted_actuals([target], {target.pk: date(2023, 12, 31)}) == {target.pk: 1}


def test_a_target_without_a_rule_is_left_out_of_the_batch():
    plain = make_target(value="10", kind=Target.Kind.COUNT, unit="条")
    assert count_projects_batch([plain], {plain.pk: date(2023, 12, 31)}) == {}
    assert counted_actuals([plain], {plain.pk: date(2023, 12, 31)}) == {}


def random_register(rng: random.Random) -> list[Target]:
    """Projects of every category, unit and stage history, some of them samples, and rules over them."""
    year_start = date(2022, 10, 1)
    for number in range(25):
        kind = rng.choice([Project.Kind.INVESTMENT, Project.Kind.PUBLIC_WORK])
        stages = Project.INVESTMENT_STAGES if kind == Project.Kind.INVESTMENT else Project.PUBLIC_WORK_STAGES
        amount = rng.choice([None, Decimal(rng.randint(1, 120)) / 10, Decimal(rng.randint(100, 90000))])
        project = make_project(
            f"随机项目{number}",
            kind=kind,
            category=rng.choice(Project.Category.values),
            investment=amount,
            investment_unit=rng.choice(Project.Unit.values),
            is_sample=rng.random() < 0.2,
        )
        day = year_start + timedelta(days=rng.randint(0, 200))
        for stage in stages:
            if rng.random() < 0.3:
                continue  # skipped this stage
            if rng.random() < 0.25:
                break  # got no further
            make_stage(project, stage, day)
            day += timedelta(days=rng.randint(0, 90))
    targets = []
    for _ in range(8):
        deadline = date(2023, rng.randint(1, 12), 28)
        window = rng.choice(CountRule.Window.values)
        target = make_target(
            value="2",
            kind=Target.Kind.DEADLINE if window == CountRule.Window.DEADLINE else Target.Kind.COUNT,
            unit="个",
            deadline=deadline if window == CountRule.Window.DEADLINE else None,
        )
        CountRule.objects.create(
            target=target,
            category=rng.choice(["", *Project.Category.values]),
            min_investment=rng.choice([None, Decimal(1), Decimal(5), Decimal(3000)]),
            min_investment_unit=rng.choice(Project.Unit.values),
            stage=rng.choice(Project.Stage.values),
            window=window,
        )
        targets.append(target)
    return targets


@pytest.mark.parametrize("seed", range(6))
def test_the_batch_counts_what_each_target_counts_alone(seed):
    rng = random.Random(seed)
    targets = random_register(rng)
    for _ in range(4):
        until = {target.pk: date(2023, rng.randint(1, 12), rng.randint(1, 28)) for target in targets}
        batch = count_projects_batch(targets, until)
        assert batch == {target.pk: count_projects(target, until[target.pk]) for target in targets}
