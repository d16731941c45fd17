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
