"""Settings come from the environment; production values pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest

from zhengyu.database import database_config

ROOT = Path(__file__).resolve().parents[2]
SERVICE_URL = os.environ.get("TEST_SERVICE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def run_manage(*args, env):
    env = {
        key: value for key, value in env.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }  # set for Playwright only
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_database_url_is_used_when_set(tmp_path):
    config = database_config("postgres://town:secret@db.example:6543/dashboard", tmp_path)
    assert (config["HOST"], config["PORT"], config["NAME"], config["USER"]) == (
        "db.example",
        6543,
        "dashboard",
        "town",
    )
    assert not (tmp_path / "pg").exists()  # no embedded server started


def test_production_settings_pass_the_deploy_check():
    env = {
        **os.environ,
        "DEBUG": "0",
        "HTTPS": "1",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "dashboard.zhengyu.example",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    }
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def service_reachable() -> bool:
    try:
        psycopg2.connect(SERVICE_URL, connect_timeout=3).close()
        return True
    except psycopg2.OperationalError:
        return False


def test_the_application_migrates_and_serves_through_database_url():
    """The path a real server takes: DATABASE_URL pointing at PostgreSQL 15 on 127.0.0.1:5432."""
    if not service_reachable():
        message = f"PostgreSQL service at {SERVICE_URL} is not reachable"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    name = f"zhengyu_dburl_{secrets.token_hex(4)}"
    admin = psycopg2.connect(SERVICE_URL)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        url = SERVICE_URL.rsplit("/", 1)[0] + "/" + name
        env = {**os.environ, "DATABASE_URL": url, "ALLOWED_HOSTS": "testserver"}
        for args in (("migrate", "--noinput"), ("load_report",)):
            result = run_manage(*args, env=env)
            assert result.returncode == 0, result.stdout + result.stderr
        script = (
            "from django.db import connection;"
            "from django.test import Client;"
            "status = Client().get('/accounts/login/').status_code;"
            "print('RESULT', connection.settings_dict['HOST'], status)"
        )
        result = run_manage("shell", "-c", script, env=env)
        assert result.returncode == 0, result.stderr
        line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT"))
        assert line.split()[1:] == ["127.0.0.1", "200"]
        with psycopg2.connect(url) as connection, connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM auth_group")
            assert cursor.fetchone()[0] == 3
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_the_embedded_server_is_a_real_postgresql(db):
    from django.db import connection

    assert connection.vendor == "postgresql"
    assert connection.pg_version >= 150000


def test_static_files_go_out_compressed_once_collected(client, leader_user):
    """The phone on a slow link gets plotly gzipped (≈395 KB, not 1.2 MB); make test collects static first."""
    from django.conf import settings

    if not (Path(settings.STATIC_ROOT) / "vendor/plotly/plotly-basic.min.js.gz").exists():
        message = "静态文件尚未收集（make test 会先运行 collectstatic）。"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    client.force_login(leader_user)

    response = client.get("/static/vendor/plotly/plotly-basic.min.js", HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert int(response["Content-Length"]) < 450_000


def test_static_files_have_hashed_names_a_long_cache_and_brotli(client, leader_user):
    """A phone keeps plotly for good instead of revalidating it every minute; brotli is smaller than gzip."""
    from django.conf import settings
    from django.templatetags.static import static

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        message = "静态文件尚未收集（make test 会先运行 collectstatic）。"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    client.force_login(leader_user)
    url = static("vendor/plotly/plotly-basic.min.js")
    assert url != "/static/vendor/plotly/plotly-basic.min.js", "the name carries a hash of the content"

    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")

    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert "max-age=315360000" in response["Cache-Control"] and "immutable" in response["Cache-Control"]
    assert int(response["Content-Length"]) < 400_000


def test_the_embedded_database_keeps_its_connections():
    from django.conf import settings

    if os.environ.get("DATABASE_URL"):
        pytest.skip("DATABASE_URL 已设置，测试的是外部数据库。")
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
