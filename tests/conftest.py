"""Shared test set-up: role users and a real Chromium for the browser tests."""

import os

import pytest
from django.conf import settings
from django.utils import translation

from targets import roles
from tests.factories import PASSWORD, make_office, make_user

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make there are still
# synchronous, so Django's guard against ORM use inside an event loop does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session", autouse=True)
def static_files_as_in_production():
    """The live server leaves /static/ to whitenoise, as production does: hashed names from STATIC_ROOT, with their
    gzip and brotli copies (pytest-django would serve the source folders, which hold no hashed names)."""
    from django.contrib.staticfiles import handlers

    class WhiteNoiseServes(handlers.StaticFilesHandler):
        def _should_handle(self, path):
            return False

    original = handlers.StaticFilesHandler
    handlers.StaticFilesHandler = WhiteNoiseServes
    yield
    handlers.StaticFilesHandler = original


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's language: a request with the English cookie leaves English active in the
    thread, and the tests that run after it (pytest-django runs the database tests first) must not read it."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test starts with no cached page: a test's data are rolled back, and with them the data's version, so a
    body cached in one test could otherwise be shown in the next (targets.pagecache)."""
    from targets import pagecache

    pagecache.clear()


@pytest.fixture
def office(db):
    return make_office("经济发展局")


@pytest.fixture
def staff_user(db, office):
    return make_user(roles.STAFF, office=office, username="staff1")


@pytest.fixture
def leader_user(db):
    return make_user(roles.LEADER, username="leader1")


@pytest.fixture
def admin_user(db):
    return make_user(roles.ADMIN, username="admin1")


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = (
            f"浏览器测试需要 {CHROMIUM}（Debian 的 chromium 软件包）；make test 会在有 root 权限时自动安装。"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 390, "height": 844}, is_mobile=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def log_in(live_server):
    """Log ``user`` in through the login form of the live server, as a person would."""

    def log_in(page, user, password=PASSWORD):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("用户名").fill(user.username)
        page.get_by_label("密码").fill(password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    return log_in
