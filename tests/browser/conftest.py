"""Browser fixtures: Debian's Chromium through sync Playwright, one fresh tablet context per test.

Every test gets a 10-inch tablet (touch, zh-CN). A JavaScript error on the page (an uncaught
exception or a console error) fails the test. Screens are saved under
``test-artifacts/screenshots/<test>/`` for a human to look at.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.browser.kiosk_pages import Kiosk, Screenshots

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]
LANDSCAPE = {"width": 1280, "height": 800}
PORTRAIT = {"width": 800, "height": 1280}
#: What Chromium logs when a request fails because the tablet is offline.
NETWORK_FAILURE = re.compile(r"Failed to load resource|net::ERR_|Failed to fetch", re.IGNORECASE)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
TIMEOUT_MS = 5_000


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "tablet(viewport=None, javascript=True, offline=False): the browser context for one test; "
                   "offline=True ignores console messages about failed requests")


@pytest.fixture(scope="session")
def playwright_browser():
    """One Chromium for the whole run (skipped when Debian's chromium is missing, unless required)."""
    if not CHROMIUM.exists():
        if os.environ.get("SURVEY_TEST_REQUIRE_BROWSER"):
            pytest.fail(f"SURVEY_TEST_REQUIRE_BROWSER is set but {CHROMIUM} does not exist", pytrace=False)
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def app_config(app_config):
    """Short reset and long idle times, so a test never waits on a timer it is not about."""
    return {**app_config, "KIOSK_RESET_SECONDS": 4, "KIOSK_IDLE_SECONDS": 300}


@pytest.fixture
def js_errors():
    """JavaScript errors seen on the test's page; checked after the test body (see pytest_runtest_call)."""
    return []


@pytest.fixture
def context(request, playwright_browser, js_errors):
    """A fresh tablet: 1280×800 landscape unless the test's ``tablet`` marker says otherwise."""
    options = _tablet_options(request)
    context = playwright_browser.new_context(
        viewport=options["viewport"], has_touch=True, is_mobile=False, locale="zh-CN", timezone_id="Asia/Shanghai",
        java_script_enabled=options["javascript"],
        service_workers="allow" if options["service_workers"] else "block")
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(request, context, js_errors):
    """The tablet's one page, with console and page errors collected into ``js_errors``."""
    offline = _tablet_options(request)["offline"]
    page = context.new_page()

    def on_console(message):
        if message.type == "error" and not (offline and NETWORK_FAILURE.search(message.text)):
            js_errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: js_errors.append(f"pageerror: {error}"))
    return page


@pytest.fixture
def screenshots(request):
    """Numbered screenshots for this test: ``test-artifacts/screenshots/<test>/NN-<phase>.png``."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-")
    folder = ARTIFACTS / name
    if folder.exists():
        for old in folder.glob("*.png"):
            old.unlink()
    return Screenshots(folder)


@pytest.fixture
def kiosk(page, live_server, screenshots, app):
    """The page object for the child's tablet on the live server."""
    return Kiosk(page, live_server, screenshots)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail a test that passed when its page had a JavaScript error (xfail still applies)."""
    result = yield
    errors = item.funcargs.get("js_errors") if hasattr(item, "funcargs") else None
    if errors:
        raise AssertionError("JavaScript errors on the page:\n  " + "\n  ".join(errors))
    return result


def _tablet_options(request) -> dict:
    marker = request.node.get_closest_marker("tablet")
    options = dict(marker.kwargs) if marker else {}
    return {"viewport": options.get("viewport") or LANDSCAPE, "javascript": options.get("javascript", True),
            "offline": options.get("offline", False), "service_workers": options.get("service_workers", False)}
