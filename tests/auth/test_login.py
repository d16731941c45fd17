"""Signing in and out: one message for every bad attempt, a throttle, safe cookies."""

import re

import pytest

from survey_app.auth.models import Role

GENERIC = "The e-mail address or password is not correct."


def test_login_with_good_credentials_redirects_home(client, make_user, auth):
    user = make_user(Role.RESEARCHER)
    response = auth.login(user.email)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    page = client.get("/").get_data(as_text=True)
    assert user.display_name in page


def test_login_email_is_case_insensitive(make_user, auth):
    user = make_user(Role.RESEARCHER, email="Mixed.Case@Example.org")
    assert auth.login("  MIXED.case@example.ORG ").status_code == 302
    assert user.email == "mixed.case@example.org"


@pytest.mark.parametrize("email, password", [("nobody@example.org", "whatever-password"), (None, "wrong-password")])
def test_unknown_account_and_wrong_password_get_the_same_message(client, make_user, auth, email, password):
    user = make_user(Role.ADMIN)
    client.get("/lang/en")
    response = auth.login(email or user.email, password)
    assert response.status_code == 200
    assert GENERIC in response.get_data(as_text=True)


def test_disabled_account_cannot_sign_in(client, make_user, auth):
    user = make_user(Role.ADMIN, active=False)
    client.get("/lang/en")
    response = auth.login(user.email)
    assert GENERIC in response.get_data(as_text=True)


def test_repeated_failures_are_throttled_with_a_clear_message(app, client, make_user, auth):
    user = make_user(Role.ADMIN)
    client.get("/lang/en")
    for _ in range(app.config["LOGIN_FREE_FAILURES"]):
        assert auth.login(user.email, "wrong-password!").status_code == 200
    response = auth.login(user.email)  # even the right password waits out the pause
    assert response.status_code == 429
    assert re.search(r"Too many failed sign-in attempts. Please wait (30|29) seconds and try again.",
                     response.get_data(as_text=True))


def test_failures_are_stored_without_the_email_address(app, db, make_user, auth):
    from sqlalchemy import select

    from survey_app.core.models import ThrottleHit

    auth.login("someone@example.org", "wrong-password!")
    digests = db.session.scalars(select(ThrottleHit.key_digest)).all()
    assert digests and all("someone" not in d for d in digests)


def test_logout_requires_post_and_signs_out(client, login_as):
    login_as(Role.ADMIN)
    assert client.get("/auth/logout").status_code == 405
    assert client.post("/auth/logout").status_code == 302
    assert client.get("/auth/users").status_code == 302  # back to the sign-in page


def test_session_cookie_is_httponly_and_samesite(client, make_user, auth):
    user = make_user(Role.ADMIN)
    response = auth.login(user.email)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_session_cookie_is_secure_behind_https(app_config, make_user):
    from survey_app import create_app
    from survey_app.extensions import db

    secure_app = create_app({**app_config, "SESSION_COOKIE_SECURE": True})
    with secure_app.app_context():
        try:
            user = make_user(Role.ADMIN)
            response = secure_app.test_client().post(
                "/auth/login", data={"email": user.email, "password": "correct-horse-battery"},
                base_url="https://localhost")
            assert "Secure" in response.headers["Set-Cookie"]
        finally:
            db.session.remove()
            db.engine.dispose()


@pytest.mark.parametrize("data", [{}, {"email": "x" * 5000, "password": "y"}, {"email": ["a", "b"]},
                                  {"email": "a@b.c", "password": "p" * 300}])
def test_malformed_login_posts_show_the_form_again(client, data):
    response = client.post("/auth/login", data=data)
    assert response.status_code == 200
    assert 'name="email"' in response.get_data(as_text=True)


def test_next_parameter_cannot_leave_the_site(client, make_user):
    user = make_user(Role.ADMIN)
    response = client.post("/auth/login?next=https://evil.example/x",
                           data={"email": user.email, "password": "correct-horse-battery"})
    assert response.headers["Location"] == "/"
