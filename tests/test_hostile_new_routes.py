"""The routes this round added (discard, policy brief and its PDF, exports, codebook, export log) under
hostile input: lone surrogates, huge numbers, oversize values, repeated parameters, replays, wrong role.
Each answers with a page or a refusal that says why, never a 500."""

import pytest

from survey_app.auth.models import Role

# a lone surrogate travels as its UTF-8 bytes (ED A0 80); the test client cannot encode the str itself
HOSTILE = ["%ED%A0%80", "\xed\xa0\x80", "9" * 400, "x" * 20_000, "-1e309", "[" * 500 + "]" * 500,
           "{\"a\": {\"b\": 1}}", "\x00"]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("field", ["band", "place", "setting", "first_month", "last_month", "layout", "file_format",
                                   "labels", "lang", "encoding", "include_text"])
def test_export_parameters(client, login_as, shipped_version, field, value):
    login_as(Role.RESEARCHER)
    response = client.get(f"/exports/{shipped_version.id}", query_string={"download": "1", field: value})
    assert response.status_code in (200, 400), response.status_code


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("path", ["brief", "brief.pdf"])
def test_brief_parameters(client, login_as, shipped_version, path, value):
    login_as(Role.RESEARCHER)
    for field in ("action", "place", "first_month", "audience"):
        response = client.get(f"/results/{shipped_version.id}/{path}", query_string={field: value})
        assert response.status_code in (200, 400), (field, response.status_code)


def test_repeated_parameters_and_huge_ids(client, login_as, shipped_version):
    login_as(Role.ADMIN)
    assert client.get(f"/exports/{shipped_version.id}?download=1&band=A&band=B&layout=long&layout=wide"
                      ).status_code in (200, 400)
    for path in ("/exports/" + "9" * 400, "/exports/99999999999999999999/codebook", "/exports/-1"):
        assert client.get(path).status_code == 404
    assert client.get("/exports/log?limit=" + "9" * 400).status_code == 200
    assert client.post("/sessions/" + "9" * 400 + "/discard").status_code == 404


@pytest.mark.parametrize("value", HOSTILE + [["A", "B"]])
def test_discard_confirmation_and_replay(client, login_as, make_session, kiosk_submit, value):
    from datetime import timedelta

    from survey_app.extensions import db
    from survey_app.models_base import utcnow

    session = make_session()
    kiosk_submit(session, "B", {"S01": "yes"})
    session.status = "closed"
    session.opens_at, session.closes_at = utcnow() - timedelta(hours=2), utcnow() - timedelta(hours=1)
    db.session.commit()
    login_as(Role.ADMIN)
    assert client.post(f"/sessions/{session.id}/discard", data={"join_code": value}).status_code == 302
    for _ in range(2):  # confirmed, then the same request replayed: nothing left to discard, no error
        assert client.post(f"/sessions/{session.id}/discard",
                           data={"join_code": session.join_code}).status_code == 302
