"""The reader on the town's own report, measured against the hand-checked fixtures (a regression floor), and the
``read_report`` command: its JSON, and its refusal of what it cannot read."""

import importlib.util
import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from targets.models import Indicator, Result, Target
from targets.reader import ReportFileError, report_text

REPORT_PATH = Path(__file__).parent.parent / "data" / "report.txt"
SCRIPT = Path(settings.BASE_DIR) / "scripts" / "measure_reader.py"


def measure(year=None):
    spec = importlib.util.spec_from_file_location("measure_reader", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.measure(REPORT_PATH.read_text(encoding="utf-8"), year)


@pytest.mark.parametrize("year", [None, 2024])
def test_the_reader_finds_the_reports_targets_and_results(year):
    figures = measure(year)
    assert figures["target_recall"] >= 0.95, figures["missed_targets"]
    assert figures["target_precision"] >= 0.90, figures["extra_targets"]
    assert figures["result_recall"] >= 0.95, figures["missed_results"]
    assert figures["result_precision"] >= 0.90, figures["extra_results"]
    assert figures["review_results_as_targets"] == 0


def run(*args):
    out = io.StringIO()
    call_command("read_report", *args, stdout=out)
    return out.getvalue()


TARGET_KEYS = {
    "name",
    "indicator",
    "kind",
    "value",
    "unit",
    "firmness",
    "qualifier",
    "deadline",
    "period",
    "quote",
}


@pytest.mark.django_db
def test_the_command_prints_the_proposals_as_json_and_writes_nothing():
    data = json.loads(run(str(REPORT_PATH), "--year", "2024", "--json"))
    assert set(data) == {"plan_year", "review_year", "targets", "results"}
    assert (data["plan_year"], data["review_year"]) == (2024, 2023)
    assert all(set(target) == TARGET_KEYS for target in data["targets"])
    assert all(set(result) == {"name", "value", "unit", "qualifier", "quote"} for result in data["results"])
    text = REPORT_PATH.read_text(encoding="utf-8")
    assert all(item["quote"] in text for item in data["targets"] + data["results"])
    budget = next(t for t in data["targets"] if t["name"] == "一般公共预算收入")
    assert (budget["value"], budget["unit"], budget["firmness"], budget["kind"]) == (
        "1.46",
        "亿元",
        "确保",
        "amount",
    )
    hiring = next(t for t in data["targets"] if t["period"])
    assert (hiring["kind"], hiring["period"], hiring["value"]) == ("recurring", "quarter", "1")
    early = next(t for t in data["targets"] if t["deadline"])
    assert early["deadline"] == "2024-03-31"
    assert Target.objects.count() == Result.objects.count() == Indicator.objects.count() == 0


@pytest.mark.django_db
def test_the_command_names_an_existing_indicator():
    Indicator.objects.create(code="budget-revenue", name="一般公共预算收入", unit="亿元")
    data = json.loads(run(str(REPORT_PATH), "--json"))
    budget = next(t for t in data["targets"] if t["name"] == "一般公共预算收入")
    assert budget["indicator"] == "budget-revenue"


@pytest.mark.django_db
def test_the_command_reads_gb18030_text_and_docx(tmp_path):
    passage = "2025年工作安排\n确保新增规上企业8家，新建农村公路15公里。\n"
    gbk = tmp_path / "report.txt"
    gbk.write_bytes(passage.encode("gb18030"))
    document = Document()
    for line in passage.splitlines():
        document.add_paragraph(line)
    docx = tmp_path / "report.docx"
    document.save(docx)
    for path in (gbk, docx):
        data = json.loads(run(str(path), "--json"))
        assert [(t["value"], t["unit"]) for t in data["targets"]] == [("8", "家"), ("15", "公里")]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "空"),
        ("report.pdf", b"%PDF-1.4\n\x00\x01binary", "不支持"),
        ("report.txt", b"\x00\x01\x02\x03binary", "不是文本"),
        ("report.docx", b"PK\x03\x04 not really a zip", "无法打开"),
        ("words.txt", "2025年工作安排\n全面推进乡村振兴。\n".encode(), "没有"),
        ("noyear.txt", "今年要新增企业5家。\n".encode(), "年度"),
    ],
)
@pytest.mark.django_db
def test_the_command_refuses_bad_input_with_status_2(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message) as caught:
        run(str(path), "--json")
    assert caught.value.returncode == 2


@pytest.mark.django_db
def test_the_command_refuses_a_missing_or_huge_file(tmp_path):
    with pytest.raises(CommandError, match="找不到文件") as caught:
        run(str(tmp_path / "none.txt"))
    assert caught.value.returncode == 2
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as file:
        file.truncate(30 * 1024 * 1024)
    with pytest.raises(CommandError, match="MB"):
        run(str(huge))


def test_an_upload_larger_than_the_limit_is_refused_before_decoding():
    with pytest.raises(ReportFileError, match="20 MB"):
        report_text(b"1" * (20 * 1024 * 1024 + 1), "big.txt")
