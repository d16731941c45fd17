"""A 1024×768 iPad in landscape: Back / Skip / Next stay on screen on the busiest screens; labels break well."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.tablet(viewport={"width": 1024, "height": 768})]

BUSY = {"multiple", "rank"}


def test_the_buttons_stay_on_screen_on_picture_multiple_choice_and_rank_screens(kiosk, make_session, page):
    session = make_session(bands=("D",))
    kiosk.unlock(session, shots=False)
    kiosk.start(age=15, shots=False)
    checked = set()
    while kiosk.phase() == "item":
        item = kiosk.current_item("D")
        if item.type in BUSY or any(c.get("picture") for c in item.choices):
            for name in ("上一题", "跳过", "下一题"):
                box = kiosk.button(name).bounding_box()
                assert box["y"] + box["height"] <= 768, (item.code, name, box)
            kiosk.shot(f"{item.code}-{item.type}")
            checked.add(item.type)
        kiosk.answer_current_item("D", "skip", shots=False)
    assert checked >= BUSY


def test_a_choice_label_never_leaves_one_character_on_its_own_line(kiosk, make_session, page):
    session = make_session(bands=("D",))
    kiosk.unlock(session, shots=False)
    kiosk.start(age=15, shots=False)
    while kiosk.phase() == "item":
        for label in page.locator(".choice-label").all():
            lines = page.evaluate("""el => { const r = document.createRange(); r.selectNodeContents(el);
                const tops = new Map(); for (const rect of r.getClientRects()) {
                  const t = Math.round(rect.top); tops.set(t, (tops.get(t) || 0) + rect.width); }
                return [...tops.values()]; }""", label.element_handle())
            if len(lines) > 1:
                assert min(lines) > 40, (label.inner_text(), lines)  # more than one character's width
        kiosk.answer_current_item("D", "skip", shots=False)
