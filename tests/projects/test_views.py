"""The register's pages as each role uses them: who may write (403 for the rest), bad input, export, chart."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.models import Attachment, ChangeRecord, Comment, LogEntry, Milestone, Project, StageEvent
from targets import roles
from tests.factories import make_milestone, make_office, make_project, make_stage, make_user, tiny_png

pytestmark = pytest.mark.django_db
S = Project.Stage


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def project(office):
    return make_project("海新智能制造项目", office=office, investment=Decimal(6), deadline=date(2023, 12, 31))


@pytest.fixture
def other_staff(db):
    return make_user(roles.STAFF, office=make_office("农业农村局"), username="staff2")


def project_data(**overrides):
    data = {
        "name": "年产10万台精密RV减速机",
        "kind": "investment",
        "category": "industrial",
        "investment": "5.5",
        "investment_unit": "亿元",
        "year": "2023",
        "deadline": "2023-12-31",
        "description": "",
    }
    data.update(overrides)
    return data


def test_staff_create_a_project_for_their_own_office(client, staff_user, office):
    client.force_login(staff_user)
    other = make_office("别的单位")
    response = client.post(reverse("projects:create"), project_data(office=other.pk))
    project = Project.objects.get()
    assert response.status_code == 302
    assert project.office == office
    assert project.investment == Decimal("5.5")
    assert ChangeRecord.objects.get().summary == "新建项目“年产10万台精密RV减速机”"


@pytest.mark.parametrize(
    ("investment", "message"),
    [("-1", "投资额不能为负数。"), ("五亿", "投资额须为数字"), ("1e", "投资额须为数字")],
)
def test_a_negative_or_non_numeric_investment_is_refused(client, staff_user, investment, message):
    client.force_login(staff_user)
    response = client.post(reverse("projects:create"), project_data(investment=investment))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Project.objects.exists()


@pytest.mark.parametrize("role", [roles.LEADER, None])
def test_leaders_and_users_without_a_role_may_not_create_projects(client, role):
    client.force_login(make_user(role, office=make_office()))
    assert client.get(reverse("projects:create")).status_code == 403
    assert client.post(reverse("projects:create"), project_data()).status_code == 403
    assert not Project.objects.exists()


def test_staff_of_another_office_get_403_on_every_write(client, project, other_staff):
    client.force_login(other_staff)
    entry = LogEntry.objects.create(project=project, week_of=date(2023, 5, 8), progress="x")
    writes = [
        (reverse("projects:edit", args=[project.pk]), project_data()),
        (reverse("projects:stage", args=[project.pk]), {"stage": "signed", "reached_on": "2023-03-01"}),
        (reverse("projects:milestone_create", args=[project.pk]), {"name": "n", "planned_on": "2023-05-01"}),
        (reverse("projects:log_create", args=[project.pk]), {"week_of": "2023-05-08", "progress": "p"}),
        (reverse("projects:log_edit", args=[entry.pk]), {"week_of": "2023-05-08", "progress": "p"}),
        (reverse("projects:log_comment", args=[entry.pk]), {"text": "加快推进"}),
    ]
    for url, data in writes:
        assert client.post(url, data).status_code == 403, url
    project.refresh_from_db()
    assert project.name == "海新智能制造项目"
    assert not StageEvent.objects.exists() and not Milestone.objects.exists() and not Comment.objects.exists()
    assert LogEntry.objects.get().progress == "x"
    # Reading is open to every logged-in user, without the buttons that would only give 403.
    page = client.get(project.get_absolute_url())
    assert page.status_code == 200
    assert "编辑项目" not in page.content.decode() and "填写本周调度" not in page.content.decode()


def test_leaders_read_everything_but_do_not_edit(client, leader_user, project):
    client.force_login(leader_user)
    assert client.get(project.get_absolute_url()).status_code == 200
    assert client.get(reverse("projects:edit", args=[project.pk])).status_code == 403


def test_an_edit_is_recorded_with_old_and_new_values(client, staff_user, project):
    client.force_login(staff_user)
    form = client.get(reverse("projects:edit", args=[project.pk])).context["form"]
    data = project_data(name=project.name, investment="7", loaded_at=form["loaded_at"].value())
    response = client.post(reverse("projects:edit", args=[project.pk]), data)
    assert response.status_code == 302
    change = ChangeRecord.objects.get(action=ChangeRecord.Action.EDIT)
    assert change.actor == staff_user
    assert "投资额：6 → 7" in change.summary


def test_an_edit_over_someone_elses_newer_save_is_refused_and_keeps_the_input(client, staff_user, project):
    client.force_login(staff_user)
    loaded = client.get(reverse("projects:edit", args=[project.pk])).context["form"]["loaded_at"].value()
    project.description = "别人刚保存的内容"
    project.save()
    data = project_data(name="我的新名称", loaded_at=loaded)
    response = client.post(reverse("projects:edit", args=[project.pk]), data)
    assert "已被他人修改" in response.content.decode()
    assert "我的新名称" in response.content.decode()
    project.refresh_from_db()
    assert project.name == "海新智能制造项目"


def test_a_stage_before_the_earlier_stage_is_refused_and_nothing_saved(client, staff_user, project):
    client.force_login(staff_user)
    make_stage(project, S.SIGNED, date(2023, 3, 10))
    response = client.post(
        reverse("projects:stage", args=[project.pk]), {"stage": "registered", "reached_on": "2023-03-01"}
    )
    assert "不能早于前一阶段“签约”的日期（2023-03-10）" in response.content.decode()
    assert list(project.stage_events.values_list("stage", flat=True)) == ["signed"]
    assert not ChangeRecord.objects.exists()


def test_a_milestone_after_the_deadline_is_refused_in_the_form(client, staff_user, project):
    client.force_login(staff_user)
    url = reverse("projects:milestone_create", args=[project.pk])
    response = client.post(url, {"name": "投产", "planned_on": "2024-01-05"})
    assert "不能晚于项目完成时限（2023-12-31）" in response.content.decode()
    assert not Milestone.objects.exists()


def test_a_milestone_can_be_planned_backwards_from_the_deadline(client, staff_user, project):
    client.force_login(staff_user)
    url = reverse("projects:milestone_create", args=[project.pk])
    client.post(url, {"name": "设备进场", "days_before_deadline": "30"})
    assert Milestone.objects.get().planned_on == date(2023, 12, 1)
    assert "新增时间节点“设备进场”，计划 2023-12-01" in ChangeRecord.objects.get().summary


def test_a_weekly_log_entry_keeps_its_photo_for_logged_in_users_only(client, staff_user, project):
    client.force_login(staff_user)
    photo = SimpleUploadedFile("现场照片.png", tiny_png(), content_type="image/png")
    data = {"week_of": "2023-05-08", "progress": "主体结构封顶", "problems": "用电增容", "files": [photo]}
    response = client.post(reverse("projects:log_create", args=[project.pk]), data)
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == "现场照片.png" and attachment.kind == "image"
    assert "现场照片" not in attachment.file.name  # stored under a name of ours
    served = client.get(attachment.get_absolute_url())
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == tiny_png()
    client.logout()
    assert client.get(attachment.get_absolute_url()).status_code == 302  # to the login page


def test_a_generated_log_entry_without_an_author_can_be_edited(client, staff_user, project):
    entry = LogEntry.objects.create(project=project, week_of=date(2023, 5, 8), progress="（示例）按计划推进")
    client.force_login(staff_user)
    data = {"week_of": "2023-05-08", "progress": "主体结构封顶"}
    response = client.post(reverse("projects:log_edit", args=[entry.pk]), data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.progress == "主体结构封顶" and entry.author is None
    assert ChangeRecord.objects.filter(project=project, summary__contains="主体结构封顶").exists()


def test_a_log_entry_with_a_bad_upload_is_not_saved_at_all(client, staff_user, project):
    client.force_login(staff_user)
    fake = SimpleUploadedFile("现场照片.jpg", b"#!/bin/sh\nrm -rf /")
    data = {"week_of": "2023-05-08", "progress": "主体结构封顶", "files": [fake]}
    response = client.post(reverse("projects:log_create", args=[project.pk]), data)
    assert "内容与扩展名不符" in response.content.decode()
    assert "主体结构封顶" in response.content.decode()  # what was typed is still on the page
    assert not LogEntry.objects.exists() and not Attachment.objects.exists()


def test_a_leader_comments_on_a_log_entry_and_staff_may_not(client, leader_user, staff_user, project):
    entry = LogEntry.objects.create(project=project, week_of=date(2023, 5, 8), progress="主体结构封顶")
    client.force_login(staff_user)
    assert (
        client.post(reverse("projects:log_comment", args=[entry.pk]), {"text": "我来批示"}).status_code == 403
    )
    client.force_login(leader_user)
    client.post(reverse("projects:log_comment", args=[entry.pk]), {"text": "请经发局协调供电公司"})
    assert Comment.objects.get().author == leader_user
    page = client.get(project.get_absolute_url()).content.decode()
    assert "请经发局协调供电公司" in page
    assert ChangeRecord.objects.get(action=ChangeRecord.Action.COMMENT).actor == leader_user


def test_admins_may_edit_any_office_project(client, admin_user, project):
    client.force_login(admin_user)
    form = client.get(reverse("projects:edit", args=[project.pk])).context["form"]
    data = project_data(name="改名", office=project.office.pk, loaded_at=form["loaded_at"].value())
    assert client.post(reverse("projects:edit", args=[project.pk]), data).status_code == 302
    project.refresh_from_db()
    assert project.name == "改名"


def test_the_list_filters_by_status_and_exports_to_xlsx(client, leader_user, office):
    slipped = make_project("滞后项目", office=office, investment=Decimal("5.5"))
    make_milestone(slipped, planned_on=date(2023, 1, 31))
    make_project("按期项目", office=office)
    client.force_login(leader_user)
    page = client.get(reverse("projects:list"), {"status": "slipped"}).content.decode()
    assert "滞后项目" in page and "按期项目" not in page
    response = client.get(reverse("projects:list"), {"status": "slipped", "_export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    sheet = openpyxl.load_workbook(BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("名称", "状态", "当前阶段")  # as the page shows them: the status first
    assert rows[1][0] == "滞后项目"
    assert Decimal(str(rows[1][rows[0].index("投资额")])) == Decimal("5.5")
    assert rows[1][rows[0].index("状态")] == "滞后"
    assert len(rows) == 2


def test_the_wall_chart_draws_planned_against_actual_with_slipped_in_red(client, leader_user, office):
    slipped = make_project("正中桥危桥改造", office=office, kind="public_work", category="infrastructure")
    make_milestone(slipped, "拆除旧桥", planned_on=date(2023, 4, 30))
    other = make_project(
        "外地项目", office=make_office("别处"), category="agriculture", deadline=date(2023, 12, 31)
    )
    client.force_login(leader_user)
    response = client.get(reverse("projects:gantt"), {"category": "infrastructure"})
    page = response.content.decode()
    assert "正中桥危桥改造 · 拆除旧桥" in page and other.name not in page
    assert "#c62828" in page  # the slipped colour is in the figure
    assert 'class="milestone-slipped"' in page
    assert "vendor/plotly/plotly-basic.min." in page and "cdn" not in page.lower()


def test_an_admin_edit_in_the_admin_site_is_recorded_too(client, admin_user, project):
    client.force_login(admin_user)
    url = reverse("admin:projects_project_change", args=[project.pk])
    data = {
        **project_data(name=project.name, investment="8", office=project.office.pk),
        "quote": "",
        "stage_events-TOTAL_FORMS": "0",
        "stage_events-INITIAL_FORMS": "0",
        "milestones-TOTAL_FORMS": "0",
        "milestones-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    change = ChangeRecord.objects.get()
    assert change.actor == admin_user and "投资额：6 → 8" in change.summary
