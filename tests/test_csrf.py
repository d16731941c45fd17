"""CSRF protection is on for every form outside tests; a forged POST is refused."""

import re

import pytest

from survey_app.auth.models import Role


@pytest.fixture
def app_config(app_config):
    app_config["WTF_CSRF_ENABLED"] = True
    return app_config


def _token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def test_forged_post_without_token_is_refused(client, make_user):
    user = make_user(Role.ADMIN)
    client.get("/lang/en")
    response = client.post("/auth/login", data={"email": user.email, "password": "correct-horse-battery"})
    assert response.status_code == 400
    assert "This form has expired" in response.get_data(as_text=True)


def test_forged_admin_action_is_refused_while_signed_in(client, db, make_user):
    admin = make_user(Role.ADMIN)
    token = _token(client.get("/auth/login").get_data(as_text=True))
    assert client.post("/auth/login", data={"email": admin.email, "password": "correct-horse-battery",
                                            "csrf_token": token}).status_code == 302
    forged = client.post("/auth/users/new", data={"email": "evil@example.org", "password": "long-password-1",
                                                  "roles": ["admin"], "csrf_token": "forged"})
    assert forged.status_code == 400
    from sqlalchemy import select

    from survey_app.auth.models import User

    assert db.session.scalar(select(User).where(User.email == "evil@example.org")) is None


def test_a_forged_paper_form_entry_stores_nothing(client, db, make_user, make_session):
    """The paper data-entry screen stores a child's answers: a cross-site post must not."""
    from sqlalchemy import func, select

    from survey_app.fieldwork.models import Response

    facilitator = make_user(Role.FACILITATOR)
    session = make_session(facilitator=facilitator, bands=("D",))
    token = _token(client.get("/auth/login").get_data(as_text=True))
    client.post("/auth/login", data={"email": facilitator.email, "password": "correct-horse-battery",
                                     "csrf_token": token})
    page = client.get(f"/sessions/{session.id}/paper/D/enter").get_data(as_text=True)
    submission_id = re.search(r'name="submission_id" type="hidden" value="([^"]+)"', page).group(1)
    forged = client.post(f"/sessions/{session.id}/paper/D/enter",
                         data={"submission_id": submission_id, "a-S01": "a", "csrf_token": "forged"})
    assert forged.status_code == 400
    assert db.session.scalar(select(func.count()).select_from(Response)) == 0
    genuine = client.post(f"/sessions/{session.id}/paper/D/enter",
                          data={"submission_id": submission_id, "a-S01": "a", "csrf_token": _token(page)})
    assert genuine.status_code == 302 and db.session.scalar(select(func.count()).select_from(Response)) == 1
