"""Generate plausible projects and public works for one year, for demonstrations only.

Every project it creates is ``is_sample=True`` and named 【示例】…; every screen that shows one labels it 示例数据,
and the counters of ``projects.counting`` never count it, so no target's actual moves. A real project
(``is_sample=False``) is never read for writing, changed or deleted.

What it makes (``--seed`` makes it repeatable), as of a day (``--as-of``; by default 31 December for a past year,
today for the current one):

- investment projects of every category (内资, 外资 in 万美元, 科创, 产业 in 亿元, 农业农村 in 万元) and public
  works (民生实事, 道路桥梁, 公共服务, in 万元), each with an office among the existing ones;
- their stages through the year, in order, never after the as-of day;
- time nodes planned backwards from a deadline in the year; in turn a project keeps to plan (nodes done on or
  before their date), is done late (one node done after its date), or slips (the last due nodes not done);
- a few weekly log entries (每周调度) before the as-of day, with problems and co-ordination where it slipped;
- one change record per project saying it was generated.

A second run for the same year replaces that year's sample projects with freshly generated ones (the same ones
with the same seed and as-of day), so running it twice never piles up duplicates. ``--clear`` deletes sample
projects (of ``--year`` if given, else all), with their stages, nodes, logs and records, and nothing else.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from projects.models import ChangeRecord, LogEntry, Milestone, Project, StageEvent
from targets.models import Office

PREFIX = "【示例】"
GENERATED = "示例数据生成（generate_sample_projects），仅供演示"
C = Project.Category

# (name, kind, category, unit, (low, high) investment in that unit)
CATALOGUE = [
    ("智能装备产业园项目", Project.Kind.INVESTMENT, C.INDUSTRIAL, Project.Unit.YI, (3, 12)),
    ("新能源电池材料项目", Project.Kind.INVESTMENT, C.INDUSTRIAL, Project.Unit.YI, (5, 20)),
    ("精密模具扩产项目", Project.Kind.INVESTMENT, C.DOMESTIC, Project.Unit.YI, (1, 6)),
    ("纺织印染技改项目", Project.Kind.INVESTMENT, C.DOMESTIC, Project.Unit.WAN, (3000, 9000)),
    ("外资汽车零部件项目", Project.Kind.INVESTMENT, C.FOREIGN, Project.Unit.WAN_USD, (1500, 6000)),
    ("外资医疗器械项目", Project.Kind.INVESTMENT, C.FOREIGN, Project.Unit.WAN_USD, (800, 4000)),
    ("工业互联网平台项目", Project.Kind.INVESTMENT, C.SCI_TECH, Project.Unit.WAN, (2000, 8000)),
    ("生物医药研发中心项目", Project.Kind.INVESTMENT, C.SCI_TECH, Project.Unit.YI, (1, 5)),
    ("高标准农田建设项目", Project.Kind.INVESTMENT, C.AGRICULTURE, Project.Unit.WAN, (1000, 5000)),
    ("稻米加工冷链项目", Project.Kind.INVESTMENT, C.AGRICULTURE, Project.Unit.WAN, (1200, 4000)),
    ("老旧小区改造工程", Project.Kind.PUBLIC_WORK, C.LIVELIHOOD, Project.Unit.WAN, (300, 1500)),
    ("村级公路提档升级工程", Project.Kind.PUBLIC_WORK, C.INFRASTRUCTURE, Project.Unit.WAN, (500, 3000)),
    ("镇卫生院改扩建工程", Project.Kind.PUBLIC_WORK, C.PUBLIC_SERVICE, Project.Unit.WAN, (800, 2500)),
    ("农村供水管网改造工程", Project.Kind.PUBLIC_WORK, C.LIVELIHOOD, Project.Unit.WAN, (200, 1200)),
]
NODES = {
    Project.Kind.INVESTMENT: ["完成土地摘牌", "取得施工许可", "主体结构封顶", "设备安装调试", "竣工投产"],
    Project.Kind.PUBLIC_WORK: ["完成方案设计", "完成招投标", "开工建设", "主体完工", "竣工验收"],
}
ON_PLAN, LATE, SLIPPED = "on_plan", "late", "slipped"
PROBLEMS = [
    "（示例）征地拆迁进度慢于计划，影响施工进场。",
    "（示例）施工许可手续尚在办理，审批材料需补正。",
    "（示例）设备供货延迟，安装调试顺延。",
]


def default_as_of(year: int, today: date) -> date:
    """31 December for a past year, today for the current one."""
    return date(year, 12, 31) if year < today.year else today


class Command(BaseCommand):
    help = "为某年度生成演示用的示例项目与实事（全部标记为示例数据，不计入任何目标）；--clear 只删除示例项目"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="年度，如 2023")
        parser.add_argument("--seed", type=int, default=2023, help="随机种子，相同种子生成相同数据")
        parser.add_argument(
            "--as-of", dest="as_of", type=date.fromisoformat, help="以哪一天为准（YYYY-MM-DD），默认见说明"
        )
        parser.add_argument("--count", type=int, default=12, help="生成几个项目（1–14），默认 12")
        parser.add_argument("--clear", action="store_true", help="删除示例项目（真实项目不受影响）")

    def handle(self, *args, year=None, seed=2023, as_of=None, count=12, clear=False, **options):
        if clear:
            deleted = self.clear(year)
            self.stdout.write(self.style.SUCCESS(f"已删除示例项目 {deleted} 个，真实项目未受影响。"))
            return
        if year is None:
            raise CommandError("请用 --year 指定年度，如 --year 2023。")
        today = timezone.localdate()
        if not 2000 <= year <= today.year:
            raise CommandError(f"年度须在 2000 至 {today.year} 之间：阶段和完成日期不能晚于今天。")
        as_of = as_of or default_as_of(year, today)
        if as_of.year != year or as_of > today:
            raise CommandError(f"--as-of 须是{year}年内、不晚于今天的日期。")
        if not 1 <= count <= len(CATALOGUE):
            raise CommandError(f"--count 须在 1 至 {len(CATALOGUE)} 之间。")
        replaced, created = self.generate(year, as_of, count, random.Random(seed))
        self.stdout.write(
            self.style.SUCCESS(
                f"已生成{year}年示例项目 {created} 个（截至 {as_of.isoformat()}），替换原有示例项目 {replaced} 个；"
                "真实项目未受影响。示例项目不计入任何目标，各页面均标注“示例数据”。"
            )
        )

    @staticmethod
    def clear(year: int | None) -> int:
        samples = Project.objects.filter(is_sample=True)
        if year:
            samples = samples.filter(year=year)
        deleted = samples.count()
        samples.delete()  # stages, nodes, log entries, comments and records go with them (CASCADE)
        return deleted

    @transaction.atomic
    def generate(self, year: int, as_of: date, count: int, rng: random.Random) -> tuple[int, int]:
        replaced = self.clear(year)
        offices = list(Office.objects.order_by("order", "name"))
        chosen = rng.sample(CATALOGUE, count)
        for index, (name, kind, category, unit, (low, high)) in enumerate(chosen):
            profile = (ON_PLAN, LATE, SLIPPED)[index % 3]
            project = Project(
                name=f"{PREFIX}{name}",
                kind=kind,
                category=category,
                office=rng.choice(offices) if offices else None,
                investment=self._amount(rng, unit, low, high),
                investment_unit=unit,
                year=year,
                deadline=date(year, rng.randint(9, 12), rng.choice([15, 28])),
                description=f"（示例数据，仅供演示）{name}，{year}年度推进。",
                is_sample=True,
            )
            project.full_clean()
            project.save()
            ChangeRecord.objects.create(project=project, action=ChangeRecord.Action.CREATE, summary=GENERATED)
            start = date(year, 1, 1) + timedelta(days=rng.randint(0, 100))
            last_done = self._milestones(project, start, as_of, profile, rng)
            self._stages(project, start, as_of, last_done, profile, rng)
            self._log(project, as_of, profile, rng)
        return replaced, count

    @staticmethod
    def _amount(rng, unit, low, high) -> Decimal:
        if unit == Project.Unit.YI:
            return Decimal(rng.randint(low * 10, high * 10)) / 10  # 亿元 to one decimal: 3.5亿元
        return Decimal(rng.randint(low // 100, high // 100) * 100)  # 万元, 万美元 in hundreds

    @staticmethod
    def _milestones(project, start, as_of, profile, rng) -> date | None:
        """Plan the nodes backwards from the deadline and record what happened by ``as_of``.

        Returns the day the last node was done, when every node was done by ``as_of``.
        """
        names = NODES[project.kind]
        span = (project.deadline - start).days
        step = max(span // len(names), 7)
        planned = [project.deadline - timedelta(days=step * back) for back in range(len(names) - 1, -1, -1)]
        due = [day for day in planned if day <= as_of]
        late_node = rng.randrange(len(due)) if due else None
        slipped_from = max(0, len(due) - rng.randint(1, 2))
        done_days = []
        for number, (name, planned_on) in enumerate(zip(names, planned, strict=True)):
            actual = None
            if planned_on <= as_of:
                if profile == SLIPPED and number >= slipped_from:
                    actual = None  # past its date and not done: 滞后
                elif profile == LATE and number == late_node:
                    actual = planned_on + timedelta(days=rng.randint(5, 40))
                    actual = actual if actual <= as_of else None
                else:
                    actual = planned_on - timedelta(days=rng.randint(0, 10))
            if actual is not None:
                done_days.append(actual)
            milestone = Milestone(
                project=project,
                name=name,
                planned_on=planned_on,
                actual_on=actual,
                note="（示例）" if actual is None else "",
            )
            milestone.full_clean()
            milestone.save()
        return max(done_days) if len(done_days) == len(names) else None

    @staticmethod
    def _stages(project, start, as_of, last_done, profile, rng) -> None:
        """Stages in order from ``start``, never after ``as_of``; the last (投产/验收) only once every node is done."""
        if project.kind == Project.Kind.INVESTMENT:
            # 在谈 … 竣工, then 投产; 达产 comes after the year for a new project.
            stages, final = Project.INVESTMENT_STAGES[:-2], Project.Stage.PRODUCING
        else:
            stages, final = Project.PUBLIC_WORK_STAGES[:-1], Project.Stage.ACCEPTED
        depth = rng.randint(2, len(stages)) if profile != SLIPPED else rng.randint(1, max(1, len(stages) - 2))
        day = start
        reached = []
        for stage in stages[:depth]:
            if day > as_of:
                break
            reached.append((stage, day))
            day += timedelta(days=rng.randint(15, 60))
        if last_done and reached:
            reached.append((final, max(last_done, reached[-1][1])))
        for stage, reached_on in reached:
            event = StageEvent(project=project, stage=stage, reached_on=reached_on)
            event.full_clean()
            event.save()

    @staticmethod
    def _log(project, as_of, profile, rng) -> None:
        """Two to four weekly entries on the Mondays before ``as_of``."""
        week = as_of - timedelta(days=as_of.weekday())
        office = project.office.name if project.office else ""
        for _number in range(rng.randint(2, 4)):
            entry = LogEntry(
                project=project,
                week_of=week,
                progress=f"（示例）本周{project.name.removeprefix(PREFIX)}按计划推进，现场施工有序。",
                problems=rng.choice(PROBLEMS) if profile == SLIPPED else "",
                coordination="（示例）需协调用地指标与施工许可办理。" if profile == SLIPPED else "",
                who_must_act=office if profile == SLIPPED else "",
            )
            entry.full_clean(exclude=["author"])  # written by the generator, not by a user
            entry.save()
            week -= timedelta(weeks=rng.randint(1, 2))
