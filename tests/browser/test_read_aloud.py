"""Read aloud: with a Chinese and an English voice on the device, every question and answer can be heard.

Headless Chromium has no voices, so the browser's speech synthesis is replaced by a recorder before
the page loads; the app's own code (speech.js) decides what to say and in which language.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.kiosk_pages import small_targets

pytestmark = pytest.mark.browser

FAKE_VOICES = """
window.__spoken = [];
const voices = [{lang: 'zh-CN', name: 'Test zh'}, {lang: 'en-GB', name: 'Test en'}];
Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: {
  getVoices: () => voices, speak: (u) => window.__spoken.push([u.text, u.lang]), cancel() {},
  addEventListener() {}, onvoiceschanged: null}});
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
"""


def test_listen_buttons_read_the_question_and_each_answer_aloud(kiosk, make_session, page):
    page.add_init_script(FAKE_VOICES)
    session = make_session(bands=("A",))
    kiosk.unlock(session, shots=False)
    kiosk.start(age=7, shots=False)
    for _ in range(4):  # PR1, PR2, P01, P03: on to S05, whose spoken text says more than its printed one
        kiosk.answer_current_item("A", "yes", shots=False)
    kiosk.advance_with(lambda: kiosk.tap_button("下一题"))  # P08, the picture cards
    s01 = kiosk.current_item("A")
    kiosk.answer_current_item("A", "yes", shots=False)
    assert s01.code == "S01" and kiosk.current_item("A").code == "S05"
    kiosk.shot("item-with-listen-buttons")

    listen = page.get_by_role("button", name="听一听")
    expect(listen).to_have_count(6)  # the question, its three faces and the two opt-outs
    assert small_targets(page) == []
    listen.first.tap()
    assert page.evaluate("__spoken") == [["如果我迷路了，我知道去哪里找人帮忙，比如保安亭、警务室或者商店。", "zh-CN"]]
    page.locator(".choice-wrap", has_text="有时这样").get_by_role("button", name="听一听").tap()
    assert page.evaluate("__spoken")[-1] == ["有时这样", "zh-CN"]
    expect(kiosk.choice("有时这样")).to_have_attribute("aria-pressed", "false")  # listening is not answering

    kiosk.tap_button("English")
    page.get_by_role("button", name="Listen").first.tap()
    assert page.evaluate("__spoken")[-1] == [
        "If I get lost, I know where to go for help, like a guard post, a police desk or a shop.", "en-GB"]
