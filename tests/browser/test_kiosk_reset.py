"""One tablet, many children: nothing of one child may be seen by the next (reset, Back, idle, autofill)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.stored import responses, wait_for_responses

pytestmark = pytest.mark.browser

#: A 10-year-old (band B) whose answers must not be visible to the next child.
BAND_B_ANSWERS = {"P01": "yes", "P08": ["court", "teen_room"], "S07": ["ebikes"], "O04": "希望学校门口有红绿灯。"}


def test_thanks_screen_resets_and_back_shows_nothing_of_the_last_child(app, kiosk, make_session, page):
    """After sending: a countdown, a fresh welcome screen, no history per question, no answers in storage."""
    app.config["KIOSK_RESET_SECONDS"] = 2
    session = make_session()
    kiosk.unlock(session)
    history = page.evaluate("history.length")
    kiosk.start(age=10)
    question_texts = {item.text["zh"] for item in kiosk.items("B")}

    def on_screen(kiosk, item):
        assert page.evaluate("history.length") == history, "answering must not add browser history entries"
        for field in page.locator("#app input:not([type=hidden]), #app textarea, #app select").all():
            expect(field).to_have_attribute("autocomplete", "off")

    kiosk.answer_all("B", BAND_B_ANSWERS, on_screen=on_screen, others="skip")
    kiosk.send()
    countdown = page.locator(".countdown")
    expect(countdown).to_have_text(re.compile(r"^[12] 秒后为下一位同学准备好$"))
    kiosk.wait_phase("welcome", timeout=5_000)
    kiosk.shot("welcome-after-reset")
    wait_for_responses(1)
    assert page.evaluate("history.length") == history, "the reset replaces the page instead of adding to history"
    assert kiosk.stored_on_tablet() == {}, "the outbox is empty once the server confirmed"

    page.go_back()
    page.wait_for_load_state()
    kiosk.shot("after-back")
    assert page.url.endswith(f"/k/{session.join_code}/") and kiosk.phase() == "welcome"
    text = kiosk.visible_text()
    assert not [q for q in question_texts if q in text], "a question of the last child is visible after Back"
    assert "希望学校门口有红绿灯" not in text
    expect(page.locator("[aria-pressed=true]")).to_have_count(0)
    assert kiosk.stored_on_tablet() == {}


def test_kiosk_forms_switch_autofill_off(kiosk, make_session, page):
    """The join code, the PIN and every survey field are never remembered by the browser."""
    session = make_session(bands=("C",))
    kiosk.open_join_page()
    expect(page.locator("form")).to_have_attribute("autocomplete", "off")
    expect(page.locator("#code")).to_have_attribute("autocomplete", "off")
    page.goto(f"{kiosk.base}/k/{session.join_code}/unlock")
    expect(page.locator("#pin")).to_have_attribute("autocomplete", "off")
    kiosk.unlock(session, shots=False)
    page.goto(f"{kiosk.base}/k/{session.join_code}/unlock")  # a locked tablet goes back to the survey
    assert page.url.endswith(f"/k/{session.join_code}/")
    kiosk.tap_button("开始")
    kiosk.tap_button("好的，我愿意参加")
    fields = 0
    while kiosk.phase() == "item":
        item = kiosk.current_item("C")
        for field in page.locator("#app input, #app textarea, #app select").all():
            expect(field).to_have_attribute("autocomplete", "off")
            fields += 1
        kiosk.answer_current_item("C", None if item.type == "note" else "skip", shots=False)
    assert fields >= 2, "band C has a text box and a place list"


def test_idle_tablet_asks_then_starts_again_without_storing(app, kiosk, make_session, page):
    """No touch for a while: "你还在吗？" with a countdown; one tap keeps going; letting it run out resets."""
    app.config["KIOSK_IDLE_SECONDS"] = 2
    session = make_session(bands=("A",))
    page.clock.install()
    kiosk.unlock(session, shots=False)
    kiosk.start(age=7)
    for code in ("PR1", "PR2", "P01"):
        assert kiosk.answer_current_item("A", "yes", shots=False) == code
    question = kiosk.heading()

    overlay = page.get_by_role("alertdialog")
    page.clock.run_for(2_500)
    expect(overlay).to_be_visible()
    expect(overlay).to_contain_text("你还在吗？")
    page.clock.run_for(3_000)
    expect(overlay).to_contain_text("27 秒后问卷会重新开始")
    kiosk.shot("idle-overlay")
    overlay.tap()
    expect(overlay).to_have_count(0)
    assert kiosk.phase() == "item" and kiosk.heading() == question, "one tap keeps the child where they were"
    kiosk.tap_button("上一题")
    expect(kiosk.choice("是这样")).to_have_attribute("aria-pressed", "true")

    page.clock.run_for(2_500)
    expect(overlay).to_be_visible()
    page.clock.run_for(31_000)
    kiosk.wait_phase("welcome")
    kiosk.shot("welcome-after-idle")
    expect(overlay).to_have_count(0)
    assert responses() == [] and kiosk.stored_on_tablet() == {}
