"""Every page type carries a Content-Security-Policy that allows no inline script, beside the other headers."""

import pytest
from django.test import Client

from tests.factories import make_project
from tests.targets.entry_setup import build_town

pytestmark = pytest.mark.django_db


def assert_headers(response):
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"] and "unsafe-eval" not in policy
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_every_kind_of_page_has_the_policy(client):
    town = build_town()
    project = make_project(office=town.office)
    assert_headers(client.get("/accounts/login/"))
    client.force_login(town.admin)
    target = town.revenue.targets.first()
    urls = [
        "/",
        f"/targets/{target.pk}/",
        f"/targets/entry/{town.office.pk}/2023/6/",
        f"/targets/entry/{town.office.pk}/2023/6/import/",
        "/targets/entry/status/",
        "/targets/briefing/?year=2023&month=6",
        "/projects/",
        f"/projects/{project.pk}/",
        "/projects/gantt/",
        "/admin/",
        "/admin/targets/target/",
        "/accounts/password_change/",
        "/api/v1/targets?year=2023",
        "/no-such-page/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert_headers(response)
    failing = Client(raise_request_exception=False)
    assert_headers(failing.get("/api/v1/nothing"))


def test_no_template_has_an_inline_script_or_handler():
    import re
    from pathlib import Path

    from django.conf import settings

    handler = re.compile(r"\son[a-z]+\s*=", re.I)
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
    offenders = []
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        text = path.read_text()
        if handler.search(text) or inline_script.search(text) or "javascript:" in text:
            offenders.append(str(path))
    assert offenders == []
