"""Signed-in sessions end on the server: sign-out, a new password, disabling and role removal."""

import pytest

from survey_app.auth.models import Role
from tests.fixtures.users import PASSWORD


def _signed_in(app, user, password=PASSWORD):
    client = app.test_client()
    assert client.post("/auth/login", data={"email": user.email, "password": password}).status_code == 302
    return client


def _copy(app, client):
    """Another browser holding a copy of ``client``'s session cookie (stolen, or just another tab)."""
    other = app.test_client()
    other.set_cookie("session", client.get_cookie("session").value)
    return other


def _works(client, path="/questionnaires/") -> bool:
    response = client.get(path)
    assert response.status_code in (200, 302), response.status_code
    return response.status_code == 200


def _edit(admin_client, user, **data):
    data.setdefault("roles", [role.value for role in user.roles])
    data.setdefault("active", "y")
    response = admin_client.post(f"/auth/users/{user.id}", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)


def test_a_cookie_copied_before_sign_out_stops_working(app, make_user):
    user = make_user(Role.RESEARCHER)
    browser = _signed_in(app, user)
    copy = _copy(app, browser)
    assert _works(copy)
    browser.post("/auth/logout")
    assert not _works(copy) and not _works(browser)
    assert _works(_signed_in(app, user))  # signing in again works


def test_a_new_password_set_by_an_admin_ends_the_old_sessions(app, make_user):
    admin, user = make_user(Role.ADMIN), make_user(Role.RESEARCHER)
    old = _signed_in(app, user)
    _edit(_signed_in(app, admin), user, new_password="brand-new-secret")
    assert not _works(old)
    assert _works(_signed_in(app, user, "brand-new-secret"))


@pytest.mark.parametrize("change", ["disable", "remove_role"])
def test_disabling_or_removing_a_role_ends_the_sessions(app, make_user, change):
    admin, user = make_user(Role.ADMIN), make_user(Role.RESEARCHER, Role.SAFEGUARDING)
    old = _signed_in(app, user)
    assert _works(old, "/safeguarding/")
    if change == "disable":
        _edit(_signed_in(app, admin), user, active="")
    else:
        _edit(_signed_in(app, admin), user, roles=["researcher"])
    assert not _works(old)


def test_adding_a_role_keeps_the_session(app, make_user):
    admin, user = make_user(Role.ADMIN), make_user(Role.RESEARCHER)
    browser = _signed_in(app, user)
    _edit(_signed_in(app, admin), user, roles=["researcher", "facilitator"])
    assert _works(browser) and _works(browser, "/sessions/")


def test_an_admin_changing_their_own_password_stays_signed_in_here_only(app, make_user):
    admin = make_user(Role.ADMIN)
    here, elsewhere = _signed_in(app, admin), _signed_in(app, admin)
    _edit(here, admin, roles=["admin"], new_password="my-own-new-secret")
    assert _works(here, "/auth/users")
    assert not _works(elsewhere)


def test_a_changed_address_keeps_staff_signed_in(app, make_user):
    """School Wi-Fi to mobile data must not sign a facilitator out in the middle of a session."""
    user = make_user(Role.RESEARCHER)
    browser = _signed_in(app, user)
    browser.environ_base["REMOTE_ADDR"] = "198.51.100.9"
    assert _works(browser)


@pytest.mark.parametrize("forged", ["1", "1:", "1:-1", "x:0", "1:0:0", "9" * 50 + ":0"])
def test_a_session_with_a_malformed_user_id_is_anonymous(app, make_user, forged):
    user = make_user(Role.RESEARCHER)
    browser = _signed_in(app, user)
    with browser.session_transaction() as session:
        session["_user_id"] = forged
    assert not _works(browser)
