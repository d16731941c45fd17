"""Dropped Wi-Fi: a finished survey waits on the tablet and is stored exactly once when the network is back."""

from __future__ import annotations

import json
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.stored import answers_of, responses, wait_for_responses

pytestmark = [pytest.mark.browser, pytest.mark.tablet(offline=True)]

QUEUED = "谢谢你！你的答案已保存在这台平板上，网络恢复后会自动提交。"
OUTBOX = "mmc-outbox"


def _answer_a_few_and_send_offline(kiosk, context, first: str) -> None:
    """A 7-year-old answers the practice items and P01, skips the rest, and taps Send with no network."""
    kiosk.start(age=7)
    kiosk.answer_current_item("A", "yes")
    kiosk.answer_current_item("A", "yes")
    kiosk.answer_current_item("A", first)
    while kiosk.phase() == "item":
        kiosk.answer_current_item("A", "skip", shots=False)
    kiosk.wait_phase("done")
    context.set_offline(True)
    kiosk.send()
    expect(kiosk.page.get_by_text(QUEUED)).to_be_visible()


def test_survey_sent_offline_is_kept_and_stored_once_when_back_online(kiosk, make_session, context, page):
    session = make_session(bands=("A",))
    kiosk.unlock(session)
    _answer_a_few_and_send_offline(kiosk, context, first="no")
    waiting = json.loads(kiosk.local_storage()[OUTBOX])
    assert len(waiting) == 1 and waiting[0]["body"]["answers"] == {"P01": "no"}, "only what the server will store"
    assert responses() == []

    context.set_offline(False)  # the outbox listens for "online" and sends at once
    (response,) = wait_for_responses(1)
    assert (str(response.id), response.band, answers_of(response)) == (waiting[0]["id"], "A", {"P01": "no"})
    page.wait_for_function(f"() => localStorage.getItem('{OUTBOX}') === null")

    # The server stored it but the tablet never heard back: the same entry is sent again.
    page.evaluate("(entry) => localStorage.setItem('mmc-outbox', JSON.stringify([entry]))", waiting[0])
    results = page.evaluate("() => MMCOutbox.flush()")
    assert results[waiting[0]["id"]]["status"] == 200, "a repeat is accepted without a second row"
    assert [r.id for r in responses()] == [response.id]
    assert kiosk.stored_on_tablet() == {}


def test_outbox_retries_by_itself_when_a_send_fails_while_online(app, kiosk, make_session, page):
    """The school router drops one request (the tablet still thinks it is online): the backoff timer retries."""
    app.config["KIOSK_RESET_SECONDS"] = 60  # no page reload (which also sends) before the retry
    session = make_session(bands=("A",))
    kiosk.unlock(session, shots=False)
    attempts = []

    def drop_the_first(route):
        attempts.append(route.request.url)
        return route.abort("connectionfailed") if len(attempts) == 1 else route.continue_()

    page.route("**/submit", drop_the_first)
    kiosk.start(age=7, shots=False)
    kiosk.answer_current_item("A", "yes", shots=False)
    kiosk.answer_current_item("A", "yes", shots=False)
    kiosk.answer_current_item("A", "sometimes", shots=False)
    kiosk.tap_button("停止")
    kiosk.tap_button("提交我已经回答的")
    expect(page.get_by_text(QUEUED)).to_be_visible(timeout=10_000)
    assert page.evaluate("navigator.onLine") is True
    # The first retry comes 1.5-2.5 s later (waiting in the page: route handlers run only while it is driven).
    page.wait_for_function(f"() => localStorage.getItem('{OUTBOX}') === null", timeout=8_000)
    (response,) = wait_for_responses(1)
    assert answers_of(response) == {"P01": "sometimes"} and len(attempts) == 2


def test_next_child_can_take_the_survey_while_the_tablet_is_still_offline(kiosk, make_session, context, page):
    """Two children finish while offline; both surveys reach the server exactly once when it is back."""
    session = make_session(bands=("A",))
    kiosk.unlock(session)
    _answer_a_few_and_send_offline(kiosk, context, first="no")
    kiosk.tap_button("下一位同学")
    kiosk.wait_phase("welcome")
    kiosk.shot("welcome-offline")
    _answer_a_few_and_send_offline(kiosk, context, first="yes")
    assert len(json.loads(kiosk.local_storage()[OUTBOX])) == 2

    context.set_offline(False)
    first, second = wait_for_responses(2)
    assert first.id != second.id
    assert sorted(answers_of(r)["P01"] for r in (first, second)) == ["no", "yes"]
    page.evaluate("() => MMCOutbox.flush()")
    assert len(responses()) == 2


def test_server_stores_a_repeated_submission_once(kiosk, make_session, page):
    """The same submission posted twice (a retry after a lost reply): 201, then 200, and one row."""
    session = make_session(bands=("A",))
    kiosk.unlock(session, shots=False)
    body = {"submission_id": str(uuid.uuid4()), "band": "A", "answers": {"P01": "yes", "P08": ["books"]}}
    url = f"{kiosk.base}/k/{session.join_code}/submit"
    statuses = [page.request.post(url, data=body, headers={"Origin": kiosk.base}).status for _ in range(2)]
    assert statuses == [201, 200]
    (response,) = responses()
    assert answers_of(response) == {"P01": "yes", "P08": "books"}
    changed = {**body, "answers": {"P01": "no"}}
    assert page.request.post(url, data=changed, headers={"Origin": kiosk.base}).status == 409
    assert len(responses()) == 1


def test_faces_stay_visible_when_the_wifi_drops_mid_survey(kiosk, make_session, context, page):
    """Band A's answers are faces: a 7-year-old must still see them when the Wi-Fi drops half-way."""
    session = make_session(bands=("A",))
    kiosk.unlock(session, shots=False)
    kiosk.start(age=7, shots=False)
    assert _drawn_icons(page) and all(_drawn_icons(page).values())
    context.set_offline(True)
    kiosk.answer_current_item("A", "yes")  # the next question is drawn while offline
    page.wait_for_timeout(300)
    kiosk.shot("item-offline")
    icons = _drawn_icons(page)
    assert all(icons.values()), f"icons not drawn offline: {[name for name, drawn in icons.items() if not drawn]}"


def _drawn_icons(page) -> dict[str, bool]:
    """Each <svg><use> on screen → whether it draws anything (an unloaded sprite has an empty box)."""
    return dict(page.evaluate("""() => [...document.querySelectorAll('#app svg use')].map(use => {
        const box = use.getBBox(); return [use.getAttribute('href'), box.width > 0 && box.height > 0]; })"""))
