"""Load the report's fixtures into an empty database, once.

Run by ``make run`` every time: it loads only when the report's sections are not there yet, so whatever admins
have edited since (target revisions, office assignments) is never overwritten by a second load.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from targets.models import Section

# report_count_rules: which count targets the project register counts, read from each target's own sentence
# (e.g. 超5亿元, 注册); see the README's 项目台账 section.
FIXTURES = [
    "report_sections",
    "report_offices",
    "report_2023",
    "report_2022",
    "report_projects",
    "report_count_rules",
]


class Command(BaseCommand):
    help = "首次运行时载入政府工作报告的目标、实绩和项目（已载入则跳过）"

    def handle(self, *args, **options):
        if Section.objects.exists():
            self.stdout.write("报告数据已载入，跳过。")
            return
        fixture_dir = Path(settings.BASE_DIR) / "fixtures"
        present = [name for name in FIXTURES if (fixture_dir / f"{name}.json").exists()]
        if not present:
            self.stdout.write("fixtures/ 中没有报告数据。")
            return
        call_command("loaddata", *present, verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"已载入报告数据：{', '.join(present)}"))
