"""Forms. Scorecard answers are built per scorecard: one radio group and one note
field per criterion, named `answer_<id>` and `note_<id>` (ids are slugs)."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DateField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from app.monitoring.scorecards import Criterion, Scorecard

ANSWER_LABELS = {"yes": "Yes", "partial": "Partly", "no": "No", "na": "N/A"}


def answer_field(criterion_id: str) -> str:
    return "answer_" + criterion_id.replace("-", "_")


def note_field(criterion_id: str) -> str:
    return "note_" + criterion_id.replace("-", "_")


def _choices(c: Criterion) -> list[tuple[str, str]]:
    return [(k, v) for k, v in ANSWER_LABELS.items() if c.accepts(k)]


class ContactFields(FlaskForm):
    contact_ref = StringField("Contact reference", validators=[DataRequired(), Length(max=80)])
    channel = SelectField("Channel", validators=[DataRequired()])
    contact_date = DateField("Contact date", validators=[DataRequired()])


class EvaluationBase(ContactFields):
    agent_id = SelectField("Agent", coerce=int, validators=[DataRequired()])
    comment = TextAreaField("Overall comment for the agent", validators=[Length(max=4000)])


def _with_answers(base: type[FlaskForm], card: Scorecard, notes: bool) -> type[FlaskForm]:
    attrs: dict[str, Any] = {}
    for c in card.criteria():
        attrs[answer_field(c.id)] = RadioField(c.text, choices=_choices(c),
                                               validators=[Optional()])
        if notes:
            attrs[note_field(c.id)] = StringField("Note", validators=[Length(max=500)])
    return type(f"{base.__name__}For_{card.id.replace('-', '_')}", (base,), attrs)


def evaluation_form(card: Scorecard, agents: list[tuple[int, str]], **kwargs: Any) -> FlaskForm:
    form = _with_answers(EvaluationBase, card, notes=True)(**kwargs)
    form.agent_id.choices = agents
    form.channel.choices = [(c, c.title()) for c in card.channels]
    return form


def collect_answers(form: FlaskForm, card: Scorecard) -> tuple[dict[str, str], dict[str, str]]:
    answers = {c.id: form[answer_field(c.id)].data or "" for c in card.criteria()}
    notes = {c.id: form[note_field(c.id)].data or "" for c in card.criteria()
             if note_field(c.id) in form}
    return answers, notes


class CalibrationForm(ContactFields):
    title = StringField("Title", validators=[DataRequired(), Length(max=120)])
    scorecard_id = SelectField("Scorecard", validators=[DataRequired()])
    participants = SelectMultipleField("Other supervisors", coerce=int,
                                       validators=[DataRequired()])


def calibration_rating_form(card: Scorecard, **kwargs: Any) -> FlaskForm:
    return _with_answers(FlaskForm, card, notes=False)(**kwargs)


class ReplyForm(FlaskForm):
    text = TextAreaField("Your comment", validators=[Length(max=4000)])


class ResolveForm(FlaskForm):
    text = TextAreaField("Resolution", validators=[DataRequired(), Length(max=4000)])


class ImportForm(FlaskForm):
    file = FileField("Metrics CSV", validators=[FileRequired("Choose a CSV file.")])
