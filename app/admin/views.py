from flask import Response, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from app import audit
from app.admin import bp
from app.extensions import db
from app.identity import services
from app.identity.forms import EditUserForm, GroupForm, MembershipForm, UserForm
from app.identity.models import Cohort, CohortMember, Team, User, select_users
from app.mail import MAIL_FRAME_HEADERS, MailMessage, parts
from app.paging import paginate
from app.security import get_or_404_for, require_role


def _team_choices() -> list[tuple[int, str]]:
    return [(0, "— none —")] + [(t.id, t.name) for t in db.session.scalars(select(Team))]


@bp.get("/")
@require_role("admin")
def index():
    form = UserForm()
    form.team_id.choices = _team_choices()
    return _render_users(form)


def _render_users(form: UserForm, status: int = 200) -> tuple[str, int]:
    users = paginate(select_users(), per_page=50, sorts={
        "name": User.name, "email": User.email, "status": User.disabled,
    })
    return render_template("admin/users.html", users=users, form=form), status


@bp.post("/users")
@require_role("admin")
def create_user():
    form = UserForm()
    form.team_id.choices = _team_choices()
    if form.validate_on_submit():
        try:
            services.create_user(
                form.email.data, form.name.data, set(form.roles.data),
                password=form.password.data or None,
                team=db.session.get(Team, form.team_id.data) if form.team_id.data else None,
                department=form.department.data or None,
            )
        except (services.IdentityError, ValueError) as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(f"Account created for {form.email.data}.", "success")
            return redirect(url_for("admin.index"))
    else:
        flash("The account was not created: " + "; ".join(
            f"{form[name].label.text}: {' '.join(errors)}" for name, errors in form.errors.items()
        ), "error")
    return _render_users(form, 400)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@require_role("admin")
def edit_user(user_id: int):
    user = get_or_404_for(current_user, User, user_id)
    form = EditUserForm(obj=user)
    form.team_id.choices = _team_choices()
    if not form.is_submitted():
        form.roles.data = sorted(user.roles)
        form.team_id.data = user.team_id or 0
    if form.validate_on_submit():
        if user.id == current_user.id and "admin" not in form.roles.data:
            flash("You cannot remove your own admin role.", "error")
            return redirect(url_for("admin.edit_user", user_id=user.id))
        user.set_roles(set(form.roles.data))
        user.team_id = form.team_id.data or None
        user.department = form.department.data or None
        services.set_disabled(user, form.disabled.data and user.id != current_user.id)
        db.session.commit()
        flash(f"Saved {user.email}.", "success")
        return redirect(url_for("admin.index"))
    return render_template("admin/edit_user.html", user=user, form=form)


@bp.get("/groups")
@require_role("admin")
def groups():
    return _render_groups(GroupForm(), MembershipForm())


def _render_groups(group_form: GroupForm, member_form: MembershipForm, status: int = 200):
    leads = db.session.scalars(select(User).order_by(User.name)).all()
    group_form.lead_id.choices = [(0, "— none —")] + [(u.id, u.name) for u in leads]
    cohorts = db.session.scalars(select(Cohort).order_by(Cohort.name)).all()
    member_form.cohort_id.choices = [(c.id, c.name) for c in cohorts]
    member_form.user_id.choices = [(u.id, u.name) for u in leads if u.has_role("employee")]
    members = {
        c.id: db.session.scalars(
            select(User).join(CohortMember, CohortMember.user_id == User.id)
            .where(CohortMember.cohort_id == c.id).order_by(User.name)
        ).all()
        for c in cohorts
    }
    teams = db.session.scalars(select(Team).order_by(Team.name)).all()
    team_members = {
        t.id: db.session.scalars(select(User).where(User.team_id == t.id).order_by(User.name)).all()
        for t in teams
    }
    return render_template(
        "admin/groups.html", teams=teams, cohorts=cohorts, members=members,
        team_members=team_members, group_form=group_form, member_form=member_form,
    ), status


@bp.post("/groups")
@require_role("admin")
def create_group():
    form = GroupForm()
    form.lead_id.choices = [(0, "")] + [(u.id, u.name) for u in db.session.scalars(select(User))]
    if form.validate_on_submit():
        lead = db.session.get(User, form.lead_id.data) if form.lead_id.data else None
        make = services.create_team if form.kind.data == "team" else services.create_cohort
        try:
            make(form.name.data, lead)
        except services.IdentityError as exc:
            flash(str(exc), "error")
            return _render_groups(form, MembershipForm(), 400)
        db.session.commit()
        flash(f"{form.kind.data.title()} {form.name.data} created.", "success")
        return redirect(url_for("admin.groups"))
    return _render_groups(form, MembershipForm(), 400)


@bp.post("/groups/members")
@require_role("admin")
def add_member():
    form = MembershipForm()
    form.cohort_id.choices = [(c.id, c.name) for c in db.session.scalars(select(Cohort))]
    form.user_id.choices = [(u.id, u.name) for u in db.session.scalars(select(User))]
    if form.validate_on_submit():
        services.add_to_cohort(db.session.get(Cohort, form.cohort_id.data),
                               db.session.get(User, form.user_id.data))
        db.session.commit()
        flash("Learner added to the cohort.", "success")
        return redirect(url_for("admin.groups"))
    return _render_groups(GroupForm(), form, 400)


@bp.get("/audit")
@require_role("admin")
def audit_trail():
    events = paginate(audit.select_events(), per_page=100, sorts={
        "at": audit.AuditEvent.at, "action": audit.AuditEvent.action,
    })
    names = {u.id: u.name for u in db.session.scalars(select(User))}
    return render_template("admin/audit.html", events=events, names=names)


@bp.get("/outbox")
@require_role("admin")
def outbox():
    """Every e-mail the application sent or tried to send; in development (no
    MAIL_SERVER) the only place to read them, besides the .eml files."""
    messages = paginate(select(MailMessage).order_by(MailMessage.id.desc()), per_page=50,
                        sorts={"created": MailMessage.created_at, "status": MailMessage.status,
                               "kind": MailMessage.kind, "to": MailMessage.to_addr})
    return render_template("admin/outbox.html", messages=messages)


@bp.get("/outbox/<int:message_id>")
@require_role("admin")
def outbox_message(message_id: int):
    message = db.get_or_404(MailMessage, message_id)
    text, html = parts(message)
    return render_template("admin/outbox_message.html", m=message, text=text, has_html=bool(html))


@bp.get("/outbox/<int:message_id>/html")
@require_role("admin")
def outbox_message_html(message_id: int):
    _, html = parts(db.get_or_404(MailMessage, message_id))
    return Response(html or "", mimetype="text/html", headers=MAIL_FRAME_HEADERS)
