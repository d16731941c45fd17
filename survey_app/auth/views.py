"""Sign in, sign out, and the admin's user pages."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..core.urls import safe_next_url
from ..extensions import db
from . import devices, history, services
from .forms import LoginForm, LogoutForm, UserCreateForm, UserEditForm
from .login import roles_required
from .models import Role, User

bp = Blueprint("auth", __name__, url_prefix="/auth")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign a member of staff in."""
    form = LoginForm()
    if form.validate_on_submit():
        client = services.SignInClient(request.remote_addr or "", devices.read_devices())
        try:
            signed_in = services.authenticate_user(form.email.data, form.password.data, client)
        except services.AccountError as error:
            db.session.commit()  # keep the recorded failure
            form.password.errors.append(str(error))
            if isinstance(error, services.LoginThrottled):
                return render_template("auth/login.html", form=form), 429, {"Retry-After": str(error.retry_after)}
            return render_template("auth/login.html", form=form)
        db.session.commit()
        login_user(signed_in.user)
        response = redirect(safe_next_url(request.args.get("next"), url_for("core.home")))
        return devices.remember_device(response, signed_in.user.id, signed_in.device)
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    """Sign out."""
    if LogoutForm().validate_on_submit():
        services.sign_out(current_user._get_current_object())
        db.session.commit()
        logout_user()
        flash(_("You are signed out."), "info")
    return redirect(url_for("core.home"))


@bp.get("/users")
@roles_required(Role.ADMIN)
def users():
    """List staff accounts."""
    return render_template("auth/users.html", users=services.list_users())


@bp.route("/users/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def user_new():
    """Create a staff account."""
    form = UserCreateForm()
    if form.validate_on_submit():
        try:
            services.create_user(form.email.data, form.password.data, {Role(r) for r in form.roles.data},
                                 form.display_name.data or "", actor=current_user)
        except services.AccountError as error:
            form.password.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Account created."), "success")
            return redirect(url_for("auth.users"))
    return render_template("auth/user_form.html", form=form, user=None)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def user_edit(user_id: int):
    """Change a staff account's roles, access or password."""
    user = db.get_or_404(User, user_id)
    form = UserEditForm(data={"roles": [role.value for role in user.roles], "active": user.active})
    if form.validate_on_submit():
        try:
            services.update_user(user, roles={Role(r) for r in form.roles.data},
                                 active=form.active.data, actor=current_user)
            if form.new_password.data:
                services.set_password(user, form.new_password.data, actor=current_user)
        except services.AccountError as error:
            db.session.rollback()
            form.roles.errors.append(str(error))
        else:
            db.session.commit()
            if user.id == current_user.id:
                login_user(user)  # changing your own password or roles ends your other sessions, not this one
            flash(_("Changes saved."), "success")
            return redirect(url_for("auth.users"))
    return render_template("auth/user_form.html", form=form, user=user)


@bp.get("/users/audit")
@roles_required(Role.ADMIN)
def account_audit():
    """Who created, disabled, enabled, re-roled or reset the password of which account, and when."""
    return render_template("auth/audit.html", events=history.list_account_events())
