from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from app import audit
from app.extensions import db, limiter, login_manager
from app.identity import bp, mailing, services
from app.identity.forms import (
    EmailRequestForm,
    LoginForm,
    PasswordForm,
    RedeemForm,
    ResetPasswordForm,
)
from app.identity.models import ROLES
from app.identity.passwords import verify_password
from app.mail import MailError
from app.orm import utcnow
from app.security import email_rate_key, require_role
from app.web import home_url_for

# Everyone who signs in with a password; candidates enter by their invitation link only.
PASSWORD_ROLES = tuple(r for r in ROLES if r != "candidate")


@login_manager.user_loader
def load_user(token: str):
    return services.load_login_session(token)


def _sign_in(user) -> None:
    """Fresh session on every sign-in (no fixation), backed by a server-side row."""
    session.clear()
    services.start_login_session(user)
    session.permanent = True
    login_user(user)


def _failed_login(response) -> bool:
    return response.status_code == 401


def _refused(response) -> bool:
    return response.status_code == 400


def _account_key() -> str:
    """Failed sign-ins are also counted per account, from any address, so spreading a
    guessing attack over many addresses does not help."""
    return "account:" + services.normalize_email(request.form.get("email", ""))


ACCOUNT_LOCKED = ("Too many failed sign-ins for this account. Sign-in is paused for up to "
                  "15 minutes; then try again, or ask an admin for a sign-in link.")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"],
               deduct_when=_failed_login)
@limiter.limit(lambda: current_app.config["ACCOUNT_LOGIN_RATE_LIMIT"], methods=["POST"],
               key_func=_account_key, deduct_when=_failed_login, error_message=ACCOUNT_LOCKED)
def login():
    if current_user.is_authenticated:
        return redirect(home_url_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            _sign_in(user)
            db.session.commit()
            return redirect(home_url_for(user))
        flash("That e-mail and password do not match an active account.", "error")
        return render_template("identity/login.html", form=form), 401
    return render_template("identity/login.html", form=form)


@bp.post("/logout")
def logout():
    if current_user.is_authenticated:
        services.end_login_session(current_user.get_id())
        db.session.commit()
    logout_user()
    session.clear()
    flash("You are signed out.", "info")
    return redirect(url_for("identity.login"))


@bp.route("/i/<token>", methods=["GET", "POST"])
@limiter.limit("30 per minute")
def redeem_invitation(token: str):
    """Show the invitation, then exchange it for a session and drop it from the URL."""
    form = RedeemForm()
    access = services.get_access_token(token)
    problem = "This link is not valid. Check that you copied the whole address."
    if access is not None and access.purpose in services.SIGN_IN_PURPOSES:
        problem = access.problem(utcnow())
    if problem:
        return render_template("identity/invitation_problem.html", message=problem), 410
    if form.validate_on_submit():
        try:
            user = services.redeem_access_token(token)
        except services.IdentityError as exc:  # another request spent the link just now
            return render_template("identity/invitation_problem.html", message=str(exc)), 410
        _sign_in(user)
        db.session.commit()
        if user.password_hash is None and user.has_role(*PASSWORD_ROLES):
            flash("Welcome. Choose a password now, so you can sign in with your e-mail "
                  "address next time.", "info")
            return redirect(url_for("identity.change_password"))
        return redirect(home_url_for(user))
    return render_template("identity/invitation.html", form=form, user=access.user)


@bp.route("/account/password", methods=["GET", "POST"])
@require_role(*PASSWORD_ROLES)
@limiter.limit("5 per minute", methods=["POST"], deduct_when=_refused)
def change_password():
    """Set a first password (after a sign-in link) or change it. Every other browser
    signed in as this user is signed out; this one gets a fresh session."""
    user, form = current_user._get_current_object(), PasswordForm()
    has_password = user.password_hash is not None
    if form.validate_on_submit():
        if has_password and not verify_password(user.password_hash, form.current_password.data):
            form.current_password.errors.append("That is not your current password.")
        else:
            services.set_password(user, form.new_password.data)
            audit.record("password_set", f"user {user.id}")
            _sign_in(user)
            db.session.commit()
            flash("Your password is saved. Any other browser signed in as you has been "
                  "signed out.", "success")
            return redirect(home_url_for(user))
    status = 400 if form.errors else 200
    return render_template("identity/password.html", form=form,
                           has_password=has_password), status


RESET_SENT = ("If {email} belongs to an account that signs in with a password, a link to "
              "choose a new password is on its way. It works once, for 60 minutes. "
              "Nothing arrived? Check the spam folder, or ask an admin.")


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
@limiter.limit("3 per hour", methods=["POST"], key_func=email_rate_key)
def forgot_password():
    form, sent_to = EmailRequestForm(), None
    if form.validate_on_submit():
        try:
            mailing.request_password_reset(form.email.data)
        except MailError:
            db.session.rollback()  # an unknown, malformed address: the same answer
        else:
            db.session.commit()
        sent_to = form.email.data
    status = 400 if form.errors else 200
    return render_template("identity/forgot.html", form=form,
                           message=RESET_SENT.format(email=sent_to) if sent_to else None), status


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit("20 per hour")
def reset_password(token: str):
    access = services.get_access_token(token)
    problem = "This reset link is not valid. Ask for a new one."
    if access is not None and access.purpose == mailing.RESET_PURPOSE:
        problem = access.problem(utcnow()) and (
            "This reset link has expired or was already used. Ask for a new one.")
    if problem:
        return render_template("identity/reset.html", form=None, problem=problem), 410
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            user = services.redeem_access_token(token, purposes=(mailing.RESET_PURPOSE,))
            services.set_password(user, form.new_password.data)
        except services.IdentityError as exc:
            db.session.rollback()
            return render_template("identity/reset.html", form=None, problem=str(exc)), 410
        audit.record("password_reset", f"user {user.id}")
        _sign_in(user)
        db.session.commit()
        flash("Your new password is saved and you are signed in. Every other browser "
              "signed in as you has been signed out.", "success")
        return redirect(home_url_for(user))
    return render_template("identity/reset.html", form=form, problem=None,
                           user=access.user), 400 if form.errors else 200
