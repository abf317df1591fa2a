"""``manage.py start_year 2024 [--from 2023] [--dry-run]``: start a new year from the year before (see ``targets.years``).

It prints what it creates (with ``--dry-run``, what it would create, writing nothing). Bad input — a year that is
not a number or out of range, a ``--from`` year without targets, a year where there is nothing left to create —
is a Chinese message and exit status 2; nothing is written.
"""

from django.core.management.base import BaseCommand, CommandError

from targets import years


class Command(BaseCommand):
    help = "开始新年度：沿用上一年度的章节、指标和目标，开放填报期，以上年实绩为基数"

    def add_arguments(self, parser):
        parser.add_argument("year", help="新年度，如 2024")
        parser.add_argument("--from", dest="from_year", help="沿用哪一年度（默认为上一年）")
        parser.add_argument("--dry-run", action="store_true", help="只列出将创建的内容，不写入")

    def handle(self, *args, year, from_year=None, dry_run=False, **options):
        try:
            year = years.parse_year(year, "年度")
            from_year = years.parse_year(from_year, "来源年度") if from_year is not None else None
            plan = years.plan_year(year, from_year)
            if plan.is_empty:
                self._print(plan)
                raise years.YearError(f"{year}年已开始，没有需要创建的内容，未做任何修改。")
            if not dry_run:
                plan = years.start_year(year, from_year)
        except years.YearError as error:
            raise CommandError(str(error), returncode=2) from error
        self._print(plan, dry_run=dry_run)

    def _print(self, plan, dry_run=False):
        out = self.stdout.write
        heading = "将创建" if dry_run else "已创建"
        out(f"{plan.year}年（沿用{plan.from_year}年）{heading}：{plan.summary()}")
        for section in plan.sections:
            out(f"  章节  {section.title}")
        for target in plan.targets:
            office = target.indicator.office or "未指定牵头单位"
            out(f"  目标  {target.indicator.name}  {years._value_text(target) or '—'}  {office}")
        for old in plan.archived:
            out(f"  已归档（不重建）  {old.indicator.name}")
        for old in plan.not_carried:
            out(f"  不沿用  {old.indicator.name}（里程碑/定性目标为一次性任务）")
        if plan.periods:
            months = "、".join(f"{p.month}月" for p in plan.periods)
            out(f"  填报期  {months}（默认截止日，如1月截止于{plan.periods[0].deadline}）")
        for baseline in plan.new_baselines:
            result = baseline.result
            out(
                f"  基数  {baseline.indicator.name}  {result.value.normalize():f}{result.unit}  {result.label}"
            )
        for existing in plan.existing_targets:
            out(f"  已有目标（不覆盖）  {existing.indicator.name}")
        for baseline in plan.existing_baselines:
            out(f"  已有基数（不覆盖）  {baseline.indicator.name}  {baseline.result.label}")
        for baseline in plan.missing_baselines:
            out(f"  无基数  {baseline.indicator.name}：{baseline.missing_reason}")
        if plan.existing_periods:
            out(f"  已有填报期（不覆盖） {len(plan.existing_periods)} 个")
        if dry_run:
            out("（试运行：未写入任何内容）")
