"""An admin starts 2024 from 2023: by the command or in the admin, previewed first, created once, 2023 untouched."""

import re
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict

from targets.models import Figure, Period, Result, Section, Target, TargetRevision
from tests.factories import PASSWORD, make_target
from tests.targets.year_setup import build_2023

pytestmark = pytest.mark.django_db

URL = "/admin/targets/start-year/"


@pytest.fixture
def town():
    return build_2023()


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("start_year", *args, stdout=out)
    return out.getvalue()


def snapshot(year: int):
    """Everything of ``year`` as plain values, to prove it did not change."""
    return {
        "targets": [model_to_dict(t) for t in Target.objects.filter(year=year).order_by("pk")],
        "sections": [model_to_dict(s) for s in Section.objects.filter(year=year).order_by("pk")],
        "figures": [model_to_dict(f) for f in Figure.objects.filter(year=year).order_by("pk")],
        "results": [model_to_dict(r) for r in Result.objects.filter(year=year).order_by("pk")],
    }


def counts():
    return (Section.objects.count(), Target.objects.count(), Period.objects.count(), Result.objects.count())


def test_a_dry_run_lists_what_would_be_created_and_writes_nothing(town):
    before = counts()

    out = run("2024", "--dry-run")

    assert counts() == before
    assert "2024年（沿用2023年）将创建：章节 2 个，目标 4 项，填报期 12 个，基数 2 项" in out
    assert "一般公共预算收入" in out and "不沿用  正中桥危桥改造" in out
    assert "2023年1—9月累计（最近审核月）" in out
    assert "试运行" in out


def test_starting_2024_copies_sections_and_targets_and_keeps_each_indicator_with_its_owners(town):
    old = snapshot(2023)

    run("2024", "--from", "2023")

    sections = list(Section.objects.filter(year=2024).values_list("part", "number", "title"))
    assert sections == [("plan", 0, "主要预期目标"), ("plan", 1, "（一）壮大产业集群")]
    revenue = Target.objects.get(year=2024, indicator=town.revenue)
    assert (revenue.value, revenue.unit, revenue.firmness, revenue.headline) == (
        Decimal("1.46"),
        "亿元",
        "确保",
        True,
    )
    assert revenue.carried_from == Target.objects.get(year=2023, indicator=town.revenue)
    assert revenue.section.year == 2024 and revenue.quote == ""
    # The same indicator row: its office, partner office and 分管领导 stay with it.
    assert revenue.indicator.office == town.finance and revenue.indicator.leader == town.leader
    assert [o.name for o in revenue.indicator.partner_offices.all()] == ["招商服务中心"]
    assert not Target.objects.filter(year=2024, indicator=town.bridge).exists()
    assert TargetRevision.objects.filter(target=revenue, reason__contains="开始新年度").count() == 1
    periods = Period.objects.filter(year=2024).order_by("month")
    assert [(p.month, p.deadline.isoformat(), p.is_open) for p in periods][:2] == [
        (1, "2024-02-05", True),
        (2, "2024-03-05", True),
    ]
    assert periods.count() == 12
    now = snapshot(2023)
    assert (now["targets"], now["sections"], now["figures"]) == (
        old["targets"],
        old["sections"],
        old["figures"],
    )
    # 2023's results only gain the baselines read from its figures; the stated ones stay as they were.
    assert now["results"][: len(old["results"])] == old["results"]


def test_baselines_come_from_december_or_the_last_approved_month_and_a_stated_result_is_kept(town):
    stated = Result.objects.get(indicator=town.output, year=2023)
    stated_before = model_to_dict(stated)

    run("2024")

    revenue = Result.objects.get(indicator=town.revenue, year=2023)
    assert revenue.value == town.revenue_figures[12]
    assert (revenue.basis, revenue.through_month, revenue.label) == ("figures", 12, "2023年1—12月累计")
    sales = Result.objects.get(indicator=town.sales, year=2023)
    # November is entered but only January–September were approved; the sample December is ignored.
    assert sales.value == town.sales_figures[9]
    assert sales.label == "2023年1—9月累计（最近审核月）"
    assert not Result.objects.filter(indicator=town.share, year=2023).exists()
    stated.refresh_from_db()
    assert model_to_dict(stated) == stated_before
    assert Target.objects.get(year=2024, indicator=town.revenue).baseline() == revenue


def test_running_it_twice_creates_nothing_twice(town):
    run("2024")
    after_first = counts()

    with pytest.raises(CommandError) as refused:
        run("2024")

    assert refused.value.returncode == 2
    assert "2024年已开始，没有需要创建的内容" in str(refused.value)
    assert counts() == after_first


def test_a_year_that_already_has_targets_keeps_them_and_gets_only_what_is_missing(town):
    own = make_target(town.revenue, value="1.6", year=2024, quote="一般公共预算收入力争1.6亿元")
    before = model_to_dict(own)

    out = run("2024")

    assert "已有目标（不覆盖）  一般公共预算收入" in out
    assert list(Target.objects.filter(year=2024)) == [own]
    own.refresh_from_db()
    assert model_to_dict(own) == before
    assert Period.objects.filter(year=2024).count() == 12
    assert Result.objects.get(indicator=town.revenue, year=2023).through_month == 12


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["二〇二四"], "年度“二〇二四”不是年份，请填写四位数字，如 2024。"),
        (["20x4"], "年度“20x4”不是年份"),
        (["1899"], "年度须在 2000 至 2100 年之间。"),
        (["2024", "--from", "2019"], "2019年没有任何目标，无法据此开始2024年"),
        (["2024", "--from", "2024"], "来源年度（2024年）须早于新年度（2024年）。"),
        (["2024", "--from", "abc"], "来源年度“abc”不是年份"),
    ],
)
def test_bad_input_is_a_chinese_message_with_exit_status_2(town, args, message):
    before = counts()

    with pytest.raises(CommandError) as refused:
        run(*args)

    assert message in str(refused.value)
    assert refused.value.returncode == 2
    assert counts() == before


# --- the admin page ---


@pytest.fixture
def admin_client(client, town):
    client.login(username=town.admin.username, password=PASSWORD)
    return client


def test_the_admin_index_offers_to_start_a_new_year(admin_client):
    assert 'href="/admin/targets/start-year/"' in admin_client.get("/admin/").content.decode()


def test_the_admin_preview_lists_everything_and_writes_nothing(admin_client, town):
    before = counts()

    page = admin_client.get(URL, {"year": "2024", "from_year": "2023"}).content.decode()

    assert counts() == before
    assert "章节 2 个，目标 4 项，填报期 12 个，基数 2 项" in page
    assert "一般公共预算收入" in page and "招商服务中心" in page and "mayor" in page
    assert "2023年1—9月累计（最近审核月）" in page
    assert "确认开始2024年" in page


def test_confirming_the_preview_creates_the_year_once(admin_client, town):
    preview = admin_client.get(URL, {"year": "2024"})
    fingerprint = preview.context["plan"].fingerprint

    response = admin_client.post(URL, {"year": "2024", "from_year": "2023", "fingerprint": fingerprint})

    assert response.status_code == 302
    assert Target.objects.filter(year=2024).count() == 4
    assert TargetRevision.objects.filter(target__year=2024, changed_by=town.admin).count() == 4
    after = counts()
    again = admin_client.post(URL, {"year": "2024", "from_year": "2023", "fingerprint": fingerprint})
    assert counts() == after
    assert "预览之后数据已有变化" in again.content.decode()
    assert "没有需要创建的内容" in again.content.decode()


def test_a_confirmation_of_a_preview_that_changed_since_writes_nothing(admin_client, town):
    fingerprint = admin_client.get(URL, {"year": "2024"}).context["plan"].fingerprint
    Figure.objects.create(indicator=town.share, year=2023, month=12, value=Decimal("41"))
    before = counts()

    response = admin_client.post(URL, {"year": "2024", "from_year": "2023", "fingerprint": fingerprint})

    assert counts() == before
    assert "预览之后数据已有变化" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [({"year": "明年"}, "不是年份"), ({"year": "2024", "from_year": "2019"}, "2019年没有任何目标")],
)
def test_bad_input_in_the_admin_is_a_chinese_message(admin_client, query, message):
    response = admin_client.get(URL, query)
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize("who", ["leader", "staff"])
def test_only_an_admin_may_start_a_year(client, town, who):
    client.login(username=getattr(town, who).username, password=PASSWORD)
    before = counts()

    assert client.get(URL, {"year": "2024"}).status_code == 403
    assert client.post(URL, {"year": "2024", "from_year": "2023", "fingerprint": ""}).status_code == 403
    assert counts() == before


# --- year over year ---


def test_a_2024_target_page_shows_2023s_target_and_actual_and_names_its_years(admin_client, town):
    run("2024")
    target = Target.objects.get(year=2024, indicator=town.sales)

    page = admin_client.get(f"/targets/{target.pk}/").content.decode()

    assert "2023年基数" in page and "2022年" not in page
    assert "报告未给出" not in page
    september = town.sales_figures[9]
    assert f"{september.normalize():f}亿元" in page
    assert "2023年1—9月累计（最近审核月）" in page
    assert "沿用2023年目标，待2024年政府工作报告确定后修改。" in page
    yoy = page[page.index('class="table yoy-table"') : page.index("</table>", page.index("yoy-table"))]
    last_year_target = re.sub(r"<[^>]+>|\s", "", yoy.split("<td>")[1])
    assert last_year_target == "力争65亿元"
    # A 2024 amount target with no figures: 序时进度, never 目标增速.
    assert "目标增速" not in page


def test_the_dashboard_year_chooser_lists_every_year_with_targets(admin_client, town):
    run("2024")
    make_target(year=2026, value="3")

    page = admin_client.get("/", {"year": "2024"}).content.decode()

    chooser = page[page.index('<select name="year"') : page.index("</select>")]
    assert [y for y in ("2023", "2024", "2026") if f'value="{y}"' in chooser] == ["2023", "2024", "2026"]
    assert "一般公共预算收入" in page


def test_the_api_gives_any_year_with_its_baselines(admin_client, town):
    run("2024")

    data = admin_client.get("/api/v1/targets", {"year": "2024"}).json()["targets"]

    assert {item["year"] for item in data} == {2024}
    revenue = next(item for item in data if item["indicator"] == "一般公共预算收入")
    assert revenue["baseline_basis"] == "figures"
    assert revenue["baseline_label"] == "2023年1—12月累计"
    assert Decimal(revenue["baseline_value"]) == town.revenue_figures[12]
    older = admin_client.get("/api/v1/targets", {"year": "2023"}).json()["targets"]
    assert len(older) == 5


def test_a_carried_target_given_its_new_quote_in_the_admin_is_no_longer_carried(admin_client, town):
    run("2024")
    target = Target.objects.get(year=2024, indicator=town.revenue)
    data = {
        "indicator": target.indicator_id,
        "year": 2024,
        "section": target.section_id,
        "kind": target.kind,
        "headline": "on",
        "order": target.order,
        "firmness": "确保",
        "qualifier": "",
        "value": "1.6",
        "unit": "亿元",
        "deadline": "",
        "period": "",
        "quote": "一般公共预算收入确保1.6亿元",
        "reason": "2024年政府工作报告",
        "revisions-TOTAL_FORMS": "0",
        "revisions-INITIAL_FORMS": "0",
        "revisions-MIN_NUM_FORMS": "0",
        "revisions-MAX_NUM_FORMS": "1000",
    }

    response = admin_client.post(f"/admin/targets/target/{target.pk}/change/", data)

    assert response.status_code == 302
    target.refresh_from_db()
    assert not target.is_carried and target.value == Decimal("1.6")
    page = admin_client.get(f"/targets/{target.pk}/").content.decode()
    assert "——正余镇2024年政府工作报告" in page and "carried-note" not in page


def test_a_baseline_of_an_indicator_reported_month_by_month_is_the_sum_of_its_months(town):
    from targets.models import Indicator
    from tests.factories import make_indicator
    from tests.targets.year_setup import rising

    visitors = make_indicator("接待游客", unit="万人次", office=town.finance, measure=Indicator.Measure.MONTH)
    make_target(visitors, value="30", unit="万人次")
    months = rising("2.4", 12)
    for month, value in months.items():
        Figure.objects.create(indicator=visitors, year=2023, month=month, value=value)

    run("2024")

    assert Result.objects.get(indicator=visitors, year=2023).value == sum(months.values())


def test_the_command_exits_with_status_2_and_a_chinese_message(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "manage.py", "start_year", "20x4"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 2
    assert "年度“20x4”不是年份，请填写四位数字，如 2024。" in done.stderr


def test_an_archived_2024_target_or_2023_result_is_not_made_again(town):
    archived = make_target(town.sales, value="70", year=2024, quote="工业应税销售70亿元")
    Target.all_objects.filter(pk=archived.pk).update(archived=True)
    Result.all_objects.filter(indicator=town.output, year=2023).update(archived=True)

    out = run("2024")

    assert "已归档（不重建）  工业应税销售" in out
    assert Target.all_objects.filter(year=2024, indicator=town.sales).count() == 1
    assert Target.objects.filter(year=2024).count() == 3
    assert Result.all_objects.filter(indicator=town.output, year=2023).count() == 1
    assert "无基数  地区生产总值：2023年的实绩已归档，不再重建" in out
