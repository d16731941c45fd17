"""Page objects for the child's tablet: unlock, move through screens, answer items, take screenshots.

Everything here acts as a person would: it finds buttons by their visible names and taps them
(``locator.tap()``; the tablet context has touch). Which item is on screen is worked out from the
question text, matched against the survey document the server embedded in the page.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page, expect

from tests.fixtures.sessions import PIN

ADVANCE_TIMEOUT_MS = 3_000
#: Sending waits for the server (the first free text of a run loads the screening dictionaries).
SEND_TIMEOUT_MS = 10_000


class Screenshots:
    """Numbered screenshots of one test, in the order the screens were seen."""

    def __init__(self, folder: Path):
        self.folder, self.count = folder, 0

    def __call__(self, page: Page, phase: str) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.count += 1
        path = self.folder / f"{self.count:02d}-{re.sub(r'[^A-Za-z0-9_.-]+', '-', phase)}.png"
        page.screenshot(path=str(path), full_page=True, animations="disabled", caret="initial")
        return path


@dataclass
class Item:
    """One item of the child's band, as the page's survey document describes it."""

    code: str
    type: str
    text: dict[str, str]
    choices: list[dict[str, Any]] = field(default_factory=list)
    optouts: list[str] = field(default_factory=list)
    places: list[dict[str, str]] = field(default_factory=list)
    practice: bool = False
    top: int | None = None

    def label(self, code: str, lang: str = "zh") -> str:
        for choice in self.choices:
            if choice["code"] == code:
                return choice["label"][lang]
        raise KeyError(f"{self.code} has no choice {code!r}")


class Kiosk:
    """The tablet, seen by a facilitator (unlock) and then by a child (every other method)."""

    def __init__(self, page: Page, base_url: str, screenshots: Screenshots):
        self.page, self.base, self.screenshots = page, base_url, screenshots
        self._document: dict[str, Any] | None = None

    # ---- screenshots and where we are ---------------------------------------------------------
    def shot(self, phase: str) -> Path:
        return self.screenshots(self.page, phase)

    @property
    def app(self) -> Locator:
        return self.page.locator("#app")

    def phase(self) -> str | None:
        return self.app.get_attribute("data-phase")

    def wait_phase(self, phase: str, timeout: int = ADVANCE_TIMEOUT_MS) -> None:
        expect(self.app).to_have_attribute("data-phase", phase, timeout=timeout)

    def heading(self) -> str:
        return self.page.locator("#app h1").first.inner_text().strip()

    # ---- the facilitator's part -----------------------------------------------------------------
    def open_join_page(self) -> None:
        self.page.goto(f"{self.base}/k/")
        expect(self.page.locator("#code")).to_be_visible()

    def unlock(self, session, *, shots: bool = True, javascript: bool = True) -> None:
        """Type the join code and the PIN, as a facilitator does once per tablet; ends on the welcome screen."""
        self.open_join_page()
        if shots:
            self.shot("join")
        self.page.locator("#code").fill(session.join_code)
        self.page.locator("form button[type=submit]").tap()
        expect(self.page.locator("#pin")).to_be_visible()
        if shots:
            self.shot("unlock")
        self.page.locator("#pin").fill(PIN)
        self.page.locator("form button[type=submit]").tap()
        self.page.wait_for_url(f"{self.base}/k/{session.join_code}/")
        self._document = None
        if javascript:
            self.wait_phase("welcome")

    # ---- taps ---------------------------------------------------------------------------------------
    def button(self, name: str) -> Locator:
        """A button by its visible name (exact), anywhere on the current screen."""
        return self.page.get_by_role("button", name=name, exact=True)

    def tap_button(self, name: str) -> None:
        self.button(name).tap()

    def choice(self, label: str) -> Locator:
        """A choice card by its label (a ranked card's name also carries its number)."""
        return self.page.locator(".choices button.choice").filter(
            has=self.page.locator(".choice-label").get_by_text(label, exact=True))

    def tap_choice(self, label: str) -> None:
        self.choice(label).tap()

    def hold_facilitator(self, *, shots: bool = True) -> None:
        """Press and hold the facilitator's corner, as an adult does (a tap opens nothing); ends on the PIN."""
        corner = self.button("组织者")
        expect(corner).to_be_visible()
        box = corner.bounding_box()
        self.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        self.page.mouse.down()
        self.page.wait_for_timeout(1_700)
        self.page.mouse.up()
        expect(self.page.locator(".overlay #facilitator-pin")).to_be_visible()
        if shots:
            self.shot("facilitator-pin")

    def enter_facilitator_pin(self, pin: str = PIN) -> None:
        self.page.locator("#facilitator-pin").fill(pin)
        self.page.locator(".overlay").get_by_role("button", name="进入", exact=True).tap()

    # ---- the child's way through ----------------------------------------------------------------
    def start(self, age: int, *, shots: bool = True) -> None:
        """From the welcome screen: Start, the age (if asked), yes to the assent; ends on the first question."""
        self.wait_phase("welcome")
        if shots:
            self.shot("welcome")
        self.tap_button("开始")
        expect(self.app).to_have_attribute("data-phase", re.compile(r"^(age|assent)$"))
        if self.phase() == "age":  # a session with one band has no age screen
            if shots:
                self.shot("age")
            self.tap_button(str(age))
            self.wait_phase("assent")
        if shots:
            self.shot("assent")
        self.tap_button("好的，我愿意参加")
        self.wait_phase("item")

    def document(self) -> dict[str, Any]:
        """The survey document the server embedded in the page (what the tablet runs offline)."""
        if self._document is None:
            self._document = json.loads(self.page.locator("#survey-data").text_content())
        return self._document

    def items(self, band: str) -> list[Item]:
        (data,) = [b for b in self.document()["bands"] if b["id"] == band]
        return [_item(raw) for raw in data["items"]]

    def current_item(self, band: str, lang: str = "zh") -> Item:
        """The item whose question is on screen."""
        heading = self.heading()
        for item in self.items(band):
            if item.text[lang] == heading:
                return item
        raise AssertionError(f"no item of band {band} has the question {heading!r}")

    def answer_current_item(self, band: str, value: Any = None, *, shots: bool = True) -> str:
        """Answer the item on screen the way a child would; returns its code.

        ``value``: a choice code (or a list of codes, in order for ranking), free text, a place code,
        an opt-out code such as ``"_dk"``, ``"skip"``, or None for a default answer.
        """
        item = self.current_item(band)
        name = f"item-{item.code}"
        if shots:
            self.shot(name)
        if value == "skip":
            self.advance_with(lambda: self.tap_button("跳过"))
        elif isinstance(value, str) and value.startswith("_"):
            self.advance_with(lambda: self.page.locator(f'.optouts button[data-code="{value}"]').tap())
        elif item.type in ("scale", "single", "consent"):
            label = item.label(value or item.choices[0]["code"])
            self.advance_with(lambda: self.tap_choice(label))
        elif item.type in ("multiple", "rank"):
            codes = value or [c["code"] for c in item.choices[: item.top or 1]]
            for code in codes:
                self.tap_choice(item.label(code))
            if shots:
                self.shot(name + "-chosen")
            self.advance_with(lambda: self.tap_button("下一题"))
        elif item.type == "text":
            box = self.page.locator(".field textarea")
            box.tap()
            self.page.keyboard.type(value or "希望公园多一些树。")
            if shots:
                self.shot(name + "-typed")
            self.advance_with(lambda: self.tap_button("下一题"))
        elif item.type == "place":
            self.page.locator(".field select").select_option(value or item.places[0]["code"])
            self.advance_with(lambda: self.tap_button("下一题"))
        else:  # a note: nothing to answer
            self.advance_with(lambda: self.tap_button("下一题"))
        return item.code

    def advance_with(self, action) -> None:
        """Do ``action`` and wait until the screen shows something else (single answers move on by themselves)."""
        before = self.heading()
        action()
        self.page.wait_for_function(
            "([before]) => { const app = document.getElementById('app');"
            " const h = app.querySelector('h1');"
            " return app.dataset.phase !== 'item' || !h || h.textContent.trim() !== before; }",
            arg=[before], timeout=ADVANCE_TIMEOUT_MS)
        if self.phase() == "practiceDone":  # "Well done! Now the real questions begin." after the practice
            self.tap_button("下一题")
            self.wait_phase("item")

    def answer_all(self, band: str, answers: dict[str, Any] | None = None, *, shots: bool = True,
                   on_screen=None, others: Any = None) -> list[str]:
        """Answer every item until the finish screen; returns the codes of the items shown, in order.

        Items not in ``answers`` get ``others`` (None: a default answer; ``"skip"``: skipped; notes always
        go on with Next). ``on_screen(kiosk, item)`` runs on each item before it is answered.
        """
        answers, shown = answers or {}, []
        while self.phase() == "item":
            item = self.current_item(band)
            assert item.code not in shown, f"{item.code} came twice: the survey is going round in circles"
            if on_screen:
                on_screen(self, item)
            value = answers.get(item.code, None if item.type == "note" else others)
            shown.append(self.answer_current_item(band, value, shots=shots))
        self.wait_phase("done")
        return shown

    def send(self, *, shots: bool = True) -> None:
        """On the finish screen: tap Send and wait for the thank-you screen."""
        self.wait_phase("done")
        if shots:
            self.shot("done")
        self.tap_button("提交")
        self.wait_phase("thanks", timeout=SEND_TIMEOUT_MS)
        if shots:
            self.shot("thanks")

    def local_storage(self) -> dict[str, str]:
        return json.loads(self.page.evaluate("JSON.stringify(localStorage)"))

    def stored_on_tablet(self) -> dict[str, str]:
        """What the tablet keeps of children: the outbox only. The server-clock measurement is checked
        to hold nothing else (two numbers) and left out."""
        kept = self.local_storage()
        clock = json.loads(kept.pop("mmc-clock", "{}"))
        assert set(clock) <= {"skew", "at"} and all(isinstance(v, int | float) for v in clock.values()), clock
        return kept

    def visible_text(self) -> str:
        return self.page.locator("body").inner_text()


def _item(raw: dict[str, Any]) -> Item:
    return Item(code=raw["code"], type=raw["type"], text=raw["text"], choices=raw.get("choices", []),
                optouts=raw.get("optouts", []), places=raw.get("places", []), practice=raw.get("practice", False),
                top=raw.get("top"))


#: What a child can touch.
TARGETS = "button, a, input, select, textarea"
MIN_TARGET_PX = 48


def small_targets(page: Page, minimum: int = MIN_TARGET_PX) -> list[str]:
    """Every visible touch target smaller than ``minimum`` CSS px in either direction, described."""
    small = []
    for target in page.locator(TARGETS).all():
        if not target.is_visible():
            continue
        box = target.bounding_box()
        if box and (box["width"] < minimum or box["height"] < minimum):
            name = target.evaluate("e => e.tagName.toLowerCase() + ' ' + (e.innerText || e.name || e.type || '')")
            small.append(f"{name.strip()!r} {box['width']:.0f}×{box['height']:.0f}")
    return small


def overflowing(page: Page) -> list[str]:
    """Text that does not fit: a page wider than the screen, or a button or heading cut off."""
    return page.evaluate("""() => {
        const out = [];
        if (document.documentElement.scrollWidth > window.innerWidth) {
            out.push(`page ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px screen`);
        }
        for (const e of document.querySelectorAll('h1, h2, p, button, a, label, .choice-label')) {
            if (e.offsetParent && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible') {
                out.push(`${e.tagName} "${e.innerText.slice(0, 30)}" cut off`);
            }
            const r = e.getBoundingClientRect();
            if (e.offsetParent && (r.right > window.innerWidth + 1 || r.left < -1)) {
                out.push(`${e.tagName} "${e.innerText.slice(0, 30)}" off screen`);
            }
        }
        return out; }""")
