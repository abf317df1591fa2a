"""Damaged and oversized workbooks are refused with the file's message before or while reading, never a 500;
a read upload waits for confirmation in the database, not in the session."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from targets.entry import excel
from targets.models import Figure, PendingImport
from tests.factories import PASSWORD
from tests.targets.entry_setup import build_town

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return build_town()


@pytest.fixture
def staff(town):
    client = Client(raise_request_exception=False)
    client.login(username=town.staff.username, password=PASSWORD)
    return client


def base(town):
    return f"/targets/entry/{town.office.pk}/2023/6/"


def template(staff, town) -> bytes:
    return staff.get(base(town) + "export.xlsx").content


def rezip(data: bytes, change) -> bytes:
    """The same .xlsx with ``change(name, xml_bytes) -> xml_bytes`` applied to each member."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, change(info.filename, source.read(info.filename)))
    return out.getvalue()


def upload(staff, town, data: bytes):
    return staff.post(base(town) + "import/", {"file": SimpleUploadedFile("month.xlsx", data)})


def filled(staff, town, note: str) -> bytes:
    workbook = load_workbook(io.BytesIO(template(staff, town)))
    sheet = workbook["填报"]
    header = [cell.value for cell in sheet[4]]
    row = next(cells[0].row for cells in sheet.iter_rows(min_row=5) if cells[0].value == "revenue")
    sheet.cell(row=row, column=header.index("本月数值") + 1, value=0.8)
    sheet.cell(row=row, column=header.index("备注") + 1, value=note)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def assert_refused(response, message="无法读取这个文件"):
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Figure.objects.exists() and not PendingImport.objects.exists()


def test_an_invalid_xml_character_in_a_cell_is_the_files_message(staff, town):
    def damage(name, xml):
        return xml.replace(b"<v>", b"<v>\x01", 1) if name.endswith("sheet1.xml") else xml

    assert_refused(upload(staff, town, rezip(template(staff, town), damage)))


def test_an_unescaped_sheet_name_is_the_files_message(staff, town):
    def damage(name, xml):
        return (
            xml.replace('name="填报"'.encode(), 'name="填<报"'.encode()) if name == "xl/workbook.xml" else xml
        )

    assert_refused(upload(staff, town, rezip(template(staff, town), damage)))


def test_something_that_is_not_a_zip_is_the_files_message(staff, town):
    assert_refused(upload(staff, town, b"PK\x03\x04 this is not really a zip"))


def test_a_workbook_that_unzips_to_a_gigabyte_is_refused_before_parsing(staff, town, monkeypatch):
    parsed = []
    monkeypatch.setattr(excel, "load_workbook", lambda *args, **kwargs: parsed.append(1))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (excel.MAX_UNPACKED + 1))
    assert len(out.getvalue()) < 200_000  # small on the wire
    assert_refused(upload(staff, town, out.getvalue()), "文件解压后超过 40 MB")
    assert parsed == []  # openpyxl never saw it


def test_a_cell_longer_than_the_limit_is_refused_with_its_line(staff, town):
    assert_refused(upload(staff, town, filled(staff, town, "长" * (excel.MAX_CELL + 1))), "行有单元格超过")


def test_a_workbook_without_the_sheet_is_refused(staff, town):
    workbook = Workbook()
    workbook.active.title = "Sheet"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert_refused(upload(staff, town, buffer.getvalue()), "没有名为“填报”的工作表")


def test_a_read_upload_waits_in_the_database_and_the_session_holds_only_its_token(staff, town):
    note = "说明" * 900
    response = upload(staff, town, filled(staff, town, note))
    assert response.status_code == 302
    pending = PendingImport.objects.get()
    assert pending.user == town.staff
    assert [line["note"] for line in pending.lines if line["code"] == "revenue"] == [note]
    assert staff.session["entry_import"] == pending.token
    assert set(staff.session.keys()) - {"_auth_user_id", "_auth_user_backend", "_auth_user_hash"} == {
        "entry_import"
    }
    preview = staff.get(response.url)
    assert preview.status_code == 200 and "可导入" in preview.content.decode()
    confirmed = staff.post(response.url)
    assert confirmed.status_code == 302, confirmed.content.decode()
    assert "/import/" not in confirmed.url
    assert Figure.objects.get(indicator=town.revenue).note == note
    assert not PendingImport.objects.exists()


def test_another_user_cannot_confirm_someone_elses_upload(staff, town):
    upload(staff, town, filled(staff, town, "税收"))
    admin = Client()
    admin.login(username=town.admin.username, password=PASSWORD)
    session = admin.session
    session["entry_import"] = PendingImport.objects.get().token
    session.save()
    response = admin.post(base(town) + "import/preview/")
    assert response.status_code == 302 and response.url.endswith("/import/")
    assert not Figure.objects.exists()
