"""Input a stranger controls, at the submit endpoint and on the no-JavaScript pages: a clear 4xx, never a 5xx.

Each named case from the attack on the landed product is a test here; the properties at the end
drive both entry points with generated hostile input. "No partial rows": a refused request leaves
every table a child's answers reach exactly as it was. Runs on SQLite, then PostgreSQL.
"""

from __future__ import annotations

import json
import re
import uuid
from html import unescape

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from survey_app.extensions import db as _db
from survey_app.fieldwork.models import Answer, AnswerTally, Response, TextAnswer
from survey_app.safeguarding.models import SafeguardingConcern
from tests.fixtures.sessions import ORIGIN

STREET = "440304002"  # a demo street (福田区 华富街道)
CHILD_TABLES = (Response, Answer, TextAnswer, AnswerTally, SafeguardingConcern)


def _counts() -> tuple[int, ...]:
    return tuple(_db.session.scalar(select(func.count()).select_from(model)) for model in CHILD_TABLES)


def _nothing_stored() -> bool:
    return not any(_counts())


def _send(client, session, body, content_type="application/json"):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(f"/k/{session.join_code}/submit", data=data, content_type=content_type, headers=ORIGIN)


def _payload(answers, submission_id=None, band="D"):
    return {"submission_id": submission_id or str(uuid.uuid4()), "band": band, "answers": answers}


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


# ---- the cases found by the attack ----------------------------------------------------------------

@pytest.mark.parametrize("body", [
    _nested(1000),
    f'{{"submission_id": "{uuid.uuid4()}", "band": "D", "answers": {{"O04": {_nested(5000)}}}}}',
    '{"a":' * 50_000 + "1" + "}" * 50_000,
])
def test_deeply_nested_json_is_refused_with_400(kiosk, body):
    client, session = kiosk
    response = _send(client, session, body)
    assert response.status_code == 400
    assert response.json["error"] == "提交的内容格式不正确。"
    assert _nothing_stored()


@pytest.mark.parametrize("answers", [{"O04": "\ud800"}, {"O04": "好\udfff"}, {"HOME_STREET": "\ud800"},
                                     {"\ud800": "a"}])
def test_a_lone_surrogate_in_any_answer_is_refused(kiosk, answers):
    client, session = kiosk
    body = json.dumps(_payload(answers))  # json.dumps writes the lone surrogate as the escape \ud800
    assert "\\ud8" in body or "\\udf" in body
    response = _send(client, session, body)
    assert response.status_code == 400 and response.json["error"]
    assert _nothing_stored()


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e999", "1" * 5000, "-" + "9" * 41])
def test_numbers_that_are_not_finite_or_absurdly_long_are_refused(kiosk, literal):
    client, session = kiosk
    body = f'{{"submission_id": "{uuid.uuid4()}", "band": "D", "answers": {{"S01": {literal}}}}}'
    assert _send(client, session, body).status_code == 400
    assert _nothing_stored()


@pytest.mark.parametrize("place", ["440304002 ", " 440304002", "４４０３０４００２", "440304002\n", "4403040020" * 3,
                                   "'; DROP TABLE places; --"])
def test_place_answers_must_be_exactly_a_known_code(kiosk, place):
    client, session = kiosk
    response = _send(client, session, _payload({"HOME_STREET": place}))
    assert response.status_code == 422 and "HOME_STREET" in response.json["errors"]
    assert _nothing_stored()


def test_a_known_place_code_is_still_accepted(kiosk):
    client, session = kiosk
    assert _send(client, session, _payload({"HOME_STREET": STREET})).status_code == 201


# ---- one id, one row ----------------------------------------------------------------------------

@pytest.mark.parametrize("spelling", ["{id}\n", "{id} ", " {id}", "{ID}", "{{{id}}}", "urn:uuid:{id}", "{hex}"])
def test_only_the_canonical_spelling_of_an_id_is_accepted(kiosk, spelling):
    client, session = kiosk
    canonical = str(uuid.uuid4())
    assert _send(client, session, _payload({"S01": "a"}, canonical)).status_code == 201
    other = spelling.format(id=canonical, ID=canonical.upper(), hex=canonical.replace("-", ""))
    response = _send(client, session, _payload({"S01": "a"}, other))
    assert response.status_code == 400
    assert response.json["error"] == "提交编号无效。"
    assert _db.session.scalar(select(func.count()).select_from(Response)) == 1


def test_ids_are_stored_in_a_uuid_column(kiosk):
    client, session = kiosk
    submission_id = str(uuid.uuid4())
    _send(client, session, _payload({"S01": "a"}, submission_id))
    stored = _db.session.scalar(select(Response))
    assert stored.id == uuid.UUID(submission_id)
    assert _db.session.scalar(select(Answer.response_id)) == uuid.UUID(submission_id)
    native = _db.session.execute(select(func.count()).select_from(Response).where(
        Response.id == uuid.UUID(submission_id))).scalar()
    assert native == 1


# ---- the no-JavaScript pages --------------------------------------------------------------------

def _basic(client, session, state, step, **fields):
    response = client.post(f"/k/{session.join_code}/basic", data={"state": state, "step": step, **fields},
                           headers=ORIGIN)
    found = re.search(r'name="state" value="([^"]*)"', response.get_data(as_text=True))
    return response, unescape(found[1]) if found else None


def _fresh_state(client, session) -> str:
    page = client.get(f"/k/{session.join_code}/basic").get_data(as_text=True)
    return unescape(re.search(r'name="state" value="([^"]*)"', page)[1])


@pytest.mark.parametrize("age", ["1" * 5000, "²", "١٣", "13.0", "-13", "", "age:13"])
def test_an_age_that_is_not_one_of_the_buttons_asks_again_with_422(kiosk, age):
    client, session = kiosk
    _, state = _basic(client, session, _fresh_state(client, session), "welcome", action="start")
    response, _ = _basic(client, session, state, "age", action=f"age:{age}")
    assert response.status_code == 422
    assert "请点你的年龄。" in response.get_data(as_text=True)


@pytest.mark.parametrize("state", [_nested(1000), '{"answers":' * 1000 + "{}" + "}" * 1000, "[]", "null", "x" * 70_000,
                                   '{"sid": "\\ud800"}', '{"index": 1e999}', "{"])
def test_an_unreadable_state_starts_over_with_400(kiosk, state):
    client, session = kiosk
    response, fresh = _basic(client, session, state, "item", action="next", answer="a")
    assert response.status_code == 400
    assert "这一页无法读取" in response.get_data(as_text=True)
    assert json.loads(fresh)["answers"] == {}
    assert _nothing_stored()


def test_a_state_with_a_forged_submission_id_gets_a_fresh_one(kiosk):
    client, session = kiosk
    forged = json.dumps({"sid": str(uuid.uuid4()) + "\n", "band": "D", "answers": {}, "index": 0})
    _, state = _basic(client, session, forged, "assent", action="agree")
    assert uuid.UUID(json.loads(state)["sid"]).version == 4 and "\n" not in json.loads(state)["sid"]


# ---- properties ---------------------------------------------------------------------------------

json_leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                        st.text(max_size=30), st.sampled_from(["a", "sd", "court", "\ud800", STREET, "", " "]))
json_values = st.recursive(json_leaves, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=20)
item_codes = st.sampled_from(["S01", "P08", "O06", "O04", "O05_WHY", "HOME_STREET", "GENDER", "R04", "NOPE", ""])
submissions = st.fixed_dictionaries(
    {"submission_id": st.one_of(st.uuids(version=4).map(str), st.text(max_size=40), json_leaves),
     "band": st.one_of(st.sampled_from(["A", "B", "C", "D", "Z", ""]), json_leaves),
     "answers": st.one_of(st.dictionaries(item_codes, json_values, max_size=6), json_values)},
    optional={"device": json_leaves})


def _raw_body(draw_value) -> str:
    return json.dumps(draw_value, allow_nan=True)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(body=st.one_of(submissions.map(_raw_body), st.text(max_size=200),
                      st.integers(1, 3000).map(_nested), st.binary(max_size=100)))
@example(body=_nested(1000))
@example(body=json.dumps(_payload({"O04": "\ud800"})))
def test_property_submit_never_fails_and_refusals_store_nothing(kiosk, body):
    client, session = kiosk
    before = _counts()
    response = _send(client, session, body)
    assert response.status_code < 500, response.get_data(as_text=True)[:300]
    if response.status_code not in (200, 201):
        assert _counts() == before
        assert response.json["error"]


states = st.one_of(st.text(max_size=200), st.integers(1, 3000).map(_nested),
                   st.fixed_dictionaries({"sid": json_leaves, "band": json_leaves, "answers": json_values,
                                          "index": json_leaves}).map(_raw_body))
steps = st.sampled_from(["welcome", "age", "assent", "item", "done", "notnow", "", "x" * 100])
actions = st.one_of(st.sampled_from(["start", "agree", "next", "skip", "back", "send", "age:13", "age:7"]),
                    st.text(max_size=50), st.integers(0, 10**5000 // 10**4990).map(lambda n: f"age:{n}"))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(state=states, step=steps, action=actions, answer=st.one_of(st.text(max_size=60), st.just(STREET)),
       optout=st.sampled_from(["", "dont_know", "prefer_not", "x"]))
@example(state="", step="age", action="age:" + "9" * 5000, answer="", optout="")
def test_property_no_javascript_pages_never_fail(kiosk, state, step, action, answer, optout):
    client, session = kiosk
    before = _counts()
    response, _ = _basic(client, session, state, step, action=action, answer=answer, optout=optout)
    assert response.status_code < 500, response.get_data(as_text=True)[:300]
    if response.status_code >= 400:
        assert _counts() == before
