"""The child's screens on a 10-inch tablet held upright: everything fits and every target is big enough."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PORTRAIT
from tests.browser.kiosk_pages import overflowing, small_targets
from tests.browser.stored import wait_for_responses

pytestmark = pytest.mark.browser


@pytest.mark.tablet(viewport=PORTRAIT)
def test_portrait_tablet_flow_has_big_targets_and_nothing_cut_off(kiosk, make_session, page):
    """Band C upright (800×1280): every button, link and field is at least 48×48 CSS px on every screen."""
    session = make_session()
    problems: dict[str, list[str]] = {}

    def check(screen: str) -> None:
        found = small_targets(page) + overflowing(page)
        if found:
            problems[screen] = found

    kiosk.unlock(session)
    check("unlock")
    for screen, tap in (("welcome", "开始"), ("age", "12"), ("assent", None)):
        kiosk.wait_phase(screen)
        kiosk.shot(screen)
        check(screen)
        if tap:
            kiosk.tap_button(tap)
    kiosk.tap_button("好的，我愿意参加")
    kiosk.wait_phase("item")

    def on_screen(kiosk, item) -> None:
        check(f"item {item.code} ({item.type})")
        if item.code == "P01":
            kiosk.tap_button("停止")
            kiosk.wait_phase("stop")
            kiosk.shot("stop")
            check("stop")
            kiosk.tap_button("继续回答")
            kiosk.wait_phase("item")

    taps = {"P01": "sa", "P04": "weekly", "P08": ["court", "books"], "S07": ["dark"], "R05": "yes",
            "O06": ["safety", "nature", "voice"], "GENDER": "boy", "HOME_STREET": "440304001"}
    kiosk.answer_all("C", taps, on_screen=on_screen, others="skip")
    check("done")
    kiosk.send()
    check("thanks")
    assert problems == {}
    (response,) = wait_for_responses(1)
    assert response.band == "C"
