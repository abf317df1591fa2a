"""The report's fixtures hold to the report: every quote verbatim, every value in its quote, counts by hand.

``tests/data/report.txt`` is a byte-for-byte copy of the report (``shared/seed/000_8216ce87ef44dc81.txt``);
the fixtures are written by ``scripts/build_report_fixtures.py`` and loaded by ``manage.py load_report``.
"""

import importlib.util
import json
import re
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from projects.models import Project, StageEvent
from targets.models import Indicator, Office, Result, Section, Target

REPORT_PATH = Path(__file__).parent / "report.txt"
SEED_PATH = Path(settings.BASE_DIR).parent / "shared" / "seed" / "000_8216ce87ef44dc81.txt"
REPORT = REPORT_PATH.read_text(encoding="utf-8")
FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures"
FIXTURE_NAMES = ["report_sections", "report_offices", "report_2023", "report_2022", "report_projects"]

# Hand counts, made by reading the report paragraph by paragraph and ticking each figure off (the list with
# every figure is in docs/report-data.md). 2023 targets, by section number:
#   0 主要预期目标: the paragraph "综合考虑各方面因素…" names 8 (GDP, 一般公共预算收入, 工业应税销售, 工业入库税金,
#     服务业应税销售, 全社会固定资产投资, 工业投资, 高技术产业占比).
#   (一) 6: 招商活动6场, 外资项目1个, 外资到账900万美元, 重特大项目3个, 科创类项目6个, 一季度超亿元产业项目2个.
#   (二) 12: 规上工业6家, 规上服务业8家, 规上贸易6家, 10亿元企业零的突破 (milestone), 南通科创项目6家,
#     高企净增4家, 科技服务业入规1家, 省级众创空间1家, 海外引才申报指标 (milestone), 创业人才项目2个,
#     东洲英才3个, 江海英才1个.
#   (三) 12: 机械化示范基地2个, 烘干机改造3个, 千万级以上项目4个, 三棚整治2500户, 三线整治 (milestone),
#     疏浚河道10条, 生态河道4公里, 生活污水450户, 农厕1560户, 示范村1个, 先进村2个, 村村破百万 (the share of
#     villages at 100万元 or more: 100%).
#   (四) 11: 王余公路白改黑, 正中桥, 运北桥, 镇区绿化, 红军小学展览馆 (5 milestones), 法治文化阵地2个,
#     每季度招聘活动1次, 公益性岗位20个, 见习岗位300个以上, 医保圈覆盖率超80%, 燃气配件约1500户.
#   (五) 1: 建成社会治理综合服务中心 (milestone).
TARGETS_PER_SECTION = {0: 8, 1: 6, 2: 12, 3: 12, 4: 11, 5: 1}
MILESTONES_PER_SECTION = {2: 2, 3: 1, 4: 5, 5: 1}
# 2022 results, by section of the review: every number with a unit in (一)…(六), one result per number
# ("省、市级文明村各1个" is two; "接待群众来访458起702人次" is two; "100%办结…工单3804件" is two).
#   (一) 20: 1.22亿元, 40.35亿元, 43亿元, 58.57亿元, 3亿元, 25.6亿元, 18个, 1个, 3家, 3场, 22条, 11个, 6个, 3个,
#     1个, 5个, 2个, 7家, 2万平方米, 4000多万元.
#   (二) 5: 3家, 7个, 47家, 2.58亿元, 5000平方米.
#   (三) 24: 示范村1个, 先进村2个, 3000亩, 300亩, 16个, 1870亩, 1395.28亩, 超141.8万元, 超2316万元, 100万元,
#     10家, 2千米, 17条, 1350户, 375座, 3183户, 35起, 1883平方米, 30家, 2家, 1240户, 3家, 9家, 13家.
#   (四) 9: 1.5万平方米, 书屋1个, 省级文明村1个, 市级文明村1个, 书香家庭1户, 文明家庭2户, 1000余场, 100余名,
#     超3100人.
#   (五) 11: 7个警格, 53个网格, 1700次, 7159次, 8363条, 100%, 3804件, 458起, 702人次, 25件, 6起.
#   (六) 1: 37件.
RESULTS_PER_SECTION = {1: 20, 2: 5, 3: 24, 4: 9, 5: 11, 6: 1}
# Named projects and public works, by (year, section where the report names them):
#   2022 (一) 御镐, RV减速机; (三) 3000亩农田, 300亩补建, 樱华, 绿晓, 新东河; (四) 4 roads, 2 markets,
#   暑期校舍维修, 王浩幼儿园, 安置房. 2023 (一) 博信科技, 阿为特, 上海玺农; (三) 500亩园区, 冷链物流,
#   新高河, 电商销售平台; (四) 王余公路, 正中桥, 运北桥, 镇区绿化, 红军小学展览馆, 校舍维修; (五) 社会治理中心.
PROJECTS_PER_YEAR = {2022: 16, 2023: 14}
# Stage events the report states: 御镐 达产 (三季度), and 完成/完工 of 2 farmland projects, 2 cold stores,
# 新东河 and 4 roads.
STAGE_EVENTS = 10

CHINESE_DIGITS = str.maketrans("〇零一二两三四五六七八九", "001223456789")


def normalise(quote: str) -> str:
    """The quote with single Chinese digits written as digits (两 → 2), for matching stored values."""
    return quote.translate(CHINESE_DIGITS)


def value_stands_in(value: Decimal, unit: str, quote: str) -> bool:
    """The value as the report writes it (1.46, 3000), maybe then 余/多, then its unit: "1.46亿元", "4000多万元"."""
    written = f"{value.normalize():f}"
    return re.search(re.escape(written) + "(余|多)?" + re.escape(unit), normalise(quote)) is not None


@pytest.fixture
def report(db):
    call_command("load_report", verbosity=0)


def load_generator():
    path = Path(settings.BASE_DIR) / "scripts" / "build_report_fixtures.py"
    spec = importlib.util.spec_from_file_location("build_report_fixtures", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_report_copy_is_the_seed_report():
    if not SEED_PATH.exists():
        pytest.skip(f"{SEED_PATH} is not on this machine")
    assert REPORT_PATH.read_bytes() == SEED_PATH.read_bytes()


def test_committed_fixtures_are_what_the_generator_writes():
    built = load_generator().build()
    for name in FIXTURE_NAMES:
        on_disk = json.loads((FIXTURE_DIR / f"{name}.json").read_text(encoding="utf-8"))
        assert on_disk == built[name], f"fixtures/{name}.json is stale: run scripts/build_report_fixtures.py"


def test_fixtures_hold_amounts_as_strings_never_floats():
    def no_floats(text):
        raise AssertionError(f"float {text} in a fixture")

    for name in FIXTURE_NAMES:
        records = json.loads(
            (FIXTURE_DIR / f"{name}.json").read_text(encoding="utf-8"), parse_float=no_floats
        )
        assert records


def test_every_quote_stands_verbatim_in_the_report(report):
    quotes = [
        *Target.objects.values_list("quote", flat=True),
        *Result.objects.values_list("quote", flat=True),
        *Project.objects.values_list("quote", flat=True),
    ]
    assert len(quotes) == 50 + 70 + 30
    missing = [quote for quote in quotes if not quote or quote not in REPORT]
    assert missing == []


def test_section_titles_are_the_report_headings(report):
    for section in Section.objects.exclude(number=0):
        assert f"({'一二三四五六'[section.number - 1]}){section.title}" in REPORT
    assert list(Section.objects.filter(year=2023).values_list("number", flat=True)) == [0, 1, 2, 3, 4, 5]
    assert list(Section.objects.filter(year=2022).values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert Section.objects.get(year=2023, number=0).title == "主要预期目标"


def test_every_stored_value_appears_in_its_quote(report):
    # 村村破百万 is the one value the wording implies without writing it: every village, 100% of them.
    implied = Target.objects.filter(indicator__code="village-income-million")
    wrong = [
        f"{row.value}{row.unit}: {row.quote}"
        for row in [*Target.objects.exclude(value=None).difference(implied), *Result.objects.all()]
        if not value_stands_in(row.value, row.unit, row.quote)
    ]
    assert wrong == []
    assert [(t.value, t.unit, t.quote) for t in implied] == [
        (Decimal(100), "%", "保持村村破百万的势头稳步前进")
    ]


def test_firmness_words_and_qualifiers_stand_in_their_quotes(report):
    for target in Target.objects.all():
        assert target.firmness in target.quote, target.quote
        assert target.qualifier in target.quote, target.quote
    for result in Result.objects.all():
        assert result.qualifier in result.quote, result.quote


def test_only_milestones_have_no_value(report):
    assert set(Target.objects.filter(value=None).values_list("kind", flat=True)) == {Target.Kind.MILESTONE}
    assert not Target.objects.filter(kind=Target.Kind.MILESTONE).exclude(value=None).exists()


def test_no_two_targets_share_an_indicator_and_year(report):
    pairs = Counter(Target.objects.values_list("indicator_id", "year"))
    assert [pair for pair, count in pairs.items() if count > 1] == []
    # one indicator per target, plus the whole a share is measured against (行政村总数 for 村村破百万)
    assert set(Indicator.objects.filter(targets=None).values_list("code", flat=True)) == {"villages"}
    assert Indicator.objects.get(code="village-income-million").denominator.code == "villages"


def test_targets_per_section_match_the_hand_count(report):
    counted = Counter(Target.objects.filter(year=2023).values_list("section__number", flat=True))
    assert dict(counted) == TARGETS_PER_SECTION
    milestones = Counter(
        Target.objects.filter(kind=Target.Kind.MILESTONE).values_list("section__number", flat=True)
    )
    assert dict(milestones) == MILESTONES_PER_SECTION


def test_results_per_section_match_the_hand_count(report):
    counted = Counter(Result.objects.filter(year=2022).values_list("section__number", flat=True))
    assert dict(counted) == RESULTS_PER_SECTION


def test_projects_match_the_hand_count_and_none_is_sample(report):
    assert dict(Counter(Project.objects.values_list("year", flat=True))) == PROJECTS_PER_YEAR
    assert StageEvent.objects.count() == STAGE_EVENTS
    assert not Project.objects.filter(is_sample=True).exists()


def test_headline_targets_are_the_main_paragraph_in_report_order(report):
    headline = Target.objects.filter(headline=True)
    assert set(headline.values_list("section__number", flat=True)) == {0}
    assert [target.indicator.name for target in headline] == [
        "地区生产总值",
        "一般公共预算收入",
        "工业应税销售",
        "工业入库税金",
        "服务业应税销售",
        "全社会固定资产投资",
        "工业投资",
        "高技术产业占比",
    ]
    paragraph = REPORT[REPORT.index("综合考虑各方面因素") : REPORT.index("重点抓好以下五个方面工作")]
    assert all(target.quote in paragraph for target in headline)


def test_targets_follow_the_report_order(report):
    positions = [REPORT.index(target.quote) for target in Target.objects.all()]
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    ("code", "kind", "firmness", "qualifier", "value", "unit"),
    [
        ("gdp", "growth", "", "以上", "5", "%"),
        ("internship-posts", "count", "", "以上", "300", "个"),
        ("general-budget-revenue", "amount", "确保", "", "1.46", "亿元"),
        ("industrial-taxable-sales", "amount", "力争", "", "65", "亿元"),
        ("foreign-capital-paid-in", "amount", "", "", "900", "万美元"),
        ("q1-industrial-projects-100m", "deadline", "", "", "2", "个"),
        ("quarterly-job-fairs", "recurring", "", "", "1", "次"),
        ("medical-insurance-coverage", "share", "确保", "超", "80", "%"),
        ("gas-fittings", "count", "", "约", "1500", "户"),
        ("legal-culture-sites", "count", "", "", "2", "个"),
        ("billion-enterprise", "milestone", "力争", "", None, ""),
    ],
)
def test_targets_read_as_the_report_says(report, code, kind, firmness, qualifier, value, unit):
    target = Target.objects.get(indicator__code=code)
    assert (target.kind, target.firmness, target.qualifier, target.unit) == (kind, firmness, qualifier, unit)
    assert target.value == (None if value is None else Decimal(value))
    assert target.original_value == target.value


def test_deadlines_and_periods_are_where_the_report_gives_them(report):
    deadline = Target.objects.get(indicator__code="q1-industrial-projects-100m").deadline
    assert deadline == date(2023, 3, 31)
    assert all(
        date(2023, 1, 1) <= target.deadline <= date(2023, 12, 31)
        for target in Target.objects.exclude(deadline=None)
    )
    assert Target.objects.get(indicator__code="quarterly-job-fairs").period == Target.Period.QUARTER
    assert not Target.objects.exclude(kind=Target.Kind.RECURRING).exclude(period="").exists()


@pytest.mark.parametrize(
    ("code", "baseline"),
    [
        ("general-budget-revenue", "1.22亿元"),
        ("industrial-taxable-sales", "58.57亿元"),
        ("fixed-asset-investment", "25.6亿元"),
        ("sanpeng-renovation", "3183户"),
        ("river-dredging", "17条"),
        ("model-villages", "1个"),
        ("advanced-villages", "2个"),
        ("new-industrial-enterprises", "3家"),
        ("investment-promotion-events", "3场"),
        ("scitech-projects", "5个"),
        ("nantong-scitech-certified", "7个"),
        ("ecological-river", "2千米"),
        ("rural-sewage", "1240户"),
        ("major-projects-500m", "3个"),
    ],
)
def test_the_2022_figure_is_the_baseline_of_its_2023_target(report, code, baseline):
    result = Target.objects.get(indicator__code=code).baseline()
    assert f"{result.value.normalize():f}{result.unit}" == baseline


def test_targets_without_a_2022_figure_have_no_baseline(report):
    assert Target.objects.get(indicator__code="industrial-tax-revenue").baseline() is None
    assert Target.objects.get(indicator__code="village-income-million").baseline() is None
    assert Result.objects.exclude(indicator=None).count() == 14


def test_every_record_passes_model_validation(report):
    for model in (Office, Section, Indicator, Target, Result, Project, StageEvent):
        for record in model.objects.all():
            record.full_clean()


def test_growth_targets_measure_the_amount_and_promise_the_rate(report):
    for target in Target.objects.filter(kind=Target.Kind.GROWTH).exclude(indicator__code="gdp"):
        assert (target.unit, target.indicator.unit, target.indicator.measure) == ("%", "亿元", "ytd")
    # GDP has no 2022 amount in the report: it is measured as the 累计增速 the statistics office reports
    gdp = Target.objects.get(indicator__code="gdp")
    assert (gdp.unit, gdp.indicator.unit, gdp.indicator.measure) == ("%", "%", "level")


def test_annual_awards_and_assessments_are_judged_at_the_year_end(report):
    assessed = set(Target.objects.filter(assessed_in=12).values_list("indicator__code", flat=True))
    assert assessed == {
        "billion-enterprise",
        "nantong-scitech-certified",
        "high-tech-enterprises-net",
        "provincial-makerspaces",
        "startup-talent-projects",
        "dongzhou-talents",
        "jianghai-talents",
        "model-villages",
        "advanced-villages",
        "village-income-million",
    }


def test_works_the_report_only_promises_to_push_forward_are_linked_to_their_projects(report):
    linked = dict(Project.objects.exclude(target=None).values_list("name", "target__indicator__code"))
    assert linked == {
        "王余公路白改黑": "wangyu-road-resurfacing",
        "正中桥危桥改造": "zhengzhong-bridge",
        "运北桥路宽桥窄改造": "yunbei-bridge",
        "镇区绿化提升工程": "town-greening",
        "红军小学展览馆": "red-army-school-exhibition",
    }


def test_offices_include_the_one_the_first_staff_account_joins(report):
    from targets.management.commands.create_role_accounts import STAFF_OFFICE

    assert Office.objects.filter(name=STAFF_OFFICE).exists()
    assert Office.objects.count() == 9


def test_stage_events_are_the_ones_the_report_states(report):
    yugao = Project.objects.get(name="御镐项目")
    assert list(yugao.stage_events.values_list("stage", "reached_on")) == [
        ("full_production", date(2022, 9, 30))
    ]
    assert not StageEvent.objects.filter(project__year=2023).exists()
    assert all(event.stage in event.project.stages for event in StageEvent.objects.all())


def test_loading_the_report_twice_loads_nothing_and_keeps_edits(report):
    target = Target.objects.get(indicator__code="general-budget-revenue")
    target.value = Decimal("1.50")
    target.save()
    Indicator.objects.filter(code="gdp").update(office=None)
    counts = [model.objects.count() for model in (Section, Office, Indicator, Target, Result, Project)]

    call_command("load_report", verbosity=0)

    assert [
        model.objects.count() for model in (Section, Office, Indicator, Target, Result, Project)
    ] == counts
    target.refresh_from_db()
    assert (target.value, target.original_value) == (Decimal("1.50"), Decimal("1.46"))
    assert Indicator.objects.get(code="gdp").office is None


def test_leader_sees_every_2023_target_on_the_home_page(report, client, leader_user, password):
    client.login(username=leader_user.username, password=password)
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    missing = [
        target.indicator.name
        for target in Target.objects.filter(year=2023)
        if target.indicator.name not in page
    ]
    assert missing == []
    assert "1.46亿元" in page and "确保" in page


def test_records_added_after_loading_get_fresh_ids(report):
    office = Office.objects.create(name="新设科室")
    indicator = Indicator.objects.create(code="new-indicator", name="新指标", unit="个")
    project = Project.objects.create(name="新项目", kind="investment", category="industrial", year=2023)
    assert office.pk > 9 and indicator.pk > 50 and project.pk > 30
