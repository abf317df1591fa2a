"""Every page opens on the report's own data with a demo year of sample figures and projects: no 500 anywhere."""

import pytest
from django.core.management import call_command

from projects.models import Project
from targets import roles
from targets.models import Office, Target
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_report", verbosity=0)
    call_command("generate_sample_figures", year=2023, through=6, seed=7, verbosity=0)
    call_command("generate_sample_projects", year=2023, seed=7, verbosity=0)


@pytest.mark.parametrize("role", [roles.LEADER, roles.ADMIN])
def test_every_month_of_the_dashboard_and_the_briefing_opens_for_leaders(demo, client, role):
    client.force_login(make_user(role))
    for month in range(1, 13):
        for url in ["/", "/targets/briefing/", "/targets/briefing/docx/", "/api/v1/targets"]:
            query = (
                {"year": "2023", "month": str(month)} if "api" not in url else {"as_of": f"2023-{month:02d}"}
            )
            response = client.get(url, query)
            assert response.status_code == 200, (url, month)


def test_every_target_and_project_page_opens_for_staff(demo, client):
    office = Office.objects.get(name="经济发展局")
    client.force_login(make_user(roles.STAFF, office=office))
    for target in Target.objects.filter(year=2023):
        assert client.get(f"/targets/{target.pk}/", {"month": "6"}).status_code == 200, target
    for project in Project.objects.all():
        assert client.get(project.get_absolute_url()).status_code == 200, project
    for url in ["/projects/", "/projects/gantt/"]:
        assert client.get(url).status_code == 200, url
