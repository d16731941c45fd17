"""Changes to accounts are recorded (who, whom, what, when) and shown to admins on the account audit page."""

from sqlalchemy import select

from survey_app.auth.models import Role, User
from survey_app.core.models import AuditEvent


def _events(db):
    return [(e.actor_id, e.action, e.target, e.detail) for e in
            db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def _page(client):
    client.get("/lang/en")
    response = client.get("/auth/users/audit")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_creating_an_account_is_recorded_with_its_roles(client, db, login_as):
    admin = login_as(Role.ADMIN)
    client.post("/auth/users/new", data={"email": "new.lead@example.org", "password": "a-long-enough-pass",
                                         "roles": ["safeguarding", "researcher"]})
    assert _events(db)[-1] == (admin.id, "create_account", "new.lead@example.org",
                               {"roles": ["researcher", "safeguarding"]})
    page = _page(client)
    assert "new.lead@example.org" in page and "Created, with roles: Researcher, Safeguarding lead" in page


def test_role_changes_record_what_was_given_and_taken_away(client, db, login_as, make_user):
    admin = login_as(Role.ADMIN)
    other = make_user(Role.FACILITATOR, Role.RESEARCHER)
    client.post(f"/auth/users/{other.id}", data={"roles": ["researcher", "safeguarding"], "active": "y"})
    assert _events(db)[-1] == (admin.id, "change_roles", other.email,
                               {"added": ["safeguarding"], "removed": ["facilitator"]})
    assert "Roles given: Safeguarding lead; Roles taken away: Facilitator" in " ".join(_page(client).split())


def test_an_admin_granting_themselves_safeguarding_shows_up(client, db, login_as):
    admin = login_as(Role.ADMIN)
    client.post(f"/auth/users/{admin.id}", data={"roles": ["admin", "safeguarding"], "active": "y"})
    assert _events(db)[-1] == (admin.id, "change_roles", admin.email, {"added": ["safeguarding"], "removed": []})
    page = _page(client)
    row = page[page.index('<tr class="highlight">'):]
    row = row[:row.index("</tr>")]
    assert admin.email in row and "(own account)" in row and "Roles given: Safeguarding lead" in row


def test_disabling_enabling_and_password_resets_are_recorded(client, db, login_as, make_user):
    admin = login_as(Role.ADMIN)
    other = make_user(Role.RESEARCHER)
    client.post(f"/auth/users/{other.id}", data={"roles": ["researcher"]})
    client.post(f"/auth/users/{other.id}", data={"roles": ["researcher"], "active": "y"})
    client.post(f"/auth/users/{other.id}", data={"roles": ["researcher"], "active": "y",
                                                 "new_password": "brand-new-secret"})
    assert [e[:3] for e in _events(db)[-3:]] == [(admin.id, "disable_account", other.email),
                                                  (admin.id, "enable_account", other.email),
                                                  (admin.id, "set_password", other.email)]
    page = _page(client)
    assert "Disabled" in page and "Enabled" in page and "New password set" in page
    assert "brand-new-secret" not in page and "brand-new-secret" not in str(_events(db))


def test_saving_without_changes_records_nothing(client, db, login_as, make_user):
    login_as(Role.ADMIN)
    other = make_user(Role.RESEARCHER)
    before = len(_events(db))
    client.post(f"/auth/users/{other.id}", data={"roles": ["researcher"], "active": "y"})
    assert len(_events(db)) == before


def test_a_refused_change_records_nothing(client, db, login_as):
    admin = login_as(Role.ADMIN)
    before = len(_events(db))
    client.post(f"/auth/users/{admin.id}", data={"roles": ["researcher"], "active": "y"})  # own admin role
    client.post(f"/auth/users/{admin.id}", data={"roles": ["admin"], "active": "y", "new_password": "short"})
    assert len(_events(db)) == before


def test_command_line_changes_show_as_the_command_line(client, db, runner, login_as):
    runner.invoke(args=["users", "create", "cli@example.org", "--role", "researcher"], input="a-strong-password\n")
    runner.invoke(args=["users", "set-password", "cli@example.org"], input="another-strong-pass\n")
    actions = [e for e in _events(db) if e[2] == "cli@example.org"]
    assert actions == [(None, "create_account", "cli@example.org", {"roles": ["researcher"], "via": "command line"}),
                       (None, "set_password", "cli@example.org", {"via": "command line"})]
    login_as(Role.ADMIN)
    page = _page(client)
    assert page.count("command line") >= 2


def test_only_admins_see_the_account_audit_and_it_is_linked(client, login_as, make_user, auth):
    lead = make_user(Role.SAFEGUARDING)
    auth.login(lead.email)
    assert client.get("/auth/users/audit").status_code == 403
    auth.logout()
    login_as(Role.ADMIN)
    assert 'href="/auth/users/audit"' in client.get("/auth/users").get_data(as_text=True)


def test_the_audit_page_is_in_chinese_by_default(client, login_as):
    login_as(Role.ADMIN)
    page = client.get("/auth/users/audit").get_data(as_text=True)
    assert "账号审计记录" in page and "已创建" in page


def test_an_actor_account_is_named_by_its_email_even_after_other_changes(client, db, login_as, make_user):
    admin = login_as(Role.ADMIN)
    other = make_user(Role.RESEARCHER)
    client.post(f"/auth/users/{other.id}", data={"roles": ["facilitator"], "active": "y"})
    assert db.session.get(User, admin.id).email in _page(client)
