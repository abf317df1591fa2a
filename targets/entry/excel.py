"""An office's month as a prefilled .xlsx, and an uploaded one read back into ``Entry`` values.

The sheet ``填报`` has the month in its first rows (单位, 年度, 月份, 版本) and a header row starting with
``代码``; columns are found by their header, so a person may reorder or add columns. Only ``代码`` and
``本月数值`` are needed; ``备注``, ``原因``, ``下步措施`` and ``确认`` (是/否) are read when present.

An old file never reverts a newer value it did not change: each row carries, in the hidden column ``载入校验``,
the row as it was at download (value and texts, signed: ``targets.entry.loaded``), so the import writes only
what the person changed in the file and keeps what colleagues saved since in the rest; a row both changed is a
conflict, shown in the preview, where the person may overwrite it knowingly. A file without that column (or with
it altered) falls back on the month's version at download (``版本``): when the month changed since, every row
that differs from what is stored now is shown as a conflict, never written silently.

Numbers are written as numbers and read back exactly: a cell holds a binary float, whose shortest repr is the
decimal that was written (the database keeps at most 18 significant digits, and floats round-trip 15).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill

from targets.entry import loaded
from targets.entry.checks import Entry
from targets.entry.rows import Row
from targets.progress import display
from targets.text import text_problem

SHEET = "填报"
MAX_ROWS = 2000
# Limits stated to the person and checked before the rows are read: a month's sheet of 2,000 rows with every
# text at its 2,000-character limit unpacks to well under 40 MB.
MAX_UNPACKED = 40 * 1024 * 1024
MAX_MEMBERS = 200
MAX_CELL = 2000
HEADERS = [
    ("code", "代码"),
    ("name", "指标"),
    ("unit", "单位"),
    ("measure", "含义"),
    ("target", "目标"),
    ("baseline", "上年基数"),
    ("last_month", "上月"),
    ("last_year", "去年同月"),
    ("value", "本月数值"),
    ("note", "备注"),
    ("reason", "原因"),
    ("measures", "下步措施"),
    ("confirm", "确认"),
    ("loaded", "载入校验"),
]
YES = {"是", "确认", "y", "yes", "1", "true", "√", "✓"}


class ExcelError(ValueError):
    """The upload is not a month's sheet we can read; the message says why in Chinese."""


def _number(value: Decimal | None):
    """A stored decimal without trailing zeros or exponent (8000.0000 → 8000), written as a number cell."""
    return None if value is None else Decimal(f"{value.normalize():f}")


def _in_unit(value: Decimal | None, unit: str, row_unit: str):
    """A number cell when ``unit`` is the row's 单位; otherwise the text with its own unit (a growth target of 5%
    beside 亿元 would read as 5亿元)."""
    if value is None or unit == row_unit:
        return _number(value)
    return f"{value.normalize():f}{unit}"


def _target_cell(target, row_unit: str):
    """A number cell when the target is a plain value in the row's 单位; otherwise the target as the report
    writes it (5%以上 beside 亿元, 每季度1次, 300个以上), so no qualifier or period is lost."""
    if target.value is not None and target.unit == row_unit and not target.qualifier and not target.period:
        return _number(target.value)
    return display.target_text(target) if target.value is not None else None


def month_workbook(office, year: int, month: int, version: int, rows: list[Row]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append(
        [_("正余镇月度填报"), office.name, _("%(year)s年%(month)s月") % {"year": year, "month": month}]
    )
    sheet.append([_("单位"), office.name, _("年度"), year, _("月份"), month, _("版本"), version])
    sheet.append(
        [
            _(
                "说明：在“本月数值”列填写，可写 0.8亿、4000万、55% 等；欠序时须填原因和下步措施；累计调减须在“确认”列填“是”并在备注说明。"
            )
        ]
    )
    sheet.append([label for _key, label in HEADERS])
    for cell in sheet[4]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF1F5")
    for row in rows:
        figure = row.figure
        sheet.append(
            [
                row.indicator.code,
                row.indicator.name,
                row.indicator.unit,
                str(row.indicator.get_measure_display()),
                _target_cell(row.target, row.indicator.unit) if row.target else None,
                _in_unit(row.baseline.value, row.baseline.unit, row.indicator.unit) if row.baseline else None,
                _number(row.last_month),
                _number(row.same_month_last_year),
                _number(figure.value) if figure else None,
                figure.note if figure else "",
                figure.reason if figure else "",
                figure.measures if figure else "",
                "",
                loaded.sign(loaded.of_figure(figure), office.pk, year, month, row.indicator.pk),
            ]
        )
    for column, width in zip(
        "ABCDEFGHIJKLMN", [18, 28, 8, 10, 10, 10, 10, 10, 12, 24, 24, 24, 8, 12], strict=True
    ):
        sheet.column_dimensions[column].width = width
    sheet.column_dimensions["N"].hidden = True  # what each row was at download: not for typing
    fill = PatternFill("solid", fgColor="FFF8DC")
    for cells in sheet.iter_rows(min_row=5, min_col=9, max_col=13):
        for cell in cells:
            cell.fill = fill
            cell.alignment = Alignment(wrap_text=True)
    sheet.freeze_panes = "C5"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class Upload:
    """A read sheet: its month, its version, and per line either an entry or a problem."""

    office_name: str = ""
    year: int | None = None
    month: int | None = None
    version: int | None = None
    lines: list[dict] = field(default_factory=list)  # {"line", "code", "value", "note", "reason", ...}


def cell_text(value) -> str:
    """A cell as the text a person would have typed: numbers exactly, text as is."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{Decimal(repr(value)):f}" if value == value and abs(value) != float("inf") else repr(value)
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, datetime | date | time):
        return _("（日期）%(value)s") % {"value": value.isoformat()}
    return str(value).strip()


def _small(text: str) -> int | None:
    return int(text) if text.isdecimal() and len(text) <= 9 else None


def check_archive(data: bytes) -> None:
    """Refuse, before any XML is parsed, a file that is not a zip or unpacks to more than ``MAX_UNPACKED``.

    A .xlsx is a zip of XML files; 1 MB on the wire can unpack to 1 GB and keep a worker busy for many seconds.
    The sizes the zip declares bound what its members may decompress to (``zipfile`` stops there and checks
    the CRC), so summing them is enough.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as error:
        raise ExcelError(unreadable()) from error
    if len(members) > MAX_MEMBERS or sum(member.file_size for member in members) > MAX_UNPACKED:
        raise ExcelError(
            _("文件解压后超过 %(limit)s MB，不像一个月的填报表；请用本页下载的模板填写。")
            % {"limit": MAX_UNPACKED // (1024 * 1024)}
        )


def unreadable() -> str:
    return _("无法读取这个文件：请上传用本页“下载 Excel”得到的 .xlsx 文件。")


def _rows(data: bytes) -> list[tuple]:
    """The sheet's rows as cell values; any error of the parser (invalid XML, a bad sheet name…) is
    ``ExcelError``, and so is a cell longer than ``MAX_CELL`` or holding a character we cannot store."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (
        Exception
    ) as error:  # openpyxl and the XML parser raise many kinds; each means the same to a person
        raise ExcelError(unreadable()) from error
    try:
        if SHEET not in workbook.sheetnames:
            raise ExcelError(
                _("文件里没有名为“%(sheet)s”的工作表，请用本页下载的模板填写。") % {"sheet": SHEET}
            )
        values = []
        for number, row in enumerate(workbook[SHEET].iter_rows(values_only=True, max_row=MAX_ROWS + 10), 1):
            for value in row:
                if isinstance(value, str):
                    if len(value) > MAX_CELL:
                        raise ExcelError(
                            _("第 %(line)s 行有单元格超过 %(limit)s 字，请精简后再上传。")
                            % {"line": number, "limit": MAX_CELL}
                        )
                    problem = text_problem(value)
                    if problem:
                        raise ExcelError(
                            _("第 %(line)s 行：%(problem)s") % {"line": number, "problem": problem}
                        )
            values.append(tuple(row))
    except ExcelError:
        raise
    except Exception as error:
        raise ExcelError(unreadable()) from error
    finally:
        workbook.close()
    return values


def read_upload(data: bytes) -> Upload:
    check_archive(data)
    values = _rows(data)
    upload = Upload()
    header_at = None
    for index, row in enumerate(values[:10]):
        cells = [cell_text(value) for value in row]
        if cells and cells[0] == _("单位") and len(cells) >= 8:
            upload.office_name = cells[1]
            upload.year = _small(cells[3])
            upload.month = _small(cells[5])
            upload.version = _small(cells[7])
        if cells and cells[0] == "代码":
            header_at = index
            break
    if header_at is None:
        raise ExcelError(_("找不到以“代码”开头的表头行，请用本页下载的模板填写。"))
    header = [cell_text(value) for value in values[header_at]]
    columns = {key: header.index(label) for key, label in HEADERS if label in header}
    if "value" not in columns:
        raise ExcelError(_("表头里没有“本月数值”列。"))
    body = values[header_at + 1 :]
    if len(body) > MAX_ROWS:
        raise ExcelError(_("行数过多：一个月最多 %(limit)s 行。") % {"limit": MAX_ROWS})

    def get(row, key):
        """A cell's text; ``None`` when the sheet has no such column (the stored text is then kept)."""
        index = columns.get(key)
        if index is None:
            return None
        return cell_text(row[index]) if index < len(row) else ""

    for offset, row in enumerate(body):
        code = get(row, "code") or ""
        if not code and not any(cell_text(value) for value in row):
            continue
        upload.lines.append(
            {
                "line": header_at + offset + 2,
                "code": code,
                "value": get(row, "value"),
                "note": get(row, "note"),
                "reason": get(row, "reason"),
                "measures": get(row, "measures"),
                "confirm": (get(row, "confirm") or "").lower() in YES,
                "loaded": (get(row, "loaded") or "")[:40_000],
            }
        )
    return upload


def entries_from(
    lines: list[dict],
    indicators_by_code: dict,
    *,
    confirm_all: bool,
    scope: tuple[int, int, int],
    acknowledged: dict | None = None,
) -> tuple[list[Entry], dict]:
    """Entries for the lines naming an indicator of the office, and a problem per other line (by line number).

    ``scope`` is the (office id, year, month) the rows' ``载入校验`` must belong to; ``acknowledged`` gives, per
    indicator, what a person who saw the conflicts in the preview chose to overwrite (``Merge.acknowledged``).
    """
    acknowledged = acknowledged or {}
    entries, problems, seen = [], {}, set()
    for line in lines:
        indicator = indicators_by_code.get(line["code"])
        if not line["code"]:
            problems[line["line"]] = _("缺少指标代码。")
        elif indicator is None:
            problems[line["line"]] = _("代码“%(code)s”不是本单位的指标。") % {"code": line["code"][:60]}
        elif indicator.pk in seen:
            problems[line["line"]] = _("指标“%(code)s”重复出现。") % {"code": line["code"][:60]}
        else:
            seen.add(indicator.pk)
            entries.append(
                Entry(
                    indicator_id=indicator.pk,
                    text=line["value"],
                    note=line["note"],
                    reason=line["reason"],
                    measures=line["measures"],
                    confirm=confirm_all or line["confirm"],
                    loaded=acknowledged.get(indicator.pk)
                    or loaded.unsign(line.get("loaded"), *scope, indicator.pk),
                )
            )
    return entries, problems
