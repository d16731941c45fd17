"""axe-core on every screen a child or facilitator sees: no serious or critical violation."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.fixtures.sessions import PIN

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}


class AxeAudit:
    """Run axe (injected from the installed package, never fetched) and keep every violation by screen."""

    def __init__(self, page, base_url: str):
        self.page, self.base, self.axe, self.found = page, base_url, Axe(), {}
        self.requests: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))

    def __call__(self, screen: str) -> None:
        before = len(self.requests)
        results = self.axe.run(self.page)
        remote = [url for url in self.requests[before:] if not url.startswith(self.base + "/")]
        assert remote == [], f"running axe loaded something from elsewhere: {remote}"
        self.found[screen] = results.response["violations"]

    def report(self) -> str:
        lines = []
        for screen, violations in self.found.items():
            for v in violations:
                targets = "; ".join(", ".join(n["target"]) for n in v["nodes"][:3])
                lines.append(f"{screen}: {v['id']} ({v['impact']}) ×{len(v['nodes'])}: {v['help']} [{targets}]")
        return "\n".join(lines) or "no violations"

    def blocking(self) -> list[str]:
        return [f"{screen}: {v['id']} ({v['impact']})" for screen, violations in self.found.items()
                for v in violations if v["impact"] in BLOCKING]


def test_every_child_screen_passes_axe(kiosk, make_session, page):
    session = make_session()
    audit = AxeAudit(page, kiosk.base)
    kiosk.open_join_page()
    audit("join")
    page.locator("#code").fill(session.join_code)
    page.locator("form button[type=submit]").tap()
    page.locator("#pin").wait_for()
    audit("unlock")
    page.locator("#pin").fill(PIN)
    page.locator("form button[type=submit]").tap()
    kiosk.wait_phase("welcome")
    audit("welcome")
    kiosk.tap_button("开始")
    kiosk.wait_phase("age")
    audit("age")
    kiosk.tap_button("10")
    kiosk.wait_phase("assent")
    audit("assent")
    kiosk.tap_button("好的，我愿意参加")
    kiosk.wait_phase("item")

    wanted = {"P01": "scale item", "P08": "picture multiple choice", "O04": "text item"}

    def on_screen(kiosk, item) -> None:
        if item.code in wanted:
            audit(f"{wanted[item.code]} {item.code}")
        if item.code == "P01":
            kiosk.tap_button("停止")
            kiosk.wait_phase("stop")
            audit("stop")
            kiosk.tap_button("继续回答")
            kiosk.wait_phase("item")

    kiosk.answer_all("B", {code: "skip" for code in ("P03", "P04", "S01", "S05", "R01", "R02", "W01", "W05")},
                     shots=False, on_screen=on_screen)
    audit("done")
    kiosk.send(shots=False)
    audit("thanks")
    kiosk.tap_button("下一位同学")
    kiosk.wait_phase("welcome")
    kiosk.hold_facilitator(shots=False)
    audit("facilitator PIN dialog")
    kiosk.enter_facilitator_pin()
    page.locator(".facilitator-panel #panel-title").wait_for()
    audit("facilitator panel")

    print("\naxe-core results per screen:\n" + audit.report())
    assert audit.blocking() == [], audit.report()


def test_idle_overlay_passes_axe(app, kiosk, make_session, page):
    app.config["KIOSK_IDLE_SECONDS"] = 2
    session = make_session(bands=("A",))
    kiosk.unlock(session, shots=False)
    kiosk.start(age=7, shots=False)
    page.get_by_role("alertdialog").wait_for()
    audit = AxeAudit(page, kiosk.base)
    audit("idle overlay")
    print("\naxe-core results:\n" + audit.report())
    assert audit.blocking() == [], audit.report()
