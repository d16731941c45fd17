"""A child who cannot read can hear every text they act on; and the screens a class trips over.

Speech is recorded by the same fake voices as test_read_aloud.py.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PORTRAIT
from tests.browser.stored import wait_for_responses
from tests.browser.test_read_aloud import FAKE_VOICES

pytestmark = pytest.mark.browser

VIEWPORTS = [pytest.param(None, id="landscape"), pytest.param(PORTRAIT, id="portrait")]


def _spoken(page) -> list[str]:
    return [text for text, _ in page.evaluate("__spoken")]


def _hear_the_buttons(page) -> str:
    page.get_by_role("button", name="听听有哪些按钮").tap()
    return _spoken(page)[-1]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_buttons_instructions_and_the_stop_dialog_can_be_heard(kiosk, make_session, page, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    page.add_init_script(FAKE_VOICES)
    session = make_session(bands=("A",))
    kiosk.unlock(session, shots=False)
    assert _hear_the_buttons(page) == "你可以点：开始"
    kiosk.start(age=7, shots=False)
    kiosk.answer_current_item("A", "yes", shots=False)
    kiosk.answer_current_item("A", "yes", shots=False)
    kiosk.wait_phase("item")
    assert _hear_the_buttons(page) == "你可以点：上一题、跳过、下一题"
    kiosk.shot("item-buttons-speaker")

    kiosk.tap_button("停止")
    kiosk.wait_phase("stop")
    assert _hear_the_buttons(page) == "你可以点：不提交，直接停止、继续回答"
    kiosk.tap_button("继续回答")
    while kiosk.phase() == "item":
        kiosk.answer_current_item("A", "skip", shots=False)
    kiosk.wait_phase("done")
    page.get_by_role("button", name="听一听").first.tap()
    assert _spoken(page)[-1] == "你答完了！ 点“提交”，把你的答案交给我们。"
    assert _hear_the_buttons(page) == "你可以点：上一题、提交"


def test_the_practice_ends_with_well_done_and_a_wrong_age_can_be_corrected(kiosk, make_session, page):
    session = make_session()
    kiosk.unlock(session, shots=False)
    kiosk.tap_button("开始")
    kiosk.wait_phase("age")
    kiosk.tap_button("15")  # meant to tap 7
    kiosk.wait_phase("assent")
    kiosk.tap_button("上一题")
    kiosk.wait_phase("age")
    kiosk.tap_button("7")
    kiosk.wait_phase("assent")
    kiosk.tap_button("好的，我愿意参加")
    kiosk.wait_phase("item")
    assert kiosk.current_item("A").practice
    kiosk.answer_current_item("A", "yes", shots=False)
    kiosk.answer_current_item("A", "yes", shots=False)  # advance_with passes the practice-done screen
    assert not kiosk.current_item("A").practice


def test_the_practice_done_screen_says_so(kiosk, make_session, page):
    session = make_session(bands=("A",))
    kiosk.unlock(session, shots=False)
    kiosk.start(age=7, shots=False)
    for _ in range(2):
        kiosk.current_item("A")
        kiosk.page.locator(".choices button.choice").first.tap()
        page.wait_for_timeout(900)
    kiosk.wait_phase("practiceDone")
    expect(page.get_by_role("heading", name="做得好！现在开始正式的问题。")).to_be_visible()
    kiosk.shot("practice-done")


def test_the_idle_warning_hides_the_last_childs_words_and_speaks(app, kiosk, make_session, page):
    app.config["KIOSK_IDLE_SECONDS"] = 2
    page.add_init_script(FAKE_VOICES)
    session = make_session(bands=("D",))
    kiosk.unlock(session, shots=False)
    kiosk.start(age=15, shots=False)
    while kiosk.current_item("D").type != "text":
        kiosk.answer_current_item("D", "skip", shots=False)
    page.locator("textarea").fill("我家楼下的路灯坏了")
    expect(page.locator("#idle-title")).to_be_visible(timeout=6_000)
    expect(page.get_by_text("我家楼下的路灯坏了")).to_be_hidden()
    assert _spoken(page)[-1].startswith("你还在吗？")
    kiosk.shot("idle-warning")


def test_after_a_disclosure_the_help_stays_until_the_child_taps_on_and_no_happy_face(app, kiosk, make_session,
                                                                                    page):
    app.config["KIOSK_RESET_SECONDS"] = 2
    page.add_init_script(FAKE_VOICES)
    session = make_session(bands=("D",))
    kiosk.unlock(session, shots=False)
    kiosk.start(age=15, shots=False)
    kiosk.answer_all("D", {"O04": "我爸爸天天打我，我不想活了"}, shots=False, others="skip")
    kiosk.send(shots=False)
    wait_for_responses(1)
    help_box = page.locator(".help-box")
    expect(help_box).to_be_visible()
    assert page.locator(".big-face").count() == 0
    page.wait_for_timeout(3_000)  # longer than the reset: the help is still there
    expect(help_box).to_be_visible()
    help_box.get_by_role("button", name="听一听").tap()
    assert "12355" in _spoken(page)[-1]
    kiosk.shot("help-stays")
    kiosk.tap_button("下一位同学")
    kiosk.wait_phase("welcome")
