"""The signed-in page where a user creates and revokes their own API tokens."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from app.api import services, tokens_bp
from app.api.errors import ApiError
from app.api.forms import RevokeForm, TokenForm
from app.api.models import ApiToken, select_tokens
from app.extensions import db
from app.security import get_or_404_for, require_role

ROLES = ("admin", "recruiter", "supervisor")


@tokens_bp.route("/", methods=["GET", "POST"])
@require_role(*ROLES)
def list_tokens():
    form = TokenForm()
    form.role.choices = [(r, r.title()) for r in services.token_roles_for(current_user)]
    raw = None
    if form.validate_on_submit():
        try:
            _, raw = services.create_token(current_user, form.name.data, form.role.data)
        except ApiError as exc:
            getattr(form, exc.field or "name").errors.append(exc.message)
        else:
            db.session.commit()
            form = TokenForm(formdata=None)
            form.role.choices = [(r, r.title()) for r in services.token_roles_for(current_user)]
    tokens = db.session.scalars(select_tokens(current_user.id)).all()
    status = 400 if form.errors else 200
    return render_template("api/tokens.html", form=form, tokens=tokens, raw=raw,
                           revoke_form=RevokeForm()), status


@tokens_bp.post("/<int:token_id>/revoke")
@require_role(*ROLES)
def revoke_token(token_id: int):
    token = get_or_404_for(current_user, ApiToken, token_id)
    if RevokeForm().validate_on_submit():
        services.revoke_token(token)
        db.session.commit()
        flash(f"Token “{token.name}” revoked; it stops working at once.", "success")
    return redirect(url_for("api_tokens.list_tokens"))
