from flask import current_app, flash, redirect, render_template, session, url_for
from flask_login import current_user, login_user, logout_user

from app.extensions import db, limiter, login_manager
from app.identity import bp, services
from app.identity.forms import LoginForm, RedeemForm
from app.orm import utcnow
from app.web import home_url_for


@login_manager.user_loader
def load_user(token: str):  # noqa: ANN201
    return services.load_login_session(token)


def _sign_in(user) -> None:  # noqa: ANN001
    """Fresh session on every sign-in (no fixation), backed by a server-side row."""
    session.clear()
    services.start_login_session(user)
    session.permanent = True
    login_user(user)


def _failed_login(response) -> bool:  # noqa: ANN001
    return response.status_code == 401


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"],
               deduct_when=_failed_login)
def login():  # noqa: ANN201
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
def logout():  # noqa: ANN201
    if current_user.is_authenticated:
        services.end_login_session(current_user.get_id())
        db.session.commit()
    logout_user()
    session.clear()
    flash("You are signed out.", "info")
    return redirect(url_for("identity.login"))


@bp.route("/i/<token>", methods=["GET", "POST"])
@limiter.limit("30 per minute")
def redeem_invitation(token: str):  # noqa: ANN201
    """Show the invitation, then exchange it for a session and drop it from the URL."""
    form = RedeemForm()
    access = services.get_access_token(token)
    problem = "This link is not valid. Check that you copied the whole address."
    if access is not None:
        problem = access.problem(utcnow())
    if problem:
        return render_template("identity/invitation_problem.html", message=problem), 410
    if form.validate_on_submit():
        user = services.redeem_access_token(token)
        _sign_in(user)
        db.session.commit()
        return redirect(home_url_for(user))
    return render_template("identity/invitation.html", form=form, user=access.user)
