"""How fast the dashboard, a target page and the API answer as stored figures grow (a measurement, not a test).

For each size (number of stored figures, 10³ to 10⁶ by default) the command:

1. fills a SEPARATE database, ``<name>_bench`` on the same PostgreSQL server, made and migrated the way Django's
   test runner makes a test database and dropped at the end (the working database is never touched; on a
   ``DATABASE_URL`` server the user needs the CREATEDB right);
2. generates the figures with PostgreSQL's COPY: many years (up to 20) × many indicators × 12 months, 40 of the
   indicators carrying a target in every year, so the pages show the same targets whatever the size and only
   the stored history grows;
3. requests each page (dashboard, a target page, the API, the monthly briefing, the wall chart) and a bare
   one-line view behind the same login and middleware ``--requests`` times in-process through
   ``django.test.Client``, logged in as a leader, interleaved (bare, dashboard, target, …, then again), timing
   the server's work (middleware, views, templates, SQL) and counting SQL queries per request.

It prints Markdown tables: generation time per size, then median and 95th-percentile time, the ratio of each
page's median to the bare view's (the floor every page pays: session, user, middleware) against its ceiling
(dashboard ≤ 3×, target page, briefing and wall chart ≤ 2×) and queries per request, and says whether any page's
number of queries grows with the number of stored figures (it must not). The four cached pages and the API
(``targets.pagecache``) are measured twice: as most requests find them (the body cached since the data last
changed) and, marked 未命中缓存 and held to no ceiling, as the first request after a change does (the cache emptied
before each such request). ``--browser`` also opens the dashboard
and a target page in headless Chromium and reports the bytes of a first load and when the first chart was drawn.
"""

import io
import math
import random
import statistics
import time
import warnings
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import include, path, reverse
from django.utils import timezone

from targets import pagecache, roles
from targets.models import Figure, Indicator, Section, Target

DEFAULT_SIZES = "1000,10000,100000,1000000"
TARGETS_PER_YEAR = 40
MAX_YEARS = 20
LAST_YEAR = 2023
AS_OF_MONTH = 6
COPY_CHUNK = 200_000
# (kind, measure, unit, value): the mix of a government work report's targets
KINDS = [
    (Target.Kind.AMOUNT, Indicator.Measure.YEAR_TO_DATE, "亿元", "12"),
    (Target.Kind.AMOUNT, Indicator.Measure.YEAR_TO_DATE, "万元", "3500"),
    (Target.Kind.GROWTH, Indicator.Measure.YEAR_TO_DATE, "亿元", "8"),
    (Target.Kind.SHARE, Indicator.Measure.LEVEL, "%", "40"),
    (Target.Kind.COUNT, Indicator.Measure.YEAR_TO_DATE, "个", "6"),
    (Target.Kind.DEADLINE, Indicator.Measure.YEAR_TO_DATE, "个", "2"),
    (Target.Kind.RECURRING, Indicator.Measure.MONTH, "次", "1"),
    (Target.Kind.MILESTONE, Indicator.Measure.YEAR_TO_DATE, "项", "1"),
]
COLUMNS = [
    "数据量（条）",
    "页面",
    "中位数（毫秒）",
    "P95（毫秒）",
    "与空白页之比",
    "上限",
    "达标",
    "SQL查询数",
    "状态码",
]
BARE = "空白页（仅登录）"
COLD = "（未命中缓存）"
# How many times the bare view's median each page may take (issue 10).
CEILINGS = {"看板 /": 3, "目标页": 2, "月度通报": 2, "挂图作战": 2}
API = "接口 /api/v1/targets"
# Built once per change of the data (targets.pagecache): measured both uncached and cached.
CACHED = {*CEILINGS, API}


def bare(request):
    """One line behind the same login and middleware as every page: the floor the ratios are measured against."""
    return HttpResponse("ok")


urlpatterns = [path("bench-bare/", bare, name="bench-bare"), path("", include("zhengyu.urls"))]
GENERATION_COLUMNS = ["数据量（条）", "指标数", "年数", "生成耗时（秒）"]


def shape(size: int) -> tuple[int, int]:
    """(indicators, years) holding about ``size`` figures: 40 indicators first, then more years, then more indicators."""
    years = max(1, min(MAX_YEARS, size // (TARGETS_PER_YEAR * 12)))
    indicators = max(1, math.ceil(size / (years * 12)))
    return indicators, years


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of ``values`` (95 → the value 95% of requests did not exceed)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(share / 100 * len(ordered)))
    return ordered[rank - 1]


def markdown(columns: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join(" --- " for _ in columns) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


class Command(BaseCommand):
    help = "性能测试：在单独的数据库中生成不同数量的月度数据，测量看板、目标页和接口的响应时间和SQL查询数"

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default=DEFAULT_SIZES, help=f"数据量，逗号分隔，默认 {DEFAULT_SIZES}")
        parser.add_argument("--requests", type=int, default=30, help="每个页面请求次数，默认 30")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--browser",
            action="store_true",
            help="另用无头 Chromium 测量看板首次加载的字节数和第一张图表绘出的时间（需要 /usr/bin/chromium）",
        )

    def handle(self, *args, sizes, requests, seed, browser=False, **options):
        try:
            chosen = sorted({int(size) for size in sizes.split(",") if size.strip()})
        except ValueError as error:
            raise CommandError("--sizes 须为逗号分隔的正整数，如 1000,10000。") from error
        if not chosen or chosen[0] < 1 or requests < 1:
            raise CommandError("--sizes 和 --requests 须为正整数。")
        rng = random.Random(seed)
        # whitenoise warns that STATIC_ROOT is missing before collectstatic; the pages are measured without it
        warnings.filterwarnings("ignore", "No directory at", UserWarning)
        old_name = connection.settings_dict["NAME"]
        bench_name = f"{old_name}_bench"
        connection.settings_dict.setdefault("TEST", {})
        previous_test_name = connection.settings_dict["TEST"].get("NAME")
        connection.settings_dict["TEST"]["NAME"] = bench_name
        self.stdout.write(f"在单独的数据库 {bench_name} 中测试（结束后删除）……")
        try:
            connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
            with override_settings(ROOT_URLCONF=__name__):
                generation, timings = self.run_sizes(chosen, requests, rng)
                first_load = self.browser_first_load() if browser else None
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            connection.settings_dict["TEST"]["NAME"] = previous_test_name
        self.stdout.write("\n" + markdown(GENERATION_COLUMNS, generation) + "\n")
        self.stdout.write("\n" + markdown(COLUMNS, timings) + "\n")
        self.stdout.write("\n" + self.query_growth(timings) + "\n")
        self.stdout.write(self.verdict(timings) + "\n")
        if first_load:
            self.stdout.write("\n" + first_load + "\n")

    def run_sizes(self, sizes, requests, rng):
        user = get_user_model().objects.create_user(username="bench-leader", password=None)
        user.groups.add(Group.objects.get(name=roles.LEADER))
        host = next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"), "localhost")
        client = Client(HTTP_HOST=host)
        client.force_login(user)
        generation, timings = [], []
        for size in sizes:
            started = time.perf_counter()
            indicators, years, stored = self.fill(size, rng)
            generation.append([stored, indicators, years, f"{time.perf_counter() - started:.1f}"])
            self.stdout.write(f"已生成 {stored} 条数据（{indicators} 个指标 × {years} 年 × 12 个月）。")
            # Each cached page twice, one right after the other: as the first request after a change of the data
            # finds it (the cache emptied first), then as the requests after that find it (its body cached).
            pages = [(BARE, reverse("bench-bare"))]
            for label, url in self.pages():
                pages += [(f"{label}{COLD}", url), (label, url)] if label in CACHED else [(label, url)]
            measured = self.measure_interleaved(client, pages, requests)
            floor = statistics.median(measured[BARE][0])
            for label, (times, queries, status) in measured.items():
                median = statistics.median(times)
                ratio = median / floor if floor else 0
                ceiling = CEILINGS.get(label)
                timings.append(
                    [
                        stored,
                        label,
                        f"{median:.1f}",
                        f"{percentile(times, 95):.1f}",
                        f"{ratio:.2f}×",
                        f"≤ {ceiling}×" if ceiling else "—",
                        ("是" if ratio <= ceiling else "否") if ceiling else "—",
                        queries,
                        status,
                    ]
                )
        return generation, timings

    @staticmethod
    def pages():
        as_of = f"{LAST_YEAR}-{AS_OF_MONTH:02d}"
        target = Target.objects.filter(year=LAST_YEAR, kind=Target.Kind.AMOUNT).order_by("pk").first()
        query = f"?year={LAST_YEAR}&as_of={as_of}"
        return [
            ("看板 /", reverse("home") + query),
            ("目标页", reverse("targets:detail", args=[target.pk]) + query),
            (API, reverse("api-targets") + query),
            ("月度通报", reverse("targets:briefing") + f"?year={LAST_YEAR}&month={AS_OF_MONTH}"),
            ("挂图作战", reverse("projects:gantt")),
        ]

    @staticmethod
    def measure_interleaved(client, pages, requests):
        """Per page: milliseconds per request, the query counts seen (one number when constant) and the status
        codes. The pages take turns, round after round, so a busy moment of the machine falls on all alike."""
        # secure: behind HTTPS=1 the settings redirect plain requests; the bench measures the page itself
        for _warm_up in range(2):
            for _label, url in pages:
                client.get(url, secure=True)
        found = {label: ([], set(), set()) for label, _url in pages}
        for _round in range(requests):
            for label, url in pages:
                times, counts, statuses = found[label]
                if label.endswith(COLD):
                    pagecache.clear()
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url, secure=True)
                    times.append((time.perf_counter() - started) * 1000)
                counts.add(len(captured))
                statuses.add(response.status_code)
        result = {}
        for label, (times, counts, statuses) in found.items():
            queries = "–".join(str(c) for c in sorted(counts)) if len(counts) > 1 else str(min(counts))
            result[label] = (times, queries, ",".join(str(s) for s in sorted(statuses)))
        return result

    @staticmethod
    def verdict(timings) -> str:
        """One line: which pages went over their ceiling at some size, or that none did."""
        over = [f"{row[1]}（{row[0]}条：{row[4]}）" for row in timings if row[6] == "否"]
        if not over:
            return "各页面服务器耗时均在上限之内（看板 ≤ 3×，目标页、月度通报、挂图作战 ≤ 2× 空白页）。"
        return "注意：以下页面超过上限：" + "、".join(over)

    @staticmethod
    def query_growth(timings) -> str:
        by_page: dict[str, list[str]] = {}
        for _size, label, _median, _p95, _ratio, _ceiling, _ok, queries, _status in timings:
            by_page.setdefault(label, []).append(queries)
        grown = [label for label, counts in by_page.items() if len(set(counts)) > 1]
        if not grown:
            return "各页面每次请求的SQL查询数不随数据量增长。"
        return "注意：以下页面的SQL查询数随数据量变化：" + "、".join(
            f"{label}（{' → '.join(by_page[label])}）" for label in grown
        )

    def fill(self, size: int, rng: random.Random) -> tuple[int, int, int]:
        """Empty the bench tables, then store about ``size`` figures; returns (indicators, years, figures)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE targets_figure, targets_target, targets_indicator, targets_section RESTART IDENTITY CASCADE"
            )
        indicator_count, years = shape(size)
        first_year = LAST_YEAR - years + 1
        indicators = Indicator.objects.bulk_create(
            [
                Indicator(
                    code=f"bench-{number}",
                    name=f"测试指标{number}",
                    unit=KINDS[number % len(KINDS)][2],
                    measure=KINDS[number % len(KINDS)][1],
                )
                for number in range(indicator_count)
            ],
            batch_size=5000,
        )
        sections = Section.objects.bulk_create(
            [
                Section(year=year, part=Section.Part.PLAN, number=number, title=f"（{number}）测试章节")
                for year in range(first_year, LAST_YEAR + 1)
                for number in range(6)
            ]
        )
        section_of = {(s.year, s.number): s for s in sections}
        targets = []
        for year in range(first_year, LAST_YEAR + 1):
            for number, indicator in enumerate(indicators[:TARGETS_PER_YEAR]):
                kind, _measure, unit, value = KINDS[number % len(KINDS)]
                targets.append(
                    Target(
                        indicator=indicator,
                        year=year,
                        section=section_of[(year, number % 6)],
                        kind=kind,
                        value=None if kind == Target.Kind.MILESTONE else value,
                        original_value=None if kind == Target.Kind.MILESTONE else value,
                        unit="%" if kind == Target.Kind.GROWTH else unit,
                        deadline=date(year, 3, 31) if kind == Target.Kind.DEADLINE else None,
                        period=Target.Period.QUARTER if kind == Target.Kind.RECURRING else "",
                        quote=f"测试目标{number}",
                        headline=number < 8,
                        order=number,
                    )
                )
        Target.objects.bulk_create(targets, batch_size=5000)
        self.ensure_projects()
        stored = self.copy_figures(indicators, first_year, rng)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE targets_figure, targets_target, targets_indicator")
        return indicator_count, years, stored

    @staticmethod
    def ensure_projects(count: int = 20):
        """A wall chart's worth of projects, three time nodes each, once (the bench measures its page too)."""
        from projects.models import Milestone, Project

        if Project.objects.exists():
            return
        projects = Project.objects.bulk_create(
            [
                Project(
                    name=f"测试项目{number}",
                    kind=Project.Kind.INVESTMENT,
                    category=Project.Category.INDUSTRIAL,
                    year=LAST_YEAR,
                    deadline=date(LAST_YEAR, 12, 31),
                )
                for number in range(count)
            ]
        )
        Milestone.objects.bulk_create(
            [
                Milestone(
                    project=project,
                    name=f"节点{step}",
                    planned_on=date(LAST_YEAR, 3 * step, 28),
                    actual_on=date(LAST_YEAR, 3 * step, 20) if step == 1 else None,
                )
                for project in projects
                for step in (1, 2, 3)
            ]
        )

    def browser_first_load(self) -> str:
        """A first visit in headless Chromium (phone size, empty cache) to the dashboard and a target page, served
        by a real threaded server on this database: bytes transferred until the page settles, first paint, and
        when the first chart was drawn (on the dashboard, whose charts are drawn when scrolled to, the reader
        scrolls straight to them; a target page's chart is drawn without scrolling)."""
        import os

        from django.contrib.staticfiles.handlers import StaticFilesHandler
        from django.test.testcases import LiveServerThread

        chromium = "/usr/bin/chromium"
        if not os.path.exists(chromium):
            return f"未找到 {chromium}，跳过浏览器测量。"
        if not settings.STATIC_ROOT or not os.path.isdir(settings.STATIC_ROOT):
            return "静态文件尚未收集（先运行 manage.py collectstatic），跳过浏览器测量。"

        class WhiteNoiseServes(
            StaticFilesHandler
        ):  # /static/ as production serves it: whitenoise, compressed
            def _should_handle(self, path):
                return False

        user = get_user_model().objects.get(username="bench-leader")
        client = Client()
        client.force_login(user)
        server = LiveServerThread("127.0.0.1", static_handler=WhiteNoiseServes, port=0)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        base = f"http://127.0.0.1:{server.port}"
        target = Target.objects.filter(year=LAST_YEAR, kind=Target.Kind.AMOUNT).order_by("pk").first()
        pages = [
            ("看板 /", f"{base}{reverse('home')}?year={LAST_YEAR}&month={AS_OF_MONTH}", True),
            # a target's chart is the page's main chart, drawn without waiting to be scrolled to
            ("目标页", f"{base}{reverse('targets:detail', args=[target.pk])}?month={AS_OF_MONTH}", False),
        ]
        rows = []
        try:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=chromium, headless=True, args=["--no-sandbox", "--disable-gpu"]
                )
                for label, url, scroll in pages:
                    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
                    context.add_cookies(
                        [
                            {
                                "name": settings.SESSION_COOKIE_NAME,
                                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                                "url": base,
                            }
                        ]
                    )
                    if scroll:  # the reader goes straight to the charts as soon as the page is there
                        context.add_init_script(
                            "document.addEventListener('DOMContentLoaded', function () {"
                            " var c = document.querySelector('[data-chart]'); if (c) { c.scrollIntoView(); } });"
                        )
                    page = context.new_page()
                    errors = []
                    page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
                    page.goto(url, wait_until="load")
                    try:
                        page.wait_for_function(
                            "() => performance.getEntriesByName('chart-drawn').length > 0", timeout=60_000
                        )
                    except Exception as error:  # report what the page said rather than a bare timeout
                        raise CommandError(f"{label}：图表未绘出 {errors}") from error
                    page.wait_for_load_state("networkidle")
                    numbers = page.evaluate(
                        """() => {
                          const nav = performance.getEntriesByType('navigation')[0];
                          const bytes = performance.getEntriesByType('resource')
                            .reduce((sum, entry) => sum + entry.transferSize, nav.transferSize);
                          const paint = performance.getEntriesByName('first-contentful-paint')[0];
                          return {bytes, paint: paint ? paint.startTime : null,
                                  chart: performance.getEntriesByName('chart-drawn')[0].startTime};
                        }"""
                    )
                    rows.append(
                        [
                            label,
                            f"{numbers['bytes'] / 1024:.0f} KB",
                            f"{numbers['paint']:.0f}" if numbers["paint"] is not None else "—",
                            f"{numbers['chart']:.0f}",
                        ]
                    )
                    context.close()
                browser.close()
        finally:
            server.terminate()
        columns = ["页面（390×844，首次访问）", "传输字节", "首次绘制（毫秒）", "第一张图表绘出（毫秒）"]
        return markdown(columns, rows)

    @staticmethod
    def copy_figures(indicators, first_year, rng) -> int:
        """COPY indicators × years × 12 figures into the table, in chunks; returns how many."""
        now = timezone.now().isoformat()
        columns = "indicator_id, year, month, value, note, reason, measures, is_sample, updated_at, version"
        sql = f"COPY {Figure._meta.db_table} ({columns}) FROM STDIN"
        stored = 0
        buffer, buffered = io.StringIO(), 0
        with connection.cursor() as cursor:
            for indicator in indicators:
                level = indicator.measure == Indicator.Measure.LEVEL
                for year in range(first_year, LAST_YEAR + 1):
                    total = 0.0
                    for month in range(1, 13):
                        if level:
                            value = 40 * rng.uniform(0.9, 1.1)
                        else:
                            total += rng.uniform(0.5, 1.5)
                            value = total
                        buffer.write(f"{indicator.pk}\t{year}\t{month}\t{value:.4f}\t\t\t\tt\t{now}\t1\n")
                    buffered += 12
                if buffered >= COPY_CHUNK:
                    buffer.seek(0)
                    cursor.copy_expert(sql, buffer)
                    stored += buffered
                    buffer, buffered = io.StringIO(), 0
            buffer.seek(0)
            cursor.copy_expert(sql, buffer)
            stored += buffered
        return stored
