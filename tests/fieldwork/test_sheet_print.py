"""The join sheet, printed by a real browser: exactly one A4 page, nothing running off its edge."""

from __future__ import annotations

import re

import pytest

from survey_app.auth.models import Role
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.fixtures.users import PASSWORD

pytestmark = pytest.mark.browser
LONGEST_TITLE = "深圳市福田区园岭小学四年级二班春季学期我与我的城市儿童问卷" * 4  # 120 characters
A4_PAGE = re.compile(rb"/Type\s*/Page(?!s)")


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def facilitator_page(chromium, live_server, make_user):
    user = make_user(Role.FACILITATOR)
    context = chromium.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server}/auth/login")
    page.fill("input[name=email]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    page.wait_for_load_state()
    yield page, user
    context.close()


@pytest.mark.parametrize("lang", ["", "?lang=zh", "?lang=en"])
@pytest.mark.parametrize("title", ["园岭小学 四年级", LONGEST_TITLE, "Class 4B " + "W" * 111])
def test_join_sheet_prints_on_one_a4_page(facilitator_page, live_server, make_session, lang, title):
    page, user = facilitator_page
    assert len(title) <= 120
    session = make_session(facilitator=user, title=title)
    page.goto(f"{live_server}/sessions/{session.id}/sheet{lang}")
    page.emulate_media(media="print")
    overflow = page.evaluate("() => { const a = document.querySelector('article.sheet');"
                             " return [a.scrollWidth - a.clientWidth, document.documentElement.scrollWidth"
                             " - document.documentElement.clientWidth]; }")
    assert overflow == [0, 0]
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert len(A4_PAGE.findall(pdf)) == 1
