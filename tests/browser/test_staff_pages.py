"""Staff pages in a real browser: a researcher reads one question's results (table, chart, filters), and a
facilitator's school list follows the chosen street. axe-core finds no serious or critical violation."""

from __future__ import annotations

import pytest

from survey_app.auth.models import Role
from survey_app.sites.services import find_or_add_site
from tests.browser.test_accessibility import AxeAudit
from tests.fixtures.users import PASSWORD

pytestmark = pytest.mark.browser


def _sign_in(page, base: str, user) -> None:
    page.goto(f"{base}/auth/login")
    page.fill("input[name=email]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit], form input[type=submit]").first.click()
    page.wait_for_load_state()


def test_a_researcher_reads_a_question_by_band_with_a_chart(live_server, page, make_user, make_session,
                                                             kiosk_submit, shipped_version, screenshots):
    session = make_session()
    for i in range(48):
        kiosk_submit(session, "B", {"S01": ["yes", "yes", "no", "sometimes"][i % 4]})
    _sign_in(page, live_server, make_user(Role.RESEARCHER))
    page.goto(f"{live_server}/results/{shipped_version.id}")
    page.get_by_role("link", name="S01").first.click()
    page.wait_for_load_state()
    assert page.locator("figure.chart svg rect").count() >= 2  # bars for the shown shares
    assert page.locator("svg title").first.text_content().startswith("S01")
    screenshots(page, "item results zh")
    page.select_option("select[name=band]", "B")
    page.get_by_role("button", name="显示").click()
    page.wait_for_load_state()
    assert "band=B" in page.url
    audit = AxeAudit(page, live_server)
    audit("item results")
    screenshots(page, "item results band B")
    page.goto(f"{live_server}/results/{shipped_version.id}/items/S01?place=440305")
    assert page.locator(".empty-state").is_visible()
    audit("item results empty")
    page.goto(f"{live_server}/results/{shipped_version.id}/matrix")
    assert page.locator("table.matrix td.heat-none").count() >= 1
    audit("plan matrix")
    screenshots(page, "plan matrix")
    assert audit.blocking() == [], audit.report()


def test_the_school_list_follows_the_chosen_street(live_server, page, make_user, db, screenshots,
                                                 shipped_version):
    here = find_or_add_site("440304002", "school", "园岭小学")
    there = find_or_add_site("440304001", "school", "南园小学")
    db.session.commit()
    _sign_in(page, live_server, make_user(Role.FACILITATOR))
    page.goto(f"{live_server}/sessions/new")
    page.select_option("select[name=street]", "440304002")
    visible = page.locator("#site option:not([hidden])").all_inner_texts()
    assert "园岭小学" in visible and "南园小学" not in visible
    page.select_option("select[name=street]", "440304001")
    visible = page.locator("#site option:not([hidden])").all_inner_texts()
    assert "南园小学" in visible and "园岭小学" not in visible
    assert here.id != there.id
    audit = AxeAudit(page, live_server)
    audit("session form")
    screenshots(page, "session form sites")
    assert audit.blocking() == [], audit.report()
