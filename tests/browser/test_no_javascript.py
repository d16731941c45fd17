"""Tablets without JavaScript: the <noscript> link leads to the same survey as plain form posts."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.stored import answers_of, ranks_of, texts_of, wait_for_responses

pytestmark = [pytest.mark.browser, pytest.mark.tablet(javascript=False)]

DONE = "你答完了！"
THANKS = "谢谢你！你的回答能帮助城市变得对孩子更友好。"
BAND_C = {"P01": "a", "P08": ["books", "garden"], "S07": ["crossing"], "R05": "not_sure", "O04": "希望多一些图书馆。",
          "GENDER": "_pn", "HOME_STREET": "440305001", "O06": ["safety", "nature", "voice"]}


class BasicPages:
    """The plain-HTML survey, driven by taps on labels and buttons."""

    def __init__(self, kiosk, band: str):
        self.kiosk, self.page = kiosk, kiosk.page
        self.items = {item.text["zh"]: item for item in kiosk.items(band)}  # from the survey page's data block

    def heading(self) -> str:
        return self.page.locator("h1").first.inner_text().strip()

    def tap(self, name: str) -> None:
        with self.page.expect_navigation():
            self.kiosk.tap_button(name)

    def answer_all(self, answers: dict) -> list[str]:
        shown = []
        while self.heading() != DONE:
            item = self.items[self.heading()]
            shown.append(item.code)
            self.kiosk.shot(f"basic-{item.code}")
            self.answer(item, answers.get(item.code, "skip"))
        return shown

    def answer(self, item, value) -> None:
        if value == "skip":
            return self.tap("跳过")
        if isinstance(value, str) and value.startswith("_"):
            self.page.locator("label.optout", has=self.page.locator(f'input[value="{value}"]')).tap()
        elif item.type == "text":
            self.page.locator("textarea[name=answer]").fill(value)
        elif item.type == "place":
            self.page.locator("select[name=answer]").select_option(value)
        elif item.type == "rank":
            for position, code in enumerate(value, start=1):
                self.page.locator(f"select[name=rank{position}]").select_option(code)
        else:
            for code in [value] if isinstance(value, str) else value:
                self.page.locator("label.option", has=self.page.locator(f'input[value="{code}"]')).tap()
        self.tap("下一题")


def _start_basic(kiosk, page, age: int) -> BasicPages:
    basic = BasicPages(kiosk, "C")
    kiosk.shot("noscript")
    start = page.get_by_role("link", name="开始")
    expect(start).to_be_visible()
    start.tap()
    page.wait_for_url("**/basic")
    kiosk.shot("basic-welcome")
    basic.tap("开始")
    kiosk.shot("basic-age")
    basic.tap(str(age))
    kiosk.shot("basic-assent")
    basic.tap("好的，我愿意参加")
    return basic


def test_basic_survey_without_javascript_stores_one_response(kiosk, make_session, page):
    session = make_session()
    kiosk.unlock(session, javascript=False)
    basic = _start_basic(kiosk, page, age=12)
    shown = basic.answer_all(BAND_C)
    assert "ABOUT_NOTE" not in shown and len(shown) == len(set(shown))
    kiosk.shot("basic-done")
    basic.tap("提交")
    expect(page.get_by_role("heading", name=THANKS)).to_be_visible()
    kiosk.shot("basic-thanks")

    (response,) = wait_for_responses(1)
    stored = answers_of(response)
    assert response.band == "C"
    assert {code: stored[code] for code in ("P01", "R05", "GENDER", "HOME_STREET")} == {
        "P01": "a", "R05": "not_sure", "GENDER": "_pn", "HOME_STREET": "440305001"}
    assert stored["P08"] == ["books", "garden"] and stored["S07"] == "crossing"
    assert {value for _, value in ranks_of(response, "O06")} == {"safety", "nature", "voice"}
    assert texts_of(response) == {"O04": BAND_C["O04"]}


def test_basic_survey_keeps_the_order_a_child_ranks_in(kiosk, make_session, page):
    session = make_session(bands=("C",))
    kiosk.unlock(session, javascript=False, shots=False)
    basic = BasicPages(kiosk, "C")
    page.get_by_role("link", name="开始").tap()
    page.wait_for_url("**/basic")
    basic.tap("开始")
    basic.tap("好的，我愿意参加")
    basic.answer_all({"O06": ["voice", "safety", "nature"]})
    basic.tap("提交")
    (response,) = wait_for_responses(1)
    assert ranks_of(response, "O06") == [(1, "voice"), (2, "safety"), (3, "nature")]
