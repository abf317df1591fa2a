"""管理员 keep indicators and targets in a spreadsheet: export, edit, import with a preview and a message per bad row."""

import io
import re
from decimal import Decimal

import openpyxl
import pytest

from targets.admin.excel import IndicatorResource, TargetResource
from targets.models import AdminChange, Indicator, Target, TargetRevision
from tests.factories import PASSWORD, make_indicator, make_office, make_section, make_target

pytestmark = pytest.mark.django_db

TARGETS = "/admin/targets/target/"
INDICATORS = "/admin/targets/indicator/"


@pytest.fixture
def admin_client(client, admin_user):
    client.login(username=admin_user.username, password=PASSWORD)
    return client


@pytest.fixture
def catalogue():
    finance = make_office("财政所")
    make_office("招商服务中心")
    make_section(year=2024, number=0, title="主要预期目标")
    revenue = make_indicator("一般公共预算收入", unit="亿元", office=finance, code="revenue")
    sales = make_indicator("工业应税销售", unit="亿元", office=finance, code="sales")
    section = make_section(year=2024, number=0)
    return {
        "revenue": make_target(
            revenue, value="1.46", year=2024, section=section, firmness="确保", quote="收入确保1.46亿元"
        ),
        "sales": make_target(sales, value="65", year=2024, section=section, quote="应税销售65亿元"),
    }


def export(client, base, resource) -> openpyxl.Workbook:
    fields = {f"{resource.__name__.lower()}_{name}": "on" for name in resource._meta.fields}
    response = client.post(f"{base}export/", {"format": "0", "resource": "0", **fields})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )


def upload(client, base, workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "targets.xlsx"
    return client.post(f"{base}import/", {"format": "0", "resource": "0", "import_file": buffer})


def confirm(client, base, preview):
    form = preview.context.get("confirm_form")
    assert form is not None, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", preview.content.decode()))[-1500:]
    return client.post(
        f"{base}process_import/", {name: form.initial.get(name, form[name].value()) for name in form.fields}
    )


def rows(sheet):
    header = [cell.value for cell in sheet[1]]
    return header, {row[0].value: row for row in sheet.iter_rows(min_row=2)}


def test_targets_round_trip_through_excel_with_a_preview_and_a_revision_per_change(
    admin_client, admin_user, catalogue
):
    book = export(admin_client, TARGETS, TargetResource)
    header, by_code = rows(book.active)
    assert header[:4] == ["指标代码", "指标名称（仅供参考）", "年度", "章节序号"]
    value_col = header.index("目标值")
    assert by_code["revenue"][value_col].value in ("1.46", 1.46)
    assert by_code["revenue"][header.index("表述")].value == "确保"
    assert by_code["revenue"][header.index("类型")].value == "累计量"
    by_code["revenue"][value_col].value = "1.6"

    preview = upload(admin_client, TARGETS, book)

    assert preview.status_code == 200
    page = preview.content.decode()
    assert "confirm_form" in preview.context and preview.context["confirm_form"] is not None
    assert Target.objects.get(pk=catalogue["revenue"].pk).value == Decimal(
        "1.46"
    )  # the preview writes nothing
    assert not TargetRevision.objects.exists()
    assert "一般公共预算收入" in page

    response = confirm(admin_client, TARGETS, preview)

    assert response.status_code == 302
    revenue = Target.objects.get(pk=catalogue["revenue"].pk)
    assert revenue.value == Decimal("1.6") and revenue.original_value == Decimal("1.46")
    revision = TargetRevision.objects.get(target=revenue)
    assert (revision.old_value, revision.new_value, revision.reason, revision.changed_by) == (
        "1.46",
        "1.6",
        "从Excel导入",
        admin_user,
    )
    assert (
        Target.objects.get(pk=catalogue["sales"].pk).revisions.count() == 0
    )  # unchanged rows are left alone
    logged = AdminChange.objects.get()  # and in the admin's log, as an edit in the admin would be
    assert (logged.object_id, logged.action, logged.field, logged.old_value, logged.new_value) == (
        str(revenue.pk),
        AdminChange.Action.CHANGE,
        "目标值",
        "1.46",
        "1.6",
    )
    assert (logged.reason, logged.changed_by) == ("从Excel导入", admin_user)


def test_a_file_with_a_bad_row_gets_a_chinese_message_per_row_and_imports_nothing(admin_client, catalogue):
    book = export(admin_client, TARGETS, TargetResource)
    sheet = book.active
    header, by_code = rows(sheet)
    by_code["revenue"][header.index("目标值")].value = "1.7"
    bad = dict.fromkeys(header, "")
    bad.update({"指标代码": "nonexistent", "年度": 2024, "章节序号": 0, "类型": "累计量", "目标值": "一点五"})
    sheet.append([bad[name] for name in header])
    wrong_kind = dict(bad, **{"指标代码": "sales", "类型": "翻番", "目标值": "70"})
    sheet.append([wrong_kind[name] for name in header])

    preview = upload(admin_client, TARGETS, book)

    page = preview.content.decode()
    assert "没有指标代码“nonexistent”。" in page
    assert "目标值“一点五”不是有效的非负数字。" in page
    assert "类型“翻番”不是可选值" in page
    assert preview.context.get("confirm_form") is None
    assert Target.objects.get(pk=catalogue["revenue"].pk).value == Decimal("1.46")
    assert not TargetRevision.objects.exists()


def test_a_new_target_from_excel_is_recorded_as_imported(admin_client, catalogue):
    make_indicator("新增规上工业企业", unit="家", code="firms")
    book = export(admin_client, TARGETS, TargetResource)
    sheet = book.active
    header, _rows = rows(sheet)
    row = dict.fromkeys(header, "")
    row.update(
        {
            "指标代码": "firms",
            "年度": 2024,
            "章节序号": 0,
            "类型": "个数",
            "目标值": 6,
            "目标单位": "家",
            "主要预期目标": "否",
        }
    )
    sheet.append([row[name] for name in header])

    confirm(admin_client, TARGETS, upload(admin_client, TARGETS, book))

    created = Target.objects.get(indicator__code="firms", year=2024)
    assert created.value == Decimal(6) and created.kind == Target.Kind.COUNT
    assert created.revisions.get().reason == "从Excel导入"
    added = AdminChange.objects.get(object_id=str(created.pk))
    assert (added.action, added.reason) == (AdminChange.Action.ADD, "从Excel导入")


def test_indicators_round_trip_with_their_offices(admin_client, catalogue):
    book = export(admin_client, INDICATORS, IndicatorResource)
    header, by_code = rows(book.active)
    assert header[:3] == ["代码", "名称", "单位"]
    by_code["sales"][header.index("牵头单位")].value = "招商服务中心"
    by_code["sales"][header.index("配合单位")].value = "财政所"

    confirm(admin_client, INDICATORS, upload(admin_client, INDICATORS, book))

    sales = Indicator.objects.get(code="sales")
    assert sales.office.name == "招商服务中心"
    assert [o.name for o in sales.partner_offices.all()] == ["财政所"]
    logged = {
        change.field: change.new_value for change in AdminChange.objects.filter(object_id=str(sales.pk))
    }
    assert logged == {"牵头单位": "招商服务中心", "配合单位": "财政所"}

    book = export(admin_client, INDICATORS, IndicatorResource)
    header, by_code = rows(book.active)
    by_code["sales"][header.index("牵头单位")].value = "不存在的科室"
    page = upload(admin_client, INDICATORS, book).content.decode()
    assert "没有牵头单位“不存在的科室”。" in page
    assert Indicator.objects.get(code="sales").office.name == "招商服务中心"


@pytest.mark.parametrize("who", ["leader_user", "staff_user"])
def test_only_an_admin_may_import_or_export(client, catalogue, request, who):
    client.login(username=request.getfixturevalue(who).username, password=PASSWORD)
    assert client.get(f"{TARGETS}import/").status_code == 403
    assert client.get(f"{TARGETS}export/").status_code == 403


def test_a_file_that_is_not_a_spreadsheet_is_refused_in_chinese(admin_client, catalogue):
    garbage = io.BytesIO(b"\x00\x01 not a workbook")
    garbage.name = "targets.xlsx"

    response = admin_client.post(
        f"{TARGETS}import/", {"format": "0", "resource": "0", "import_file": garbage}
    )

    assert "无法读取这个文件：请上传 Excel（.xlsx）或 CSV 文件" in response.content.decode()
    assert not TargetRevision.objects.exists()


def test_a_file_too_big_is_refused_before_it_is_read(admin_client, catalogue, monkeypatch):
    monkeypatch.setattr("targets.admin.catalogue.MAX_IMPORT_BYTES", 2**20)
    big = io.BytesIO(b"x" * (2**20 + 1))
    big.name = "targets.csv"

    response = admin_client.post(f"{TARGETS}import/", {"format": "1", "resource": "0", "import_file": big})

    assert "文件超过 1 MB" in response.content.decode()


def test_a_row_naming_an_archived_target_is_refused_and_nothing_is_imported(admin_client, catalogue):
    book = export(admin_client, TARGETS, TargetResource)
    header, by_code = rows(book.active)
    by_code["revenue"][header.index("目标值")].value = "1.7"
    by_code["sales"][header.index("目标值")].value = "66"
    Target.all_objects.filter(pk=catalogue["sales"].pk).update(archived=True)

    page = upload(admin_client, TARGETS, book).content.decode()

    assert "已归档，不能从Excel导入修改" in page
    assert Target.all_objects.get(pk=catalogue["sales"].pk).value == Decimal("65")
    assert Target.objects.get(pk=catalogue["revenue"].pk).value == Decimal("1.46")
