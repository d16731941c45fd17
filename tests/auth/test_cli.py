"""`flask users create` reads the password from standard input."""

from sqlalchemy import select
from werkzeug.security import check_password_hash

from survey_app.auth.models import Role, User


def test_create_first_admin_from_the_command_line(runner, db):
    result = runner.invoke(args=["users", "create", "Boss@Example.org", "--role", "admin", "--role", "researcher"],
                           input="a-strong-password\n")
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "boss@example.org"))
    assert user.roles == {Role.ADMIN, Role.RESEARCHER}
    assert check_password_hash(user.password_hash, "a-strong-password")
    assert "a-strong-password" not in result.output


def test_cli_refuses_weak_password_and_unknown_role(runner, db):
    weak = runner.invoke(args=["users", "create", "x@example.org", "--role", "admin"], input="123\n")
    assert weak.exit_code != 0 and "10" in weak.output
    unknown = runner.invoke(args=["users", "create", "x@example.org", "--role", "king"], input="long-password-1\n")
    assert unknown.exit_code != 0
    assert db.session.scalar(select(User)) is None


def test_users_list_shows_roles(runner, make_user):
    make_user(Role.SAFEGUARDING, email="lead@example.org")
    result = runner.invoke(args=["users", "list"])
    assert "lead@example.org\tsafeguarding\tactive" in result.output


def _signed_in(app, email, password):
    client = app.test_client()
    assert client.post("/auth/login", data={"email": email, "password": password}).status_code == 302
    return client


def test_set_password_from_standard_input_and_old_sessions_end(app, runner, db, make_user):
    user = make_user(Role.RESEARCHER, email="lost@example.org")
    old = _signed_in(app, user.email, "correct-horse-battery")
    result = runner.invoke(args=["users", "set-password", "Lost@Example.org"], input="a-fresh-password\n")
    assert result.exit_code == 0, result.output
    assert "new password set for lost@example.org" in result.output and "a-fresh-password" not in result.output
    db.session.expire_all()
    assert check_password_hash(db.session.get(User, user.id).password_hash, "a-fresh-password")
    assert old.get("/questionnaires/").status_code == 302  # the old session is over
    _signed_in(app, user.email, "a-fresh-password")


def test_set_password_prompts_twice_on_a_terminal(runner, db, make_user, monkeypatch):
    import survey_app.auth.cli as cli

    user = make_user(Role.ADMIN, email="admin@demo.local")
    monkeypatch.setattr(cli, "_stdin_is_terminal", lambda: True)
    result = runner.invoke(args=["users", "set-password", user.email],
                           input="one-new-password\nanother-password\nthe-new-password\nthe-new-password\n")
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output
    db.session.expire_all()
    assert check_password_hash(db.session.get(User, user.id).password_hash, "the-new-password")


def test_set_password_refuses_unknown_accounts_and_weak_passwords(runner, db, make_user):
    user = make_user(Role.ADMIN)
    unknown = runner.invoke(args=["users", "set-password", "nobody@example.org"], input="a-fresh-password\n")
    assert unknown.exit_code != 0 and "no account for nobody@example.org" in unknown.output
    weak = runner.invoke(args=["users", "set-password", user.email], input="1234\n")
    assert weak.exit_code != 0 and "10" in weak.output
    db.session.expire_all()
    assert check_password_hash(db.session.get(User, user.id).password_hash, "correct-horse-battery")


def test_set_password_on_a_disabled_account_says_so(runner, make_user):
    user = make_user(Role.RESEARCHER, active=False)
    result = runner.invoke(args=["users", "set-password", user.email], input="a-fresh-password\n")
    assert result.exit_code == 0 and "disabled" in result.output
