"""A child's whole way through the tablet survey, in a real browser, checked in the page and the database."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from playwright.sync_api import expect

from survey_app.core.clock import city_today
from tests.browser.kiosk_pages import SEND_TIMEOUT_MS
from tests.browser.stored import answers_of, ranks_of, responses, texts_of, wait_for_responses

pytestmark = pytest.mark.browser

#: A 7-year-old's taps: every band A item, practice included (faces; P08 is picture cards).
BAND_A_TAPS = {
    "PR1": "yes", "PR2": "sometimes",
    "P01": "yes", "P03": "sometimes", "P08": ["books", "playground"], "S01": "no", "S05": "yes",
    "R01": "sometimes", "R02": "yes", "W01": "no", "W05": "yes", "O01": "yes",
}


def test_youngest_child_finishes_band_a_with_taps_only(kiosk, make_session, page):
    """Welcome → age 7 → assent → two practice items → every item → send: one band A response, no practice."""
    session = make_session()
    kiosk.unlock(session)
    kiosk.start(age=7)

    shown = []
    while kiosk.phase() == "item":
        item = kiosk.current_item("A")
        if item.type == "multiple":
            shown.append(_tap_pictures_then_next(kiosk, item, BAND_A_TAPS[item.code]))
        else:  # a face scale: one tap, and the next question comes by itself
            shown.append(kiosk.answer_current_item("A", BAND_A_TAPS[item.code]))
    assert shown == list(BAND_A_TAPS), "band A asks the practice items first, then every core item in order"
    kiosk.send()
    expect(page.get_by_text("谢谢你！你的回答能帮助城市变得对孩子更友好。")).to_be_visible()

    (response,) = wait_for_responses(1)
    assert response.band == "A"
    assert isinstance(response.submitted_on, date) and not isinstance(response.submitted_on, datetime)
    assert response.submitted_on == city_today()
    expected = {code: value for code, value in BAND_A_TAPS.items() if not code.startswith("PR")}
    assert answers_of(response) == expected
    assert not {"PR1", "PR2"} & {a.item_code for a in response.answers}, "practice answers are never stored"
    assert response.text_answers == []


def _tap_pictures_then_next(kiosk, item, codes) -> str:
    """Picture cards: each tap toggles a card; nothing moves on until Next."""
    kiosk.shot(f"item-{item.code}")
    for code in codes:
        kiosk.tap_choice(item.label(code))
    kiosk.page.wait_for_timeout(700)  # longer than the auto-advance pause of single answers
    assert kiosk.current_item("A").code == item.code, "multiple choice must wait for 下一题"
    for choice in item.choices:
        pressed = "true" if choice["code"] in codes else "false"
        expect(kiosk.choice(choice["label"]["zh"])).to_have_attribute("aria-pressed", pressed)
    kiosk.shot(f"item-{item.code}-chosen")
    kiosk.advance_with(lambda: kiosk.tap_button("下一题"))
    return item.code


#: A 15-year-old who has made no suggestion, feels safe on the way to school and does not know
#: which place needs improving: none of the three follow-up questions may appear.
NO_FOLLOW_UPS = {"R08": "no", "S07": ["safe"], "O05": "_dk"}
FOLLOW_UP_CODES = {"R04", "S07_IDEA", "O05_WHY"}
PHONE = "13800138000"


def test_band_d_skip_logic_never_shows_follow_ups_that_do_not_apply(kiosk, make_session):
    session = make_session()
    kiosk.unlock(session, shots=False)
    kiosk.start(age=15, shots=False)
    follow_up_texts = {item.text["zh"] for item in kiosk.items("D") if item.code in FOLLOW_UP_CODES}
    headings = []
    shown = kiosk.answer_all("D", NO_FOLLOW_UPS, shots=False, others="skip",
                             on_screen=lambda k, item: headings.append(k.heading()))
    assert not FOLLOW_UP_CODES & set(shown)
    assert not follow_up_texts & set(headings), "a question skipped by logic was on screen"
    kiosk.send()

    (response,) = wait_for_responses(1)
    stored = answers_of(response)
    assert response.band == "D"
    assert stored == {"R08": "no", "S07": "safe", "O05": "_dk"} and texts_of(response) == {}


def test_band_d_follow_ups_store_screened_text_place_and_ranking(kiosk, make_session, page):
    """The follow-ups appear when they apply; a phone number typed in a text box is stored redacted."""
    session = make_session()
    kiosk.unlock(session)
    kiosk.start(age=15)
    answers = {
        "R08": "yes", "R04": "a",
        "S07": ["crossing", "dark"], "S07_IDEA": f"路口的车太快了，有事打{PHONE}找我",
        "O05": "park", "O05_WHY": "公园的秋千坏了，应该修好。",
        "O04": "多建一些篮球场。", "P01": "sa", "P08": ["court", "teen_room", "other"],
        "O06": ["voice", "safety", "nature"],
        "GENDER": "girl", "HOME_STREET": "440304002",
    }
    shown = kiosk.answer_all("D", answers, on_screen=_check_rank_and_place_screens, others="skip")
    assert FOLLOW_UP_CODES <= set(shown)
    assert shown.index("R04") == shown.index("R08") + 1 and shown.index("S07_IDEA") == shown.index("S07") + 1
    assert shown.index("O05_WHY") == shown.index("O05") + 1
    kiosk.send()

    (response,) = wait_for_responses(1)
    stored, texts = answers_of(response), texts_of(response)
    assert {code: stored[code] for code in ("P01", "R08", "R04", "O05", "GENDER", "HOME_STREET")} == {
        "P01": "sa", "R08": "yes", "R04": "a", "O05": "park", "GENDER": "girl", "HOME_STREET": "440304002"}
    assert stored["P08"] == ["court", "other", "teen_room"]
    assert stored["S07"] == ["crossing", "dark"]
    assert ranks_of(response, "O06") == [(1, "voice"), (2, "safety"), (3, "nature")]
    assert texts.keys() == {"S07_IDEA", "O05_WHY", "O04"}
    assert "〔手机号〕" in texts["S07_IDEA"] and PHONE not in texts["S07_IDEA"]
    assert texts["O05_WHY"] == answers["O05_WHY"]
    assert not any(code in stored for code in texts), "free text is stored only as screened text"


def _check_rank_and_place_screens(kiosk, item):
    """O06: tapping in order numbers the cards 1-3 and a fourth tap is refused; HOME_STREET lists places."""
    if item.code == "HOME_STREET":
        options = kiosk.page.locator(".field select option")
        expect(options).to_have_count(len(item.places) + 1)
        expect(options.first).to_have_text("请选择…")
    if item.code != "O06":
        return
    for code in ("voice", "safety", "nature", "rights"):
        kiosk.tap_choice(item.label(code))
    for position, code in enumerate(("voice", "safety", "nature"), start=1):
        card = kiosk.choice(item.label(code))
        expect(card).to_have_attribute("aria-pressed", "true")
        expect(card.locator(".rank")).to_have_text(str(position))
    expect(kiosk.choice(item.label("rights"))).to_have_attribute("aria-pressed", "false")
    kiosk.shot("item-O06-ranked")
    for code in ("voice", "safety", "nature"):  # untap all, so answer_current_item taps them again in order
        kiosk.tap_choice(item.label(code))
    expect(kiosk.page.locator(".choices .rank")).to_have_count(0)


def test_not_now_at_assent_ends_kindly_and_stores_nothing(app, kiosk, make_session, page):
    app.config["KIOSK_RESET_SECONDS"] = 2
    session = make_session()
    kiosk.unlock(session)
    kiosk.tap_button("开始")
    kiosk.tap_button("9")
    kiosk.wait_phase("assent")
    kiosk.tap_button("现在不想")
    kiosk.wait_phase("notnow")
    kiosk.shot("not-now")
    expect(page.get_by_text("没关系，谢谢你！请把平板还给老师。")).to_be_visible()
    expect(page.locator(".choices")).to_have_count(0)
    kiosk.wait_phase("welcome", timeout=5_000)
    assert responses() == [] and kiosk.stored_on_tablet() == {}


def test_stop_midway_and_send_stores_only_what_was_answered(kiosk, make_session, page):
    session = make_session()
    kiosk.unlock(session)
    kiosk.start(age=10)
    for code, value in (("P01", "yes"), ("P03", "no"), ("P04", "weekly")):
        assert kiosk.answer_current_item("B", value) == code
    question = kiosk.heading()
    kiosk.tap_button("停止")
    kiosk.wait_phase("stop")
    kiosk.shot("stop")
    expect(page.locator("h1")).to_have_text("你想停下来吗？")
    kiosk.tap_button("继续回答")
    kiosk.wait_phase("item")
    assert kiosk.heading() == question, "keep going returns to the same question"
    kiosk.tap_button("停止")
    kiosk.tap_button("提交我已经回答的")
    kiosk.wait_phase("thanks", timeout=SEND_TIMEOUT_MS)
    kiosk.shot("thanks")

    (response,) = wait_for_responses(1)
    assert (response.band, answers_of(response)) == ("B", {"P01": "yes", "P03": "no", "P04": "weekly"})


def test_stop_without_sending_stores_nothing(kiosk, make_session, page):
    session = make_session()
    kiosk.unlock(session, shots=False)
    kiosk.start(age=10, shots=False)
    kiosk.tap_button("停止")
    kiosk.wait_phase("stop")
    expect(kiosk.button("提交我已经回答的")).to_have_count(0)  # nothing answered yet, nothing to send
    kiosk.tap_button("继续回答")
    kiosk.answer_current_item("B", "yes")
    kiosk.tap_button("停止")
    kiosk.shot("stop-with-an-answer")
    kiosk.tap_button("不提交，直接停止")
    kiosk.wait_phase("welcome")
    kiosk.shot("welcome-after-stop")
    assert responses() == [] and kiosk.stored_on_tablet() == {}


def test_keep_going_from_the_finish_screen_returns_to_it(kiosk, make_session, page):
    session = make_session(bands=("A",))
    kiosk.unlock(session, shots=False)
    kiosk.start(age=7, shots=False)
    while kiosk.phase() == "item":
        kiosk.answer_current_item("A", "skip", shots=False)
    kiosk.wait_phase("done")
    kiosk.tap_button("停止")
    kiosk.wait_phase("stop")
    kiosk.tap_button("继续回答")
    kiosk.shot("after-keep-going")
    kiosk.wait_phase("done", timeout=1_000)


HAN = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
P01_B_EN = "Within a 10-minute walk of my home, there is somewhere I can play."


def _english_text_only(page) -> None:
    text = page.locator("#app").inner_text().replace("中文", "")  # the way back is labelled in Chinese
    assert not HAN.search(text), f"Chinese text left on an English screen: {HAN.findall(text)}"


@pytest.mark.tablet(offline=True)
def test_english_button_switches_every_visible_text_with_the_wifi_off(kiosk, make_session, context, page):
    """Both languages travel with the page: the switch works on every screen with no network at all."""
    session = make_session()
    kiosk.unlock(session, shots=False)
    context.set_offline(True)
    kiosk.tap_button("English")
    expect(page.get_by_text("Hello! We want to know what you think about your city.", exact=True)).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    _english_text_only(page)
    kiosk.shot("welcome-en")
    kiosk.tap_button("Start")
    expect(page.get_by_text("How old are you?")).to_be_visible()
    _english_text_only(page)
    kiosk.tap_button("10")
    expect(page.get_by_role("button", name="Not now", exact=True)).to_be_visible()
    _english_text_only(page)
    kiosk.tap_button("Yes, I want to take part")
    expect(page.get_by_role("heading", name=P01_B_EN)).to_be_visible()
    _english_text_only(page)
    for label in ("Not true", "Sometimes true", "True", "I don't know", "I don't want to answer", "Back", "Skip",
                  "Next", "Stop"):
        expect(page.get_by_role("button", name=label, exact=True)).to_be_visible()
    kiosk.shot("item-en")
    kiosk.tap_button("中文")
    expect(page.get_by_role("heading", name="从我家走路10分钟内，就有我可以玩的地方。")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    kiosk.tap_button("English")
    while kiosk.phase() == "item":
        _english_text_only(page)
        kiosk.advance_with(lambda: kiosk.tap_button("Skip"))
    expect(page.get_by_role("heading", name="You have finished!")).to_be_visible()
    _english_text_only(page)
    kiosk.tap_button("Send")
    expect(page.get_by_text("Thank you! Your answers are saved on this tablet and will be sent when the Wi-Fi "
                            "is back.")).to_be_visible()
    _english_text_only(page)
    kiosk.shot("thanks-en")


def test_english_button_makes_no_network_request(kiosk, make_session, page):
    session = make_session()
    kiosk.unlock(session, shots=False)
    kiosk.start(age=10, shots=False)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    kiosk.tap_button("English")
    expect(page.get_by_role("heading", name=P01_B_EN)).to_be_visible()
    page.wait_for_timeout(300)
    assert requests == [], "switching language must not load anything"
