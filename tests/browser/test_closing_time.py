"""Closing time on a real tablet: no new child starts, nothing queued is lost, the facilitator sees and fixes it.

And the facilitator's corner: a child's tap opens nothing, it sits clear of Start, a wrong PIN says so.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from survey_app.extensions import db
from survey_app.fieldwork import services
from survey_app.fieldwork.models import AnswerSession
from tests.browser.conftest import PORTRAIT
from tests.browser.stored import responses, wait_for_responses

pytestmark = [pytest.mark.browser, pytest.mark.tablet(offline=True)]

OUTBOX = "mmc-outbox"
CLOSED = "本次问卷已经结束"
VIEWPORTS = [pytest.param(None, id="landscape"), pytest.param(PORTRAIT, id="portrait")]


def _answer_and_send_offline(kiosk, context) -> None:
    kiosk.start(age=7, shots=False)
    while kiosk.phase() == "item":
        kiosk.answer_current_item("A", "skip", shots=False)
    context.set_offline(True)
    kiosk.send(shots=False)


def _close(session) -> None:
    services.close_session(db.session.get(AnswerSession, session.id))
    db.session.commit()


def _late_count(session) -> int:
    db.session.expire_all()
    return db.session.get(AnswerSession, session.id).arrived_after_close


def test_a_survey_queued_before_closing_arrives_after_it_and_the_tablet_starts_no_new_child(
        kiosk, make_session, context, page):
    session = make_session(bands=("A",))
    kiosk.unlock(session, shots=False)
    _answer_and_send_offline(kiosk, context)
    _close(session)  # the facilitator closes while this tablet is offline
    context.set_offline(False)
    wait_for_responses(1)
    assert _late_count(session) == 1
    kiosk.tap_button("下一位同学")
    expect(page.get_by_text(CLOSED)).to_be_visible()
    assert kiosk.button("开始").count() == 0
    kiosk.shot("closed-welcome")


def test_after_the_grace_the_tablet_keeps_the_survey_and_the_facilitator_gets_it_in(
        app, kiosk, make_session, context, page):
    app.config["SUBMISSION_GRACE_MINUTES"] = 0  # the grace has run out by the time the Wi-Fi is back
    session = make_session(bands=("A",))
    kiosk.unlock(session, shots=False)
    _answer_and_send_offline(kiosk, context)
    _close(session)
    context.set_offline(False)
    page.evaluate("MMCOutbox.flush()")
    page.wait_for_timeout(500)
    assert responses() == [] and len(json.loads(kiosk.local_storage()[OUTBOX])) == 1, "kept, never dropped"

    kiosk.tap_button("下一位同学")
    expect(page.get_by_text(CLOSED)).to_be_visible()
    kiosk.hold_facilitator()
    kiosk.enter_facilitator_pin()
    panel = page.locator(".facilitator-panel")
    expect(panel.get_by_text("这台平板上有 1 份问卷等待发送。")).to_be_visible()
    expect(panel.get_by_text("请在场次页面点“延长”", exact=False)).to_be_visible()
    kiosk.shot("facilitator-panel-waiting")

    services.extend_session(db.session.get(AnswerSession, session.id), 30)  # on the session page: Extend
    db.session.commit()
    panel.get_by_role("button", name="取消", exact=True).tap()
    kiosk.hold_facilitator(shots=False)
    kiosk.enter_facilitator_pin()
    page.locator(".facilitator-panel").get_by_role("button", name="重新锁定", exact=True).tap()
    page.locator("#pin").fill("246813")
    page.locator("form button[type=submit]").tap()
    kiosk.wait_phase("welcome")
    (stored,) = wait_for_responses(1)
    assert OUTBOX not in kiosk.local_storage()
    expect(kiosk.button("开始")).to_be_visible()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_childs_tap_on_the_facilitator_corner_opens_nothing_and_a_wrong_pin_says_so(
        kiosk, make_session, page, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    session = make_session(bands=("A",))
    kiosk.unlock(session, shots=False)
    corner, start = kiosk.button("组织者").bounding_box(), kiosk.button("开始").bounding_box()
    assert not _overlap(corner, start), (corner, start)
    kiosk.tap_button("组织者")
    expect(page.get_by_text("组织者：请按住 2 秒")).to_be_visible()
    assert page.locator(".overlay").count() == 0
    kiosk.shot("tap-shows-a-hint")
    kiosk.hold_facilitator()
    kiosk.enter_facilitator_pin("000000")
    expect(page.locator(".overlay").get_by_text("PIN 码不对。")).to_be_visible()
    kiosk.shot("wrong-pin")
    kiosk.enter_facilitator_pin()
    expect(page.get_by_text("这台平板上的问卷都已发送。")).to_be_visible()
    kiosk.shot("facilitator-panel")


def test_the_closed_page_releases_a_tablet_without_javascript_too(kiosk, make_session, page):
    session = make_session(bands=("A",))
    kiosk.unlock(session, shots=False)
    _close(session)
    page.goto(f"{kiosk.base}/k/")
    expect(page.get_by_role("heading", name="本场次现在没有开放")).to_be_visible()
    page.get_by_text("组织者专用").tap()
    page.locator("#release-pin").fill("246813")
    kiosk.shot("closed-page-release")
    page.get_by_role("button", name="解除平板锁定", exact=True).tap()
    expect(page.locator("#code")).to_be_visible()


def _overlap(a, b) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])
