from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from app.extensions import db
from app.orm import utcnow
from app.practice import attempts, bp, library, services
from app.practice.forms import ActionForm, ChoiceForm, ReplyForm, StartForm, TurnForm
from app.practice.models import PracticeResponse, PracticeShift, select_shifts_for
from app.practice.profiles import PROFILES
from app.practice.review import timeline
from app.practice.scoring.feedback import ALL_LABELS
from app.security import get_or_404_for, require_role


def _own_shift(shift_id: int) -> PracticeShift:
    shift = get_or_404_for(current_user, PracticeShift, shift_id)
    if shift.user_id != current_user.id:
        abort(404)
    return shift


@bp.get("/")
@require_role("employee")
def index():
    shifts = db.session.scalars(select_shifts_for(current_user.id)).all()
    return render_template("practice/index.html",
                           profiles=[p for p in PROFILES.values() if p.listed], shifts=shifts,
                           form=StartForm(), titles={k: p.title for k, p in PROFILES.items()})


@bp.post("/shifts")
@require_role("employee")
def start_shift():
    form = StartForm()
    try:
        if not form.validate_on_submit():
            raise services.PracticeError("Choose one of the listed shift profiles.")
        shift = services.start_shift(current_user.id, form.profile.data, utcnow(),
                                     time_factor=current_app.config.get(
                                         "PRACTICE_TIME_FACTOR", 1.0))
    except services.PracticeError as exc:
        flash(str(exc), "error")
        return redirect(url_for("practice.index"))
    db.session.commit()
    return redirect(url_for("practice.show_shift", shift_id=shift.id))


@bp.get("/shifts/<int:shift_id>")
@require_role("employee")
def show_shift(shift_id: int):
    shift = _own_shift(shift_id)
    if shift.status != "running":
        return redirect(url_for("practice.review_shift", shift_id=shift.id))
    if services.open_contact_view(shift) is not None:
        return redirect(url_for("practice.show_contact", shift_id=shift.id))
    state = services.shift_state(shift, services.sync(shift, utcnow()))
    db.session.commit()
    return render_template("practice/shift.html", shift=shift, state=state, form=ActionForm(),
                           profile=PROFILES[shift.profile])


@bp.get("/shifts/<int:shift_id>/state.json")
@require_role("employee")
def shift_json(shift_id: int):
    shift = _own_shift(shift_id)
    state = services.shift_state(shift, services.sync(shift, utcnow()))
    db.session.commit()
    return jsonify(state)


@bp.post("/shifts/<int:shift_id>/contacts/<int:sim_id>/open")
@require_role("employee")
def open_contact(shift_id: int, sim_id: int):
    shift = _own_shift(shift_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        services.open_contact(shift, sim_id, utcnow())
    except services.PracticeError as exc:
        db.session.commit()
        flash(str(exc), "error")
        return redirect(url_for("practice.show_shift", shift_id=shift.id))
    db.session.commit()
    return redirect(url_for("practice.show_contact", shift_id=shift.id, c=sim_id))


def _contact_page(shift: PracticeShift, view: dict, form=None):
    """The open contact beside the live desk (the clock is brought up to date)."""
    state = services.shift_state(shift, services.sync(shift, utcnow()))
    db.session.commit()
    talking = view["talk"] is not None
    template = "practice/conversation.html" if talking else "practice/contact.html"
    form = form or (TurnForm() if talking else ReplyForm())
    return render_template(template, shift=shift, view=view, form=form, state=state,
                           choice_form=ChoiceForm(), end_form=ActionForm(),
                           profile=PROFILES[shift.profile])


def _sim_id() -> int | None:
    return request.args.get("c", type=int)


@bp.get("/shifts/<int:shift_id>/contact")
@require_role("employee")
def show_contact(shift_id: int):
    shift = _own_shift(shift_id)
    view = services.open_contact_view(shift, _sim_id())
    if view is None:
        return redirect(url_for("practice.show_shift", shift_id=shift.id))
    return _contact_page(shift, view)


@bp.post("/shifts/<int:shift_id>/contacts/<int:sim_id>/say")
@require_role("employee")
def say(shift_id: int, sim_id: int):
    shift = _own_shift(shift_id)
    form = TurnForm()
    form.validate_on_submit()
    try:
        services.say(shift, sim_id, form.text.data or "", utcnow())
    except services.PracticeError as exc:
        view = services.open_contact_view(shift, sim_id)
        db.session.commit()
        if view is None:
            flash(str(exc), "error")
            return redirect(url_for("practice.show_shift", shift_id=shift.id))
        form.text.errors = [str(exc)]
        return _contact_page(shift, view, form), 400
    db.session.commit()
    return redirect(url_for("practice.show_contact", shift_id=shift.id, c=sim_id) + "#latest")


@bp.post("/shifts/<int:shift_id>/contact/choose")
@require_role("employee")
def choose(shift_id: int):
    shift = _own_shift(shift_id)
    form = ChoiceForm()
    try:
        if not form.validate_on_submit():
            raise services.PracticeError("Choose one of the answers.")
        services.choose(shift, form.choice.data)
    except services.PracticeError as exc:
        flash(str(exc), "error")
    db.session.commit()
    return redirect(url_for("practice.show_contact", shift_id=shift.id))


@bp.post("/shifts/<int:shift_id>/contact/submit")
@require_role("employee")
def submit_reply(shift_id: int):
    shift = _own_shift(shift_id)
    form = ReplyForm()
    form.validate_on_submit()
    try:
        response = services.submit(shift, form.text.data or "", utcnow(), _sim_id())
    except services.PracticeError as exc:
        view = services.open_contact_view(shift, _sim_id())
        if view is None:
            flash(str(exc), "error")
            return redirect(url_for("practice.show_shift", shift_id=shift.id))
        if view["talk"] is not None:
            flash(str(exc), "error")
            return redirect(url_for("practice.show_contact", shift_id=shift.id, c=_sim_id()))
        form.text.errors = [str(exc)]
        return _contact_page(shift, view, form), 400
    if attempts.close_if_retry(shift, utcnow()):
        db.session.commit()
        return redirect(url_for("practice.compare_attempts", response_id=response.id))
    db.session.commit()
    return redirect(url_for("practice.show_response", response_id=response.id))


@bp.post("/shifts/<int:shift_id>/end")
@require_role("employee")
def end_shift(shift_id: int):
    shift = _own_shift(shift_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    services.end_shift(shift, utcnow())
    db.session.commit()
    flash("Shift ended. Here is how it went.", "success")
    return redirect(url_for("practice.review_shift", shift_id=shift.id))


@bp.get("/responses/<int:response_id>")
@require_role("employee", "trainer")
def show_response(response_id: int):
    response = get_or_404_for(current_user, PracticeResponse, response_id)
    contact = library.contacts().get(response.contact_id)
    template = "practice/conversation_response.html" if response.transcript else \
        "practice/response.html"
    return render_template(template, response=response, contact=contact,
                           shift=response.shift, own=response.shift.user_id == current_user.id,
                           labels=ALL_LABELS)


@bp.get("/shifts/<int:shift_id>/review")
@require_role("employee", "trainer")
def review_shift(shift_id: int):
    shift = get_or_404_for(current_user, PracticeShift, shift_id)
    contacts = library.contacts()
    events = timeline(shift, services.rebuild(shift), contacts)
    return render_template("practice/review.html", shift=shift, events=events,
                           contacts=contacts, profile=PROFILES.get(shift.profile),
                           own=shift.user_id == current_user.id)
