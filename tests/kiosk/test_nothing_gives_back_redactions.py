"""Nothing stored gives back what screening removed: an attacker holding the whole database tries.

The landed intake kept an unsalted SHA-256 of the raw answers, so a redacted mobile or ID number
came back by trying every candidate. Here the attacker knows the session, the band, the item and
every word around the number (everything but the number itself), reads every table, and tries every
candidate with the old recipe and with the intake's own fingerprint. No candidate may stand out.
"""

from __future__ import annotations

import hashlib
import json
import uuid

from sqlalchemy import select

from survey_app.extensions import db as _db
from survey_app.fieldwork import intake
from survey_app.fieldwork.models import Response
from tests.fixtures.sessions import ORIGIN

MOBILE_PREFIX, MOBILE_SECRET = "1381234", "5678"
AROUND = "我的电话是{}，请联系我"


def _id_number(body17: str) -> str:
    """A resident ID number with its real check digit (GB 11643), so the screener recognises it."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body17 + "10X98765432"[sum(int(d) * w for d, w in zip(body17, weights, strict=True)) % 11]


def _submit(client, session, text):
    payload = {"submission_id": str(uuid.uuid4()), "band": "D", "answers": {"O04": text, "S01": "a"}}
    response = client.post(f"/k/{session.join_code}/submit", json=payload, headers=ORIGIN)
    assert response.status_code == 201
    return payload


def _every_stored_value() -> list[str]:
    values = []
    for table in _db.metadata.sorted_tables:
        for row in _db.session.execute(select(table)):
            values.extend(str(value) for value in row)
    return values


def _old_recipe(session_id: int, band: str, answers: dict) -> str:
    canonical = json.dumps([session_id, band, answers], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def test_a_redacted_mobile_number_cannot_be_brute_forced_from_the_database(kiosk):
    client, session = kiosk
    secret = MOBILE_PREFIX + MOBILE_SECRET
    payload = _submit(client, session, AROUND.format(secret))
    stored = _db.session.scalar(select(Response))
    everything = _every_stored_value()
    assert not any(secret in value or MOBILE_SECRET in value for value in everything)

    candidates = [MOBILE_PREFIX + f"{n:04d}" for n in range(10_000)]
    fingerprints = set(everything)
    for recipe in (hashlib.sha256, hashlib.md5, hashlib.sha1):
        assert not any(recipe(c.encode()).hexdigest() in fingerprints for c in candidates)
    old_hits = [c for c in candidates
                if _old_recipe(session.id, "D", {**payload["answers"], "O04": AROUND.format(c)}) in fingerprints]
    assert old_hits == []

    # The intake's own fingerprint, recomputed for a sample of candidates: all alike, so none stands out.
    sample = candidates[::97] + [secret]
    own = {c: intake.digest_of(session.id, "D", intake.stored_rows(
        session, "D", {"O04": AROUND.format(c), "S01": "a"}, None)) for c in sample}
    assert set(own.values()) == {stored.payload_digest}


def test_a_redacted_id_number_leaves_no_trace(kiosk):
    client, session = kiosk
    number = _id_number("44030420100101123")
    _submit(client, session, f"身份证{number}")
    everything = _every_stored_value()
    assert not any(number[:-1] in value for value in everything)
    fingerprints = set(everything)
    assert hashlib.sha256(number.encode()).hexdigest() not in fingerprints


def test_a_retry_is_still_recognised_and_other_content_still_refused(kiosk):
    client, session = kiosk
    payload = _submit(client, session, AROUND.format("13812345678"))
    again = client.post(f"/k/{session.join_code}/submit", json=payload, headers=ORIGIN)
    assert again.status_code == 200 and again.json["stored"] is False
    payload["answers"]["S01"] = "sd"
    assert client.post(f"/k/{session.join_code}/submit", json=payload, headers=ORIGIN).status_code == 409
