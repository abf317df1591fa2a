"""The demo projects of ``generate_sample_projects``: sample rows only, repeatable, cleared alone, labelled 示例数据
on every screen, and never counted for a target."""

from datetime import date
from decimal import Decimal
from io import BytesIO, StringIO

import openpyxl
import plotly.graph_objects as go
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from projects.charts import gantt_figure, gantt_rows
from projects.models import ChangeRecord, CountRule, LogEntry, Milestone, Project, StageEvent
from targets.counting import counted_actual
from targets.models import Target
from tests.factories import make_milestone, make_office, make_project, make_stage, make_target

pytestmark = pytest.mark.django_db
END_OF_2023 = date(2023, 12, 31)


def generate(*args):
    out = StringIO()
    call_command("generate_sample_projects", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def real_project():
    """A real project of the report with its stage, node and log, which no sample run may touch."""
    project = make_project(
        "王余公路白改黑",
        office=make_office("建设局"),
        kind=Project.Kind.PUBLIC_WORK,
        category=Project.Category.INFRASTRUCTURE,
        investment=Decimal("1200"),
        investment_unit=Project.Unit.WAN,
        deadline=date(2023, 12, 31),
    )
    make_stage(project, Project.Stage.APPROVED, date(2023, 2, 1))
    make_milestone(project, "完成招标", planned_on=date(2023, 5, 1))
    LogEntry.objects.create(project=project, week_of=date(2023, 5, 8), progress="招标完成")
    return project


def snapshot(project):
    project.refresh_from_db()
    return (
        project.name,
        project.investment,
        project.updated_at,
        list(project.stage_events.values_list("stage", "reached_on")),
        list(project.milestones.values_list("name", "planned_on", "actual_on")),
        list(project.log_entries.values_list("week_of", "progress")),
    )


def sample_rows():
    samples = Project.objects.filter(is_sample=True).order_by("name")
    return [
        (
            p.name,
            p.category,
            p.investment,
            p.investment_unit,
            p.deadline,
            list(p.stage_events.values_list("stage", "reached_on")),
            list(p.milestones.values_list("name", "planned_on", "actual_on")),
            list(p.log_entries.values_list("week_of", "problems")),
        )
        for p in samples
    ]


def test_the_command_creates_marked_sample_projects_with_their_work(real_project):
    before = snapshot(real_project)
    message = generate("--year", "2023", "--seed", "7")
    assert "已生成2023年示例项目 12 个" in message
    samples = Project.objects.filter(is_sample=True)
    assert samples.count() == 12 and Project.objects.filter(is_sample=False).count() == 1
    assert all(p.name.startswith("【示例】") and p.year == 2023 for p in samples)
    assert {p.investment_unit for p in samples} == {"亿元", "万元", "万美元"}
    assert {p.kind for p in samples} == {Project.Kind.INVESTMENT, Project.Kind.PUBLIC_WORK}
    assert StageEvent.objects.filter(project__is_sample=True, reached_on__year=2023).exists()
    assert not StageEvent.objects.filter(project__is_sample=True, reached_on__gt=END_OF_2023).exists()
    assert LogEntry.objects.filter(project__is_sample=True).count() >= 24
    assert ChangeRecord.objects.filter(project__is_sample=True).count() == 12
    assert snapshot(real_project) == before


def test_nodes_are_planned_backwards_and_some_are_on_time_some_late_some_slipped():
    generate("--year", "2023", "--seed", "7")
    nodes = list(Milestone.objects.filter(project__is_sample=True).select_related("project"))
    assert all(node.planned_on <= node.project.deadline for node in nodes)
    assert any(node.planned_on == node.project.deadline for node in nodes)
    on_time = [n for n in nodes if n.actual_on and n.actual_on <= n.planned_on]
    late = [n for n in nodes if n.actual_on and n.actual_on > n.planned_on]
    slipped = [n for n in nodes if n.is_slipped(END_OF_2023)]
    assert on_time and late and slipped
    assert all(n.actual_on <= END_OF_2023 for n in on_time + late)
    assert LogEntry.objects.filter(project__is_sample=True).exclude(problems="").exists()


def test_a_second_run_with_the_same_seed_replaces_the_samples_with_the_same_ones(real_project):
    generate("--year", "2023", "--seed", "7")
    first = sample_rows()
    message = generate("--year", "2023", "--seed", "7")
    assert "替换原有示例项目 12 个" in message
    assert sample_rows() == first
    assert Project.objects.count() == 13


def test_clear_removes_sample_projects_and_their_work_only(real_project):
    before = snapshot(real_project)
    generate("--year", "2023", "--seed", "3")
    assert "已删除示例项目 12 个" in generate("--clear")
    assert not Project.objects.filter(is_sample=True).exists()
    assert not StageEvent.objects.filter(project__is_sample=True).exists()
    assert list(Project.objects.all()) == [real_project]
    assert snapshot(real_project) == before


def test_a_future_year_or_a_missing_year_is_refused_in_chinese():
    with pytest.raises(CommandError, match="请用 --year 指定年度"):
        generate()
    with pytest.raises(CommandError, match="年度须在"):
        generate("--year", "2999")
    assert not Project.objects.exists()


def test_sample_projects_never_count_for_a_target():
    # Any project that reached 在谈 or a later stage in 2023 would count for this rule, were it real.
    target = make_target(value="3", kind=Target.Kind.COUNT, unit="个")
    CountRule.objects.create(target=target, stage=Project.Stage.NEGOTIATING)
    generate("--year", "2023", "--seed", "7")
    assert StageEvent.objects.filter(
        project__is_sample=True, project__kind=Project.Kind.INVESTMENT, reached_on__year=2023
    ).exists()
    assert counted_actual(target, END_OF_2023) == 0
    real = make_project("真实项目")
    make_stage(real, Project.Stage.SIGNED, date(2023, 3, 1))
    assert counted_actual(target, END_OF_2023) == 1


def test_the_list_detail_wall_chart_and_export_label_sample_projects(client, leader_user, real_project):
    generate("--year", "2023", "--seed", "7")
    sample = Project.objects.filter(is_sample=True).first()
    client.force_login(leader_user)
    listing = client.get(reverse("projects:list")).content.decode()
    assert listing.count('<span class="sample-badge">示例数据</span>') == 12
    detail = client.get(reverse("projects:detail", args=[sample.pk])).content.decode()
    assert '<span class="sample-badge">示例数据</span>' in detail
    real_detail = client.get(reverse("projects:detail", args=[real_project.pk])).content.decode()
    assert "sample-badge" not in real_detail
    wall = client.get(reverse("projects:gantt")).content.decode()
    assert (
        wall.count('<span class="sample-badge">示例数据</span>')
        == Milestone.objects.filter(project__is_sample=True).count()
    )
    export = client.get(reverse("projects:list"), {"_export": "xlsx"})
    names = [row[0] for row in list(openpyxl.load_workbook(BytesIO(export.content)).active.values)[1:]]
    assert f"{sample.name}（示例数据）" in names and "王余公路白改黑" in names


def test_the_wall_chart_bars_of_a_sample_project_say_so():
    generate("--year", "2023", "--seed", "7", "--count", "1")
    real = make_project("运北桥路宽桥窄改造", deadline=date(2023, 10, 31))
    make_milestone(real, "完成设计", planned_on=date(2023, 6, 30))
    projects = Project.objects.prefetch_related("stage_events", "milestones")
    figure = go.Figure(gantt_figure(gantt_rows(projects, END_OF_2023), END_OF_2023))  # plotly's schema check
    labels = list(figure.data[0].y)
    assert "运北桥路宽桥窄改造 · 完成设计" in labels
    sample_labels = [label for label in labels if label.startswith("【示例】")]
    assert sample_labels and all(label.endswith("（示例数据）") for label in sample_labels)
