"""Read a 政府工作报告 (.txt or .docx) and print the proposed targets and results; writes nothing.

    python manage.py read_report PATH --year 2024 --json

Existing indicators are read from the database (only read) so that each target names the one it matches.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from targets.reader import MAX_BYTES, IndicatorRef, ReaderError, ReportFileError, read, report_text


class Command(BaseCommand):
    help = "读取政府工作报告（.txt 或 .docx），列出拟导入的目标和上年实绩；不写入任何数据"

    def add_arguments(self, parser):
        parser.add_argument("path", help="报告文件（.txt 为 UTF-8 或 GB18030 编码，或 .docx）")
        parser.add_argument("--year", type=int, default=None, help="计划年度，如 2024；缺省时从报告中识别")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, path, year, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"找不到文件：{path}", returncode=2)
        if year is not None and not 1900 <= year <= 2200:
            raise CommandError(f"年度 {year} 不合理，请给出四位数的年份，如 2024。", returncode=2)
        if file.stat().st_size > MAX_BYTES:
            raise CommandError(
                f"文件超过 {MAX_BYTES // 1024 // 1024} MB，请只给出工作报告正文。", returncode=2
            )
        try:
            text = report_text(file.read_bytes(), file.name)
            reading = read(text, year, _indicators())
        except (ReportFileError, ReaderError) as error:
            raise CommandError(str(error), returncode=2) from error
        if not reading.targets and not reading.results:
            raise CommandError("报告中没有找到可读取的目标或实绩（没有带单位的数字）。", returncode=2)
        data = reading.as_json()
        if options["json"]:
            self.stdout.write(_json(data))
            return
        self.stdout.write(f"{data['plan_year']}年目标 {len(data['targets'])} 项：")
        for target in data["targets"]:
            figure = f"{target['qualifier']}{target['value'] or ''}{target['unit']}"
            self.stdout.write(
                f"  [{target['kind']}] {target['name']} {target['firmness']} {figure}  «{target['quote']}»"
            )
        self.stdout.write(f"{data['review_year']}年实绩 {len(data['results'])} 项：")
        for result in data["results"]:
            figure = f"{result['qualifier']}{result['value']}{result['unit']}"
            self.stdout.write(f"  {result['name']} {figure}  «{result['quote']}»")


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _indicators() -> list[IndicatorRef]:
    from targets.models import Indicator

    try:
        return [
            IndicatorRef(pk, code, name, unit)
            for pk, code, name, unit in Indicator.objects.values_list("pk", "code", "name", "unit")
        ]
    except DatabaseError:
        return []
