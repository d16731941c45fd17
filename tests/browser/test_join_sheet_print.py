"""The facilitator's join sheet, printed by a real browser: exactly one A4 page, nothing running off its edge.

It lives with the browser tests for their one shared Chromium; the rest of its tests are in
tests/fieldwork/test_facilitator.py.
"""

from __future__ import annotations

import re

import pytest

from survey_app.auth.models import Role
from tests.fixtures.users import PASSWORD

pytestmark = pytest.mark.browser
LONGEST_TITLE = "深圳市福田区园岭小学四年级二班春季学期我与我的城市儿童问卷" * 4  # 120 characters
A4_PAGE = re.compile(rb"/Type\s*/Page(?!s)")


@pytest.fixture
def facilitator_page(page, live_server, make_user):
    """The shared Chromium's page, signed in as a facilitator through the login form."""
    user = make_user(Role.FACILITATOR)
    page.goto(f"{live_server}/auth/login")
    page.fill("input[name=email]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    page.wait_for_load_state()
    return page, user


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
