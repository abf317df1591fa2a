"""The register's rules: stage order, milestones against the deadline, 滞后, project status, uploads, briefing."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from projects.briefing import slipped_projects
from projects.models import Milestone, Project, ProjectStatus, StageEvent
from projects.uploads import check_upload
from tests.factories import make_milestone, make_office, make_project, make_stage, tiny_png

pytestmark = pytest.mark.django_db
S = Project.Stage


def test_a_stage_dated_before_an_earlier_stage_is_refused_in_chinese():
    project = make_project()
    make_stage(project, S.SIGNED, date(2023, 3, 10))
    event = StageEvent(project=project, stage=S.REGISTERED, reached_on=date(2023, 3, 1))
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "“注册”的日期（2023-03-01）不能早于前一阶段“签约”的日期（2023-03-10）" in str(error.value)


def test_a_stage_dated_after_a_later_stage_is_refused():
    project = make_project()
    make_stage(project, S.REGISTERED, date(2023, 3, 10))
    with pytest.raises(ValidationError, match="不能晚于后一阶段“注册”"):
        StageEvent(project=project, stage=S.SIGNED, reached_on=date(2023, 4, 1)).full_clean()


def test_stages_on_the_same_day_are_accepted():
    project = make_project()
    make_stage(project, S.SIGNED, date(2023, 3, 10))
    StageEvent(project=project, stage=S.REGISTERED, reached_on=date(2023, 3, 10)).full_clean()


def test_a_public_work_cannot_take_an_investment_stage():
    project = make_project(kind=Project.Kind.PUBLIC_WORK, category=Project.Category.INFRASTRUCTURE)
    with pytest.raises(ValidationError, match="不是该类项目的阶段"):
        StageEvent(project=project, stage=S.SIGNED, reached_on=date(2023, 3, 10)).full_clean()


def test_a_milestone_after_the_deadline_is_refused():
    project = make_project(deadline=date(2023, 6, 30))
    milestone = Milestone(project=project, name="竣工验收", planned_on=date(2023, 7, 1))
    with pytest.raises(ValidationError, match="不能晚于项目完成时限（2023-06-30）"):
        milestone.full_clean()


def test_a_deadline_before_a_milestone_is_refused():
    project = make_project(deadline=date(2023, 12, 31))
    make_milestone(project, "路面摊铺", date(2023, 10, 1))
    project.deadline = date(2023, 9, 30)
    with pytest.raises(ValidationError, match="完成时限不能早于时间节点“路面摊铺”"):
        project.full_clean()


@pytest.mark.parametrize(
    ("planned", "actual", "today", "state", "slipped"),
    [
        (date(2023, 5, 31), None, date(2023, 5, 31), Milestone.State.ON_TIME, False),
        (date(2023, 5, 31), None, date(2023, 6, 1), Milestone.State.SLIPPED, True),
        (date(2023, 5, 31), date(2023, 5, 20), date(2023, 6, 1), Milestone.State.DONE, False),
        (date(2023, 5, 31), date(2023, 6, 10), date(2023, 6, 5), Milestone.State.SLIPPED, True),
        (date(2023, 5, 31), date(2023, 6, 10), date(2023, 6, 30), Milestone.State.DONE, False),
    ],
)
def test_a_milestone_past_its_planned_date_and_not_done_is_slipped(planned, actual, today, state, slipped):
    milestone = Milestone(name="节点", planned_on=planned, actual_on=actual)
    assert milestone.is_slipped(today) is slipped
    assert milestone.state(today) == state


def test_project_status_agrees_between_the_model_and_the_list_query():
    today = date(2023, 7, 1)
    on_time = make_project("按期项目")
    make_milestone(on_time, planned_on=date(2023, 9, 1))
    slipped = make_project("滞后项目")
    make_milestone(slipped, planned_on=date(2023, 6, 1))
    done = make_project("已投产项目")
    make_milestone(done, planned_on=date(2023, 6, 1))
    make_stage(done, S.PRODUCING, date(2023, 6, 20))
    expected = {
        on_time.pk: ProjectStatus.ON_TIME,
        slipped.pk: ProjectStatus.SLIPPED,
        done.pk: ProjectStatus.DONE,
    }
    annotated = {project.pk: project.status for project in Project.objects.with_status(today)}
    assert annotated == expected
    assert {project.pk: project.status(today) for project in (on_time, slipped, done)} == expected


def test_the_current_stage_is_the_furthest_reached():
    project = make_project()
    make_stage(project, S.SIGNED, date(2023, 3, 10))
    make_stage(project, S.REGISTERED, date(2023, 3, 10))
    assert project.current_stage_on(date(2023, 4, 1)) == S.REGISTERED
    assert Project.objects.with_status(date(2023, 4, 1)).get().current_stage == S.REGISTERED


def test_a_real_png_is_accepted_as_a_photo():
    assert check_upload(SimpleUploadedFile("现场.PNG", tiny_png())) == ("image", "image/png")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00", "不是可上传的照片或文档"),
        ("photo.png", b"<html><script>alert(1)</script>", "内容与扩展名不符"),
        ("report.pdf", b"", "空文件"),
    ],
)
def test_an_upload_that_is_not_a_photo_or_document_is_refused(name, content, message):
    with pytest.raises(ValidationError, match=message):
        check_upload(SimpleUploadedFile(name, content))


def test_an_upload_over_10_mb_is_refused():
    big = SimpleUploadedFile("scan.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError, match="超过 10 MB"):
        check_upload(big)


def test_the_briefing_names_projects_with_slipped_milestones_at_the_months_end():
    office = make_office("交通城建办")
    road = make_project(
        "王余公路白改黑", office=office, kind=Project.Kind.PUBLIC_WORK, category="infrastructure"
    )
    make_milestone(road, "路面摊铺", planned_on=date(2023, 5, 31))
    make_milestone(road, "交工验收", planned_on=date(2023, 9, 30))
    fine = make_project("按期项目")
    make_milestone(fine, "开工", planned_on=date(2023, 5, 31), actual_on=date(2023, 5, 30))
    sample = make_project("示例项目", is_sample=True)
    make_milestone(sample, "节点", planned_on=date(2023, 5, 1))

    assert slipped_projects(2023, 5) == []
    assert slipped_projects(2023, 6) == [
        "截至6月底，王余公路白改黑（交通城建办）有1个时间节点滞后：“路面摊铺”（计划5月31日完成，滞后30天）。"
    ]


def test_investment_is_kept_as_an_exact_decimal():
    project = make_project(investment=Decimal("5.2"), investment_unit=Project.Unit.YI)
    project.refresh_from_db()
    assert project.investment == Decimal("5.2")
    assert project.investment_display() == "5.2亿元"


def test_a_project_with_investment_stages_cannot_become_a_public_work():
    project = make_project()
    make_stage(project, S.SIGNED, date(2023, 3, 10))
    project.kind = Project.Kind.PUBLIC_WORK
    with pytest.raises(ValidationError, match="已有“签约”阶段记录，不能改为民生实事/公共工程"):
        project.full_clean()


def test_a_milestone_cannot_be_done_in_the_future():
    project = make_project()
    milestone = Milestone(
        project=project, name="竣工", planned_on=date(2023, 6, 1), actual_on=date(2999, 1, 1)
    )
    with pytest.raises(ValidationError, match="实际完成日期不能晚于今天"):
        milestone.full_clean()
