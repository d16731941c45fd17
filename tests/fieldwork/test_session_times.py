"""A session's opening and closing times: absurd ones are refused with a message, never a 500."""

from datetime import datetime, timedelta
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from survey_app.auth.models import Role
from survey_app.core.clock import as_utc
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


def _typed(moment) -> str:
    """A datetime as a datetime-local input sends it (four-digit year even for year 1)."""
    return f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}T{moment.hour:02d}:{moment.minute:02d}"


hostile_times = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59)).map(_typed),
    st.sampled_from(["0001-01-01T00:00", "9999-12-31T23:59", "2026-02-30T10:00", "2026-12-01T24:00",
                     "2026-12-01T09:00:00", "２０２６-１２-０１T０９:００", "10000-01-01T00:00", "-2026-12-01T09:00",
                     "", " ", "2026-12-01", "2026-12-01T09:00\x00"]),
    st.text(st.sampled_from("0123456789-T:"), max_size=5000),
    st.text(max_size=60),
)


def test_hostile_times_never_give_a_server_error(app, client, db, login_as, make_session, shipped_version):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user, state="draft")
    paths = ["/sessions/new", f"/sessions/{session.id}/edit"]

    @settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(path=st.sampled_from(paths), opens=hostile_times, closes=hostile_times)
    @example(path=paths[0], opens="0001-01-01T00:00", closes="0001-01-01T10:00")
    def check(path, opens, closes):
        response = client.post(path, data=_form(shipped_version, opens_at=opens, closes_at=closes))
        assert response.status_code < 500, (path, opens[:40], closes[:40])
        db.session.rollback()
        for stored in db.session.scalars(select(AnswerSession)):
            opened, closed = as_utc(stored.opens_at), as_utc(stored.closes_at)
            assert 2000 <= opened.year and opened < closed <= opened + timedelta(days=367)

    check()


def test_bytes_that_are_not_utf8_in_a_time_are_refused(client, db, login_as, shipped_version):
    """A lone surrogate can only arrive as broken UTF-8 (%ED%A0%80); the form treats it as no date."""
    login_as(Role.FACILITATOR)
    fields = urlencode(_form(shipped_version, opens_at="X"), doseq=True).replace("opens_at=X", "opens_at=%ED%A0%80")
    response = client.post("/sessions/new", data=fields, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200 and db.session.scalar(select(AnswerSession)) is None
