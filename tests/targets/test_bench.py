"""manage.py bench, run at a tiny size: it reports every page with the right columns and cleans up after itself."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from targets.management.commands.bench import COLUMNS, GENERATION_COLUMNS, percentile, shape
from targets.models import Figure


@pytest.mark.django_db(transaction=True)
def test_a_tiny_bench_reports_time_and_queries_for_each_page_and_drops_its_database():
    name_before = connection.settings_dict["NAME"]
    out = StringIO()
    call_command("bench", "--sizes", "500", "--requests", "3", stdout=out)
    report = out.getvalue()
    assert "| " + " | ".join(GENERATION_COLUMNS) + " |" in report
    assert "| " + " | ".join(COLUMNS) + " |" in report
    rows = [line for line in report.splitlines() if line.startswith("| 504 |")]
    # the bare authenticated view first (the floor), then each page with its ratio to it; each cached page
    # first as the request after a change finds it, then as the next ones do (3 queries: session, user, version)
    assert [row.split(" | ")[1] for row in rows[1:]] == [
        "空白页（仅登录）",
        "看板 /（未命中缓存）",
        "看板 /",
        "目标页（未命中缓存）",
        "目标页",
        "接口 /api/v1/targets（未命中缓存）",
        "接口 /api/v1/targets",
        "月度通报（未命中缓存）",
        "月度通报",
        "挂图作战（未命中缓存）",
        "挂图作战",
    ]
    cached = [
        row.split(" | ")
        for row in rows[1:]
        if row.split(" | ")[1] in ("看板 /", "目标页", "接口 /api/v1/targets")
    ]
    assert [cells[7] for cells in cached] == ["3", "3", "3"]
    assert all(row.split(" | ")[4].endswith("×") for row in rows[1:])
    assert all(row.rstrip(" |").endswith("200") for row in rows[1:])
    assert "SQL查询数不随数据量增长" in report or "注意：" in report
    # back on the database it started from, which holds none of the generated figures
    assert connection.settings_dict["NAME"] == name_before
    assert not Figure.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [f"{name_before}_bench"])
        assert cursor.fetchone() is None


def test_sizes_are_spread_over_years_before_indicators():
    assert shape(1000) == (42, 2)
    assert shape(1_000_000) == (4167, 20)


def test_the_95th_percentile_is_the_nearest_rank():
    assert percentile(list(range(1, 101)), 95) == 95
    assert percentile([3.0], 95) == 3.0


def test_bad_sizes_are_a_clear_error():
    with pytest.raises(CommandError, match="逗号分隔"):
        call_command("bench", "--sizes", "many")
