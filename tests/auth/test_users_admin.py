"""The admin's user pages: create, disable, re-role; never lose the last admin."""

from sqlalchemy import select

from survey_app.auth.models import Role, User


def _user(db, email):
    return db.session.scalar(select(User).where(User.email == email))


def test_admin_creates_a_user_with_several_roles(client, db, login_as):
    login_as(Role.ADMIN)
    response = client.post("/auth/users/new", data={
        "email": "new.person@example.org", "display_name": "New Person",
        "password": "a-long-enough-pass", "roles": ["facilitator", "researcher"]})
    assert response.status_code == 302
    user = _user(db, "new.person@example.org")
    assert user.roles == {Role.FACILITATOR, Role.RESEARCHER}
    assert "a-long-enough-pass" not in user.password_hash
    assert "new.person@example.org" in client.get("/auth/users").get_data(as_text=True)


def test_weak_password_and_duplicate_email_are_refused(client, db, login_as):
    admin = login_as(Role.ADMIN)
    client.get("/lang/en")
    weak = client.post("/auth/users/new", data={"email": "w@example.org", "password": "12345678901",
                                                "roles": ["researcher"]})
    assert "too easy to guess" in weak.get_data(as_text=True)
    short = client.post("/auth/users/new", data={"email": "w@example.org", "password": "short",
                                                 "roles": ["researcher"]})
    assert "at least 10 characters" in short.get_data(as_text=True)
    taken = client.post("/auth/users/new", data={"email": admin.email, "password": "a-long-enough-pass",
                                                 "roles": ["researcher"]})
    assert "already exists" in taken.get_data(as_text=True)
    assert _user(db, "w@example.org") is None


def test_unknown_role_is_a_field_error(client, login_as):
    login_as(Role.ADMIN)
    client.get("/lang/en")
    response = client.post("/auth/users/new", data={"email": "r@example.org", "password": "a-long-enough-pass",
                                                    "roles": ["superuser"]})
    assert response.status_code == 200
    assert "is not a valid choice" in response.get_data(as_text=True)


def test_admin_disables_and_reroles_a_user(client, db, login_as, make_user, auth):
    login_as(Role.ADMIN)
    other = make_user(Role.FACILITATOR)
    response = client.post(f"/auth/users/{other.id}", data={"roles": ["researcher", "safeguarding"]})
    assert response.status_code == 302
    db.session.expire_all()
    changed = db.session.get(User, other.id)
    assert changed.roles == {Role.RESEARCHER, Role.SAFEGUARDING}
    assert changed.active is False  # the box was not ticked
    auth.logout()
    assert auth.login(other.email).status_code == 200  # disabled: stays on the form


def test_admin_cannot_remove_own_admin_role(client, db, login_as):
    admin = login_as(Role.ADMIN)
    client.get("/lang/en")
    response = client.post(f"/auth/users/{admin.id}", data={"roles": ["researcher"], "active": "y"})
    assert "cannot remove your own admin access" in response.get_data(as_text=True)
    db.session.expire_all()
    assert Role.ADMIN in db.session.get(User, admin.id).roles


def test_admin_sets_a_new_password(client, db, login_as, make_user, auth):
    login_as(Role.ADMIN)
    other = make_user(Role.RESEARCHER)
    client.post(f"/auth/users/{other.id}", data={"roles": ["researcher"], "active": "y",
                                                 "new_password": "brand-new-secret"})
    auth.logout()
    assert auth.login(other.email, "brand-new-secret").status_code == 302


def test_editing_a_missing_user_is_404(client, login_as):
    login_as(Role.ADMIN)
    assert client.get("/auth/users/99999").status_code == 404
