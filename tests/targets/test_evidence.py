"""佐证材料 on an office's month: the projects' upload checks, shown to the approving leader, served only to
those who may read the office's month."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from targets.models import Evidence, OfficeMonth
from tests.factories import make_user, tiny_png
from tests.targets.entry_setup import build_town
from tests.targets.test_entry_views import client_for, month_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def town():
    return build_town()


def upload_url(town, month=6):
    return f"/targets/evidence/{town.office.pk}/2023/{month}/"


def png(name="现场照片.png"):
    return SimpleUploadedFile(name, tiny_png(), content_type="image/png")


def pdf(name="台账.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%test\n", content_type="application/pdf")


def test_staff_attach_evidence_and_the_approving_leader_sees_and_opens_it(town):
    staff = client_for(town.staff)
    response = staff.post(upload_url(town), {"file": [png(), pdf()]}, follow=True)
    assert "已上传 2 份佐证材料" in response.content.decode()
    assert sorted(Evidence.objects.values_list("original_name", "kind")) == [
        ("台账.pdf", "document"),
        ("现场照片.png", "image"),
    ]
    stored = Evidence.objects.get(kind="image")
    assert "现场照片" not in stored.file.name and stored.file.name.endswith(".png")  # our name, not theirs
    OfficeMonth.objects.filter(office=town.office).update(state=OfficeMonth.State.SUBMITTED, version=2)
    leader = client_for(town.leader)
    page = leader.get(month_url(town)).content.decode()
    assert "佐证材料" in page and "现场照片.png" in page and "审核通过" in page
    image = leader.get(stored.get_absolute_url())
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert b"".join(image.streaming_content) == tiny_png()
    document = leader.get(Evidence.objects.get(kind="document").get_absolute_url())
    assert "attachment" in document["Content-Disposition"]


def test_a_renamed_file_or_a_forbidden_type_is_refused_and_nothing_is_stored(town):
    staff = client_for(town.staff)
    fake = SimpleUploadedFile("报表.pdf", b"MZ\x90\x00 not a pdf")
    response = staff.post(upload_url(town), {"file": [png(), fake]}, follow=True)
    assert "内容与扩展名不符" in response.content.decode()
    script = staff.post(upload_url(town), {"file": [SimpleUploadedFile("x.html", b"<script>")]}, follow=True)
    assert "不是可上传的照片或文档" in script.content.decode()
    empty = staff.post(upload_url(town), {}, follow=True)
    assert "请选择要上传的照片或文档" in empty.content.decode()
    assert not Evidence.objects.exists()


def test_only_people_who_may_read_the_office_open_its_evidence(town, client):
    client_for(town.staff).post(upload_url(town), {"file": [png()]})
    url = Evidence.objects.get().get_absolute_url()
    assert client_for(town.other_staff).get(url).status_code == 403  # another office's 填报员
    assert client_for(make_user(None, username="nobody")).get(url).status_code == 403  # no role
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous.url
    assert client_for(town.admin).get(url).status_code == 200


def test_other_offices_staff_and_leaders_cannot_upload_and_a_locked_month_takes_none(town):
    assert client_for(town.other_staff).post(upload_url(town), {"file": [png()]}).status_code == 403
    assert client_for(town.leader).post(upload_url(town), {"file": [png()]}).status_code == 403
    OfficeMonth.objects.create(
        office=town.office, year=2023, month=6, state=OfficeMonth.State.APPROVED, version=3
    )
    response = client_for(town.staff).post(upload_url(town), {"file": [png()]}, follow=True)
    assert "已审核通过并锁定" in response.content.decode()
    assert not Evidence.objects.exists()


def test_project_uploads_still_use_the_same_checks():
    from projects import uploads as project_uploads
    from targets import uploads

    assert project_uploads.check_upload is uploads.check_upload
    assert project_uploads.check_upload(png()) == ("image", "image/png")


def test_staff_take_back_a_wrong_file_while_the_month_is_open_and_it_is_logged_not_erased(town):
    staff = client_for(town.staff)
    staff.post(upload_url(town), {"file": [png("错的照片.png"), pdf()]})
    wrong = Evidence.objects.get(original_name="错的照片.png")
    assert client_for(town.other_staff).post(f"/targets/evidence/{wrong.pk}/remove/").status_code == 403
    assert client_for(town.leader).post(f"/targets/evidence/{wrong.pk}/remove/").status_code == 403

    page = staff.post(f"/targets/evidence/{wrong.pk}/remove/", follow=True).content.decode()
    assert "已删除佐证材料“错的照片.png”" in page
    listed = page[page.index('id="evidence-title"') :]
    listed = listed[: listed.index("</section>")]
    assert "错的照片.png" not in listed and "台账.pdf" in listed
    events = page[page.index('class="plain-list events"') :]
    assert "删除佐证材料" in events and "错的照片.png" in events
    wrong.refresh_from_db()
    assert wrong.removed_by == town.staff and wrong.file.storage.exists(wrong.file.name)
    assert staff.get(wrong.get_absolute_url()).status_code == 404
    assert client_for(town.admin).get(wrong.get_absolute_url()).status_code == 200

    kept = Evidence.objects.get(original_name="台账.pdf")
    OfficeMonth.objects.filter(office=town.office).update(state=OfficeMonth.State.SUBMITTED, version=2)
    page = staff.post(f"/targets/evidence/{kept.pk}/remove/", follow=True).content.decode()
    assert "本月已提交" in page
    kept.refresh_from_db()
    assert kept.removed_at is None
