"""A reload with no Wi-Fi: the service worker brings the survey back, and the survey sent then is stored once."""

from __future__ import annotations

import json
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PORTRAIT
from tests.browser.stored import answers_of, responses, wait_for_responses

pytestmark = [pytest.mark.browser]

OUTBOX = "mmc-outbox"


def _wait_until_kept(page, timeout: float = 10.0) -> None:
    """The worker controls the page and has kept the survey page (polled: the CSP forbids eval'd predicates)."""
    deadline = time.monotonic() + timeout
    check = ("caches.open('mmc-pages').then(c => c.match(location.pathname))"
             ".then(r => !!r && !!navigator.serviceWorker.controller)")
    while not page.evaluate(check):
        assert time.monotonic() < deadline, "the service worker never kept the survey page"
        page.wait_for_timeout(200)


@pytest.mark.parametrize("viewport", [pytest.param(None, id="landscape"), pytest.param(PORTRAIT, id="portrait")])
@pytest.mark.tablet(offline=True, service_workers=True)
def test_a_reload_while_offline_brings_the_survey_back_and_it_is_stored_once(kiosk, make_session, context, page,
                                                                            viewport):
    if viewport:
        page.set_viewport_size(viewport)
    session = make_session(bands=("A",))
    kiosk.unlock(session, shots=False)
    _wait_until_kept(page)

    context.set_offline(True)
    page.reload()
    kiosk.wait_phase("welcome")
    kiosk.shot("reloaded-offline")
    kiosk.start(age=7, shots=False)
    kiosk.answer_current_item("A", "yes", shots=False)
    kiosk.answer_current_item("A", "yes", shots=False)
    kiosk.answer_current_item("A", "no", shots=False)
    while kiosk.phase() == "item":
        kiosk.answer_current_item("A", "skip", shots=False)
    kiosk.send()
    waiting = json.loads(kiosk.local_storage()[OUTBOX])
    assert len(waiting) == 1 and responses() == []

    context.set_offline(False)
    (stored,) = wait_for_responses(1)
    assert str(stored.id) == waiting[0]["id"] and answers_of(stored) == {"P01": "no"}
    page.evaluate("MMCOutbox.flush()")
    page.wait_for_timeout(300)
    assert [str(r.id) for r in responses()] == [waiting[0]["id"]]
    expect(page.locator("#app")).to_be_visible()


@pytest.mark.tablet(service_workers=True)
def test_the_worker_is_served_for_the_kiosk_scope_and_refers_only_to_this_host(kiosk, make_session, page):
    session = make_session(bands=("A",))
    kiosk.unlock(session, shots=False)
    response = page.request.get(f"{kiosk.base}/k/sw.js")
    assert response.status == 200 and response.headers["service-worker-allowed"] == "/k/"
    assert "//" not in response.text().split("ASSETS = ")[1].split(";")[0]
