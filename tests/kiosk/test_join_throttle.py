"""Guessing join codes is throttled on every route that tells whether a code exists, per client address.

Only unknown codes count: a classroom of tablets behind one address uses its own code all day.
"""

import secrets
import uuid

import pytest
from sqlalchemy import func, select

from survey_app.fieldwork.codes import JOIN_ALPHABET, JOIN_LENGTH
from survey_app.fieldwork.models import Response
from tests.fixtures.sessions import ORIGIN, PIN

SCHOOL = "203.0.113.7"
ELSEWHERE = "198.51.100.20"


def _client(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def _random_code() -> str:
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_LENGTH))


def _probe(client, route: str, code: str):
    """Ask one code-revealing route about ``code``, as a stranger's script would."""
    if route == "submit":
        return client.post(f"/k/{code}/submit", json={"submission_id": str(uuid.uuid4()), "band": "D",
                                                      "answers": {}}, headers=ORIGIN)
    if route == "release":
        return client.post(f"/k/{code}/release", data={"pin": "0000"}, headers=ORIGIN)
    if route == "join":
        return client.post("/k/", data={"code": code}, headers=ORIGIN)
    return client.get({"unlock": f"/k/{code}/unlock", "survey": f"/k/{code}/", "basic": f"/k/{code}/basic"}[route])


ROUTES = ["unlock", "survey", "basic", "submit", "release"]
UNKNOWN_STATUS = {"unlock": 404, "survey": 404, "basic": 404, "submit": 404, "release": 302, "join": 404}


@pytest.mark.parametrize("route", ROUTES)
def test_random_codes_on_each_route_are_throttled(app, route):
    client = _client(app, SCHOOL)
    limit = app.config["JOIN_MAX_FAILURES"]
    for _ in range(limit):
        assert _probe(client, route, _random_code()).status_code == UNKNOWN_STATUS[route]
    refused = _probe(client, route, _random_code())
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == str(app.config["JOIN_LOCK_SECONDS"])
    if route == "submit":
        assert refused.json == {"error": "too_many_attempts"}


def test_every_code_route_counts_toward_one_throttle(app):
    client = _client(app, SCHOOL)
    probes = [*ROUTES, "join"] * 2
    for route in probes[: app.config["JOIN_MAX_FAILURES"]]:
        assert _probe(client, route, _random_code()).status_code == UNKNOWN_STATUS[route]
    assert all(_probe(client, route, _random_code()).status_code == 429 for route in [*ROUTES, "join"])


def test_a_throttled_client_learns_nothing_about_real_codes(app, make_session):
    """Once throttled, a real code gets the same 429 as a made-up one, in the visitor's language."""
    session = make_session(language="en")
    client = _client(app, SCHOOL)
    for _ in range(app.config["JOIN_MAX_FAILURES"]):
        _probe(client, "unlock", _random_code())
    for route in [*ROUTES, "join"]:
        real, made_up = _probe(client, route, session.join_code), _probe(client, route, _random_code())
        assert real.status_code == made_up.status_code == 429, route
        assert real.get_data() == made_up.get_data(), route
    page = _probe(client, "unlock", session.join_code).get_data(as_text=True)
    assert "尝试次数太多" in page and "Too many" not in page  # not the session's English


def test_the_throttle_page_speaks_the_visitors_chosen_language(app):
    client = _client(app, SCHOOL)
    client.get("/lang/en")
    for _ in range(app.config["JOIN_MAX_FAILURES"]):
        _probe(client, "survey", _random_code())
    page = _probe(client, "survey", _random_code()).get_data(as_text=True)
    assert "Too many unknown join codes were tried from this network" in page


def test_a_classroom_behind_one_address_is_never_throttled_on_its_own_code(app, make_session, db):
    session = make_session()
    tablets = [_client(app, SCHOOL) for _ in range(3)]
    for tablet in tablets:
        assert tablet.post(f"/k/{session.join_code}/unlock", data={"pin": PIN}, headers=ORIGIN).status_code == 302
    visitor = _client(app, SCHOOL)  # a tablet not unlocked yet, reloading its page
    for round_ in range(60):
        for tablet in tablets:
            sent = tablet.post(f"/k/{session.join_code}/submit", json={
                "submission_id": str(uuid.uuid4()), "band": "D", "answers": {"S01": "a"}}, headers=ORIGIN)
            assert sent.status_code == 201, (round_, sent.get_data(as_text=True))
        assert visitor.get(f"/k/{session.join_code}/").status_code == 302
        assert visitor.get(f"/k/{session.join_code}/unlock").status_code == 200
    assert db.session.scalar(select(func.count()).select_from(Response)) == 180


def test_locked_tablets_keep_working_when_their_network_is_throttled(app, make_session, db):
    session = make_session()
    tablet = _client(app, SCHOOL)
    tablet.post(f"/k/{session.join_code}/unlock", data={"pin": PIN}, headers=ORIGIN)
    prankster = _client(app, SCHOOL)
    for _ in range(app.config["JOIN_MAX_FAILURES"] + 5):
        _probe(prankster, "unlock", _random_code())
    assert _probe(prankster, "unlock", session.join_code).status_code == 429
    assert tablet.get(f"/k/{session.join_code}/").status_code == 200
    assert tablet.get(f"/k/{session.join_code}/basic").status_code == 200
    sent = tablet.post(f"/k/{session.join_code}/submit", json={
        "submission_id": str(uuid.uuid4()), "band": "D", "answers": {"S01": "a"}}, headers=ORIGIN)
    assert sent.status_code == 201
    released = tablet.post(f"/k/{session.join_code}/release", data={"pin": PIN}, headers=ORIGIN)
    assert released.status_code == 302 and released.headers["Location"].endswith("/k/")


def test_other_addresses_are_not_throttled(app, make_session):
    session = make_session()
    stranger = _client(app, ELSEWHERE)
    for _ in range(app.config["JOIN_MAX_FAILURES"] + 1):
        _probe(stranger, "survey", _random_code())
    assert _probe(stranger, "survey", _random_code()).status_code == 429
    school = _client(app, SCHOOL)
    assert _probe(school, "survey", _random_code()).status_code == 404
    assert school.get(f"/k/{session.join_code}/unlock").status_code == 200
