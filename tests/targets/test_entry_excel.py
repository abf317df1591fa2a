"""Excel both ways: the prefilled download, the upload with a per-row preview, the confirmed import."""

import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from targets.models import Figure, FigureChange, Target
from tests.factories import PASSWORD, make_figure, make_indicator, make_result, make_target
from tests.targets.entry_setup import build_town
from tests.targets.test_entry_views import opened_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return build_town()


@pytest.fixture
def staff(town):
    client = Client()
    client.login(username=town.staff.username, password=PASSWORD)
    return client


def base(town, month=6):
    return f"/targets/entry/{town.office.pk}/2023/{month}/"


def download(client, town, month=6):
    response = client.get(base(town, month) + "export.xlsx")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def as_upload(workbook, name="month.xlsx"):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def fill(workbook, values):
    """Type ``values`` (code → cell value) into the 本月数值 column, as a person would in Excel."""
    sheet = workbook["填报"]
    header = [cell.value for cell in sheet[4]]
    for row in sheet.iter_rows(min_row=5):
        code = row[0].value
        if code in values:
            row[header.index("本月数值")].value = values[code]
    return workbook


def upload(client, town, workbook, month=6, **headers):
    return client.post(base(town, month) + "import/", {"file": as_upload(workbook)}, **headers)


def test_the_download_is_prefilled_with_the_month(town, staff):
    make_figure(town.revenue, 5, "0.7")
    make_figure(town.revenue, 6, "0.8", note="税收")
    sheet = download(staff, town)["填报"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=5, values_only=True)}
    assert set(rows) == {"revenue", "households", "share"}
    revenue = rows["revenue"]
    assert revenue[1] == "一般公共预算收入" and revenue[2] == "亿元"
    assert (revenue[4], revenue[5], revenue[6], revenue[8], revenue[9]) == (1.46, 1.22, 0.7, 0.8, "税收")


def test_the_same_month_imported_from_the_downloaded_xlsx_gives_identical_stored_values(town, staff):
    values = {"revenue": "0.8123", "households": "1400", "share": "41.5"}
    data = {"version": "0", "action": "save"}
    for indicator in (town.revenue, town.households, town.share):
        data[f"value_{indicator.pk}"] = values[indicator.code]
        data[f"note_{indicator.pk}"] = "原样"
    staff.post(base(town), data)
    before = {f.indicator.code: (f.value, f.note) for f in Figure.objects.select_related("indicator")}
    june = download(staff, town)["填报"]
    # July's empty template, filled by copying June's downloaded cells (number cells, not typed text).
    workbook = download(staff, town, month=7)
    july_sheet = workbook["填报"]
    for source, target in zip(june.iter_rows(min_row=5), july_sheet.iter_rows(min_row=5), strict=True):
        assert source[0].value == target[0].value
        target[8].value, target[9].value = source[8].value, source[9].value
    response = upload(staff, town, workbook, month=7)
    assert response.status_code == 302
    assert staff.post(base(town, 7) + "import/preview/").status_code == 302
    july = {
        f.indicator.code: (f.value, f.note)
        for f in Figure.objects.filter(month=7).select_related("indicator")
    }
    assert july == before
    # Re-importing the untouched June file changes nothing at all.
    upload(staff, town, download(staff, town))
    staff.post(base(town) + "import/preview/")
    assert FigureChange.objects.filter(figure__month=6).count() == 3


def test_the_preview_shows_each_rows_result_and_saves_nothing_until_confirmed(town, staff):
    make_figure(town.households, 5, "1200")
    # 5000 is far above last month's 1200 (a warning to confirm), yet under 10× the year's target.
    workbook = fill(download(staff, town), {"revenue": "4000万", "households": 5000, "share": "很多"})
    response = upload(staff, town, workbook)
    preview = staff.get(response.url).content.decode()
    assert "可导入" in preview and "需确认" in preview and "错误" in preview
    assert "0.4亿元" in preview and "不是数字" in preview and "远超出" in preview
    assert "不能导入" in preview
    assert staff.post(response.url).status_code == 200  # confirming with an error saves nothing
    assert not Figure.objects.filter(month=6).exists()
    fixed = fill(download(staff, town), {"revenue": "4000万", "households": 5000, "share": 41})
    preview = staff.get(upload(staff, town, fixed).url).content.decode()
    assert "确认导入" in preview
    assert staff.post(base(town) + "import/preview/").status_code == 302
    assert Figure.objects.get(indicator=town.households, month=6).value == Decimal(5000)
    assert set(FigureChange.objects.values_list("source", flat=True)) == {"import"}


def test_a_file_that_is_not_excel_is_refused_in_chinese(town, staff):
    response = staff.post(base(town) + "import/", {"file": SimpleUploadedFile("x.xlsx", b"not a zip")})
    assert response.status_code == 400
    assert "无法读取这个文件" in response.content.decode()
    response = staff.post(base(town) + "import/", {"file": SimpleUploadedFile("x.csv", b"a,b")})
    assert ".xlsx" in response.content.decode()


def test_a_file_of_another_month_is_refused(town, staff):
    response = upload(staff, town, download(staff, town, month=5), month=6)
    assert response.status_code == 400
    assert "不是本页的" in response.content.decode()


def test_an_xhr_upload_gets_json_for_the_progress_page(town, staff):
    ok = upload(staff, town, download(staff, town), HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert ok.json()["redirect"].endswith("/import/preview/")
    bad = staff.post(
        base(town) + "import/",
        {"file": SimpleUploadedFile("x.xlsx", b"zzz")},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert bad.status_code == 400 and "无法读取" in bad.json()["error"]


def test_unknown_and_foreign_codes_in_the_file_are_row_errors(town, staff):
    workbook = download(staff, town)
    sheet = workbook["填报"]
    sheet.append(["farmland", "高标准农田", "万亩", "", "", "", "", "", 1])
    sheet.append(["no-such-code", "", "", "", "", "", "", "", 1])
    preview = staff.get(upload(staff, town, workbook).url).content.decode()
    assert preview.count("不是本单位的指标") == 2
    staff.post(base(town) + "import/preview/")
    assert not Figure.objects.exists()


def test_other_offices_and_leaders_cannot_upload(town):
    client = Client()
    client.login(username=town.other_staff.username, password=PASSWORD)
    assert client.get(base(town) + "import/").status_code == 403
    assert client.get(base(town) + "export.xlsx").status_code == 403
    client.login(username=town.leader.username, password=PASSWORD)
    assert client.get(base(town) + "import/").status_code == 403
    assert client.get(base(town) + "export.xlsx").status_code == 200


def test_a_file_downloaded_before_someone_else_saved_is_a_conflict_in_the_preview(town, staff):
    workbook = fill(download(staff, town), {"revenue": "0.9", "households": 1400, "share": 41})
    admin = Client()
    admin.login(username=town.admin.username, password=PASSWORD)
    data = {"version": "0", f"value_{town.revenue.pk}": "0.85"}
    assert admin.post(base(town), data).status_code == 302
    preview = staff.get(upload(staff, town, workbook).url).content.decode()
    assert "在你打开之后已被别人修改" in preview and "0.85" in preview
    staff.post(base(town) + "import/preview/")
    assert Figure.objects.get(indicator=town.revenue).value == Decimal("0.85")


def test_a_growth_target_downloads_with_its_percent_not_in_the_indicators_unit(staff, town):
    gdp = make_indicator("地区生产总值", unit="亿元", office=town.office, code="gdp")
    make_target(gdp, value="5", kind=Target.Kind.GROWTH, unit="%")
    make_result(gdp, value="3.2", unit="千米")
    sheet = download(staff, town)["填报"]
    header = [cell.value for cell in sheet[4]]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=5)}
    assert rows["gdp"][header.index("单位")].value == "亿元"
    assert rows["gdp"][header.index("目标")].value == "5%"
    assert rows["gdp"][header.index("上年基数")].value == "3.2千米"
    assert rows["revenue"][header.index("目标")].value == 1.46  # same unit as the row: still a number


def save_in_form(town, user, **values):
    """Save June in the monthly form as ``user`` did, from the page as opened now."""
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    fields = opened_form(client, base(town))
    for code, value in values.items():
        fields[f"value_{getattr(town, code).pk}"] = value
    assert client.post(base(town), fields).status_code == 302


@pytest.fixture
def old_file(town, staff):
    """A file downloaded with revenue 0.75 stored, after which a colleague saved 0.76 in the form."""
    save_in_form(town, town.staff, revenue="0.75", households="1400", share="41")
    workbook = download(staff, town)
    save_in_form(town, town.admin, revenue="0.76")
    return workbook


def test_an_old_file_never_reverts_a_newer_value_it_did_not_change(town, staff, old_file):
    fill(old_file, {"households": 1500})  # revenue still reads 0.75 in the file, untouched
    preview = staff.get(upload(staff, town, old_file).url).content.decode()
    assert "在你打开之后已被别人修改" not in preview
    response = staff.post(base(town) + "import/preview/", follow=True)
    assert "已保留他们的数值" in response.content.decode()
    assert Figure.objects.get(indicator=town.revenue).value == Decimal("0.76")
    assert Figure.objects.get(indicator=town.households).value == Decimal(1500)


def test_a_row_changed_in_the_file_and_by_a_colleague_is_overwritten_only_knowingly(town, staff, old_file):
    fill(old_file, {"revenue": 0.8, "households": 1500})
    preview = staff.get(upload(staff, town, old_file).url).content.decode()
    assert re.search(
        r"<td>一般公共预算收入</td><td>数值</td><td>0\.75</td><td>0\.8</td><td>0\.76</td>", preview
    )
    assert "新增市场主体</td><td>数值" not in preview  # only the file changed it: not a conflict
    staff.post(base(town) + "import/preview/")  # confirming without the overwrite: refused again
    assert Figure.objects.get(indicator=town.revenue).value == Decimal("0.76")
    overwrite = dict(re.findall(r'name="(overwrite_\d+)" value="([^"]+)"', preview))
    assert list(overwrite) == [f"overwrite_{town.revenue.pk}"]
    assert staff.post(base(town) + "import/preview/", overwrite).status_code == 302
    assert Figure.objects.get(indicator=town.revenue).value == Decimal("0.8")
    assert Figure.objects.get(indicator=town.households).value == Decimal(1500)


def test_a_file_without_its_loaded_column_falls_back_on_its_version(town, staff, old_file):
    sheet = old_file["填报"]
    sheet.delete_cols([cell.value for cell in sheet[4]].index("载入校验") + 1)
    fill(old_file, {"households": 1500})
    preview = staff.get(upload(staff, town, old_file).url).content.decode()
    # Unknown what the file was based on, and the month changed since: each difference is shown, none written.
    assert re.search(
        r"<td>一般公共预算收入</td><td>数值</td><td>（未知）</td><td>0\.75</td><td>0\.76</td>", preview
    )
    staff.post(base(town) + "import/preview/")
    assert Figure.objects.get(indicator=town.revenue).value == Decimal("0.76")
