"""A session's opening and closing times: absurd ones are refused with a message, never a 500."""

import pytest
from sqlalchemy import select

from survey_app.auth.models import Role
from survey_app.fieldwork.models import AnswerSession
from tests.fieldwork.test_sessions import _form


@pytest.mark.parametrize("overrides, message", [
    ({"opens_at": "0001-01-01T00:00"}, "The opening time must be"),
    ({"opens_at": "0001-01-01T09:00", "closes_at": "0001-01-01T10:00"}, "The opening time must be"),
    ({"opens_at": "9999-12-31T23:59", "closes_at": "9999-12-31T23:59"}, "The opening time must be"),
    ({"opens_at": "1999-12-31T23:00"}, "The opening time must be"),
    ({"closes_at": "9999-12-31T23:59"}, "A session can stay open for at most"),
    ({"closes_at": "0001-01-01T00:00"}, "The session must close after it opens."),
    ({"closes_at": "2026-12-01T09:00"}, "The session must close after it opens."),
])
def test_absurd_times_are_refused_with_a_message(client, db, login_as, shipped_version, overrides, message):
    login_as(Role.FACILITATOR)
    client.get("/lang/en")
    response = client.post("/sessions/new", data=_form(shipped_version, **overrides))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(AnswerSession)) is None


def test_the_message_is_in_the_page_language(client, db, login_as, shipped_version):
    login_as(Role.FACILITATOR)
    response = client.post("/sessions/new", data=_form(shipped_version, opens_at="0001-01-01T00:00"))
    assert response.status_code == 200 and "开始时间必须在 2000-01-01 至" in response.get_data(as_text=True)


def test_editing_a_session_to_year_one_is_refused(client, db, login_as, make_session, shipped_version):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user, state="draft")
    before = session.opens_at
    response = client.post(f"/sessions/{session.id}/edit", data=_form(shipped_version, opens_at="0001-01-01T00:00"))
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(AnswerSession, session.id).opens_at == before
