"""People are named by their 姓名 as an admin set it, the login only when no name is set."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from projects import services as project_services
from targets.entry import services, workflow
from targets.entry.checks import Entry
from targets.models import Figure, FigureChange, OfficeMonth
from targets.people import person_name
from targets.reminders.models import Message
from tests.factories import PASSWORD, make_project
from tests.targets.entry_setup import build_town


def user(first="", last="", username="wang01"):
    return SimpleNamespace(first_name=first, last_name=last, get_username=lambda: username)


@pytest.mark.parametrize(
    ("first", "last", "shown"),
    [
        ("王明", "", "王明"),  # the whole 姓名 in 名字, as most admins write it
        ("明", "王", "王明"),  # 姓 and 名 apart: 姓 first, no space
        ("", "王明", "王明"),
        ("Anna", "Lee", "Anna Lee"),
        ("  ", "", "wang01"),  # no name set: the login
        ("", "", "wang01"),
    ],
)
def test_a_person_is_named_by_the_name_an_admin_set(first, last, shown):
    assert person_name(user(first, last)) == shown


def test_nobody_is_named_by_nothing():
    assert person_name(None) == ""


def client_for(person):
    client = Client()
    client.login(username=person.username, password=PASSWORD)
    return client


@pytest.mark.django_db
def test_histories_workflow_and_figures_show_names_not_logins():
    town = build_town()
    town.staff.first_name = "李芳"
    town.staff.save()
    town.leader.first_name = "张镇长"
    town.leader.save()
    saved = services.save_month(
        town.office,
        2023,
        6,
        [Entry(town.revenue.pk, "0.8"), Entry(town.households.pk, "1400"), Entry(town.share.pk, "41")],
        town.staff,
        source=FigureChange.Source.FORM,
        expected_version=0,
        submit=True,
    )
    assert saved.submitted
    workflow.return_month(OfficeMonth.objects.get(), town.leader, "请补充说明")
    figure = Figure.objects.get(indicator=town.revenue)
    pages = {
        "form": reverse("targets:entry_month", args=[town.office.pk, 2023, 6]),
        "history": reverse("targets:figure_history", args=[figure.pk]),
        "target": reverse("targets:detail", args=[town.revenue.targets.get().pk]),
    }
    for name, url in pages.items():
        content = client_for(town.staff).get(url).content.decode()
        assert "李芳" in content, name
        assert "staff-econ" not in content, name
    form = client_for(town.staff).get(pages["form"]).content.decode()
    assert "张镇长 退回了本月" in form  # 流程记录 and the return notice name the leader
    assert "leader-town" not in form


@pytest.mark.django_db
def test_a_project_change_record_names_the_person_who_made_it():
    town = build_town()
    town.staff.first_name = "李芳"
    town.staff.save()
    project = make_project(office=town.office)
    before = project_services.snapshot(project, project_services.PROJECT_FIELDS)
    project.responsible = town.staff
    project_services.save_project(project, town.staff, before)
    content = client_for(town.staff).get(project.get_absolute_url()).content.decode()
    assert "李芳" in content
    assert "staff-econ" not in content
    assert project.changes.get().summary.endswith("→ 李芳")


@pytest.mark.django_db
def test_a_chase_names_the_leader_who_sent_it(monkeypatch):
    from targets.entry import rows
    from targets.reminders import services as reminders

    monkeypatch.setattr(rows, "today", lambda: date(2023, 7, 10))
    monkeypatch.setattr(reminders, "today", lambda: date(2023, 7, 10))
    town = build_town()
    town.leader.first_name = "张镇长"
    town.leader.save()
    reminders.chase(town.office, 2023, 6, town.leader, "请报送")
    assert Message.objects.get(recipient=town.staff).body.startswith("张镇长 催办")
    inbox = client_for(town.staff).get("/targets/inbox/").content.decode()
    status = client_for(town.leader).get("/targets/entry/status/?year=2023").content.decode()
    assert "张镇长" in inbox and "已催办（张镇长）" in status
    assert "leader-town" not in inbox and "（leader-town）" not in status
