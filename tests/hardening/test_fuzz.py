"""Property-based: hostile input to the monthly form, the write API and the Excel reader never gives a 500 and
never stores anything invalid (a NUL, an unpaired surrogate, a half-saved month)."""

import io
import json
import zipfile

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from targets.entry import excel
from targets.models import ApiToken, Figure, FigureChange
from targets.text import text_problem
from tests.targets.entry_setup import build_town

pytestmark = pytest.mark.django_db
FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text a person or a system might send, weighted towards what broke things: NUL, control characters, full-width
# digits, units, huge numbers, long strings.
HOSTILE = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["\x00", "0.8\x00", "１２３", "8000万", "55%", "1e309", "NaN", "-0", "9" * 30, "4,000", "亿"]
    ),
    st.text(alphabet=st.sampled_from("\x00\x01\ufffe0123456789.,亿万%-e "), max_size=25),
    st.builds(lambda n: "长" * n, st.integers(0, 2500)),
)
FORM_TEXT = HOSTILE.filter(lambda text: all(not 0xD800 <= ord(char) <= 0xDFFF for char in text))
# JSON can carry what a form cannot: unpaired surrogates.
JSON_TEXT = st.one_of(HOSTILE, st.sampled_from(["\ud800", "a\udfffb", "\udbff\udbff"]))


@pytest.fixture
def town():
    return build_town()


def assert_nothing_invalid_stored():
    for figure in Figure.objects.all():
        for text in (figure.note, figure.reason, figure.measures):
            assert text_problem(text) is None
    for change in FigureChange.objects.all():
        assert text_problem(change.new_note or "") is None


@FUZZ
@given(value=FORM_TEXT, note=FORM_TEXT, reason=FORM_TEXT, measures=FORM_TEXT, confirm=st.booleans())
def test_the_monthly_form_never_fails_on_hostile_text(town, value, note, reason, measures, confirm):
    client = Client(raise_request_exception=False)
    client.force_login(town.staff)
    pk = town.revenue.pk
    data = {
        "version": "0",
        "action": "save",
        f"value_{pk}": value,
        f"note_{pk}": note,
        f"reason_{pk}": reason,
        f"measures_{pk}": measures,
    }
    if confirm:
        data[f"confirm_{pk}"] = "on"
    response = client.post(f"/targets/entry/{town.office.pk}/2023/6/", data)
    assert response.status_code in (200, 302, 400, 409), response.status_code
    assert_nothing_invalid_stored()


JSON_VALUE = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), JSON_TEXT
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(JSON_TEXT, children, max_size=4)
    ),
    max_leaves=12,
)
FIGURE = st.fixed_dictionaries(
    {"indicator": st.one_of(st.sampled_from(["revenue", "households", "share", "farmland"]), JSON_TEXT)},
    optional={
        "value": st.one_of(JSON_TEXT, st.integers(), st.floats(allow_nan=False)),
        "note": JSON_VALUE,
        "reason": JSON_TEXT,
        "measures": JSON_TEXT,
        "confirm": JSON_VALUE,
    },
)
BODY = st.one_of(
    st.fixed_dictionaries(
        {"year": st.one_of(st.just(2023), st.integers()), "month": st.one_of(st.just(6), st.integers())},
        optional={"figures": st.lists(FIGURE, max_size=4), "version": JSON_VALUE, "office": JSON_VALUE},
    ).map(json.dumps),
    JSON_VALUE.map(json.dumps),
    st.binary(max_size=200).map(lambda raw: raw.decode("latin-1")),
)


@FUZZ
@given(body=BODY)
def test_the_api_answers_hostile_bodies_in_json_without_a_500(town, body):
    token = ApiToken.issue(town.staff, "模糊测试")[1]
    response = Client(raise_request_exception=False).post(
        "/api/v1/figures",
        data=body.encode("utf-8", "surrogatepass"),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code < 500, response.content
    assert response["Content-Type"].startswith("application/json")
    assert isinstance(response.json(), dict)
    assert_nothing_invalid_stored()


def xml_safe(text: str) -> str:
    return "".join(
        char
        for char in text
        if char in "\t\n\r"
        or 0x20 <= ord(char) <= 0xD7FF
        or 0xE000 <= ord(char) <= 0xFFFD
        or ord(char) > 0xFFFF
    )


def a_month_sheet(cells) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "填报"
    sheet.append(["正余镇月度填报"])
    sheet.append(["单位", "经济发展局", "年度", 2023, "月份", 6, "版本", 0])
    sheet.append(["说明"])
    sheet.append(["代码", "本月数值", "备注", "原因", "下步措施", "确认"])
    for row in cells:
        # openpyxl writes only what XML allows; the damaged files below carry the rest into the XML
        sheet.append([xml_safe(cell) if isinstance(cell, str) else cell for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


CELL = st.one_of(st.none(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), HOSTILE)


def damaged(data: bytes, flips) -> bytes:
    mutable = bytearray(data)
    for position, byte in flips:
        mutable[position % len(mutable)] = byte
    return bytes(mutable)


def xml_damaged(data: bytes, junk: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.endswith("sheet1.xml"):
                content = content.replace(b"<v>", b"<v>" + junk.encode("utf-8", "surrogatepass"), 1)
            target.writestr(info.filename, content)
    return out.getvalue()


@FUZZ
@given(
    rows=st.lists(st.lists(CELL, max_size=6), max_size=8),
    flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=6),
    junk=st.one_of(st.just(""), st.sampled_from(["\x01", "\x00", "&", "<", "\ud800", "]]>"])),
    raw=st.binary(max_size=300),
)
def test_the_excel_reader_reads_or_refuses_in_chinese_never_crashes(rows, flips, junk, raw):
    good = a_month_sheet(rows)
    for data in (good, damaged(good, flips), xml_damaged(good, junk), raw, b"PK\x03\x04" + raw):
        try:
            upload = excel.read_upload(data)
        except excel.ExcelError as error:
            assert str(error)  # a message for the person, in Chinese
            continue
        for line in upload.lines:
            for key in ("code", "value", "note", "reason", "measures"):
                text = line.get(key) or ""
                assert text_problem(text) is None and len(text) <= excel.MAX_CELL


def test_an_oversized_workbook_is_refused_like_any_other_bad_file():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for number in range(3):
            bomb.writestr(f"xl/worksheets/sheet{number}.xml", b"0" * (excel.MAX_UNPACKED // 2))
    with pytest.raises(excel.ExcelError, match="解压后超过"):
        excel.read_upload(out.getvalue())
