"""``backup`` and ``restore``: a round trip gives back the same API answer and the same uploaded files."""

import io
import tarfile

import pytest
from django.core.management import call_command
from django.test import Client

from targets.backup import find_tool, server_major
from targets.models import Figure
from tests.factories import make_figure
from tests.targets.entry_setup import build_town

# pg_dump runs in its own process: it sees only committed rows, so this test commits (and flushes after).
pytestmark = pytest.mark.django_db(transaction=True)


def api_answer(user):
    client = Client()
    client.force_login(user)
    response = client.get("/api/v1/targets?year=2023&as_of=2023-06")
    assert response.status_code == 200
    return response.json()


def page_body(user, url) -> str:
    client = Client()
    client.force_login(user)
    page = client.get(url).content.decode()
    return page[page.index("<main") : page.index("</main>")]


def test_a_backup_restores_the_same_api_answer_and_files(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "logs").mkdir(parents=True)
    (settings.MEDIA_ROOT / "logs" / "photo.png").write_bytes(b"\x89PNG saved")
    town = build_town()
    make_figure(town.revenue, 6, "0.80", note="税收入库")
    make_figure(town.households, 6, "1400")
    before = api_answer(town.leader)

    out = io.StringIO()
    call_command("backup", str(tmp_path / "b.tar"), stdout=out)
    assert "已备份到" in out.getvalue()
    with tarfile.open(tmp_path / "b.tar") as archive:
        assert {"database.dump", "media/logs/photo.png"} <= set(archive.getnames())

    # Life goes on after the backup: a figure changes, one is added, a file is replaced; a leader reads the
    # target's page in between (its body is cached under the data's version of that moment).
    revenue_page = f"/targets/{town.revenue.targets.get().pk}/?month=6"
    Figure.objects.filter(indicator=town.revenue).update(value="0.95")
    assert "0.95" in page_body(town.leader, revenue_page)
    make_figure(town.share, 6, "41")
    (settings.MEDIA_ROOT / "logs" / "photo.png").write_bytes(b"changed")
    assert api_answer(town.leader) != before

    call_command("restore", str(tmp_path / "b.tar"), yes=True, stdout=io.StringIO())
    assert api_answer(town.leader) == before
    # The restored version numbers are never those the pages were cached under after the backup, even after
    # the next write (the restored sequence would otherwise hand out the same numbers again).
    Figure.objects.filter(indicator=town.households).update(note="核对")
    shown = page_body(town.leader, revenue_page)
    assert "0.8" in shown and "0.95" not in shown
    assert (settings.MEDIA_ROOT / "logs" / "photo.png").read_bytes() == b"\x89PNG saved"
    aside = list(tmp_path.glob("media.before-restore-*"))
    assert len(aside) == 1 and (aside[0] / "logs" / "photo.png").read_bytes() == b"changed"


def test_the_dump_tool_matches_the_servers_major_version(db):
    major = server_major()
    tool = find_tool("pg_dump", major)
    assert str(major) in tool.parent.parent.name or f"/{major}/" in str(tool)


def test_restoring_something_that_is_not_a_backup_is_refused(tmp_path, db):
    bogus = tmp_path / "x.tar"
    bogus.write_bytes(b"not a tar")
    with pytest.raises(Exception, match="无法读取备份文件"):
        call_command("restore", str(bogus), yes=True)
