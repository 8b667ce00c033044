from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from app.hiring.decisions import DECISIONS
from app.hiring.services import ALLOWED_FACTORS
from app.validators import EMAIL

FACTOR_CHOICES = list(ALLOWED_FACTORS.items())


class OpeningForm(FlaskForm):
    title = StringField("Job title", validators=[InputRequired(), Length(max=160)])
    job_profile = SelectField("Job profile (weights and cut score)", choices=[])


class InviteForm(FlaskForm):
    name = StringField("Candidate name", validators=[InputRequired(), Length(max=120)])
    email = EmailField("E-mail", validators=[InputRequired(), EMAIL, Length(max=254)])
    time_factor = SelectField("Time allowed", choices=FACTOR_CHOICES, default="1")


class ImportForm(FlaskForm):
    file = FileField("CSV file (columns: name, email, optional extra_time)",
                     validators=[FileRequired()])
    send_mail = BooleanField("Mail each candidate their link (untick when your applicant "
                             "tracking system sends its own)", default=True)


class InvitationMailForm(FlaskForm):
    """The invitation's subject and opening paragraph for one opening."""

    subject = StringField("Subject", validators=[Optional(), Length(max=200)])
    intro = TextAreaField("Opening paragraph", validators=[Optional(), Length(max=2000)])


class ExtendForm(FlaskForm):
    days = IntegerField("Extend by (days)", default=7, validators=[NumberRange(1, 60)])


class TimeFactorForm(FlaskForm):
    time_factor = SelectField("Time allowed", choices=FACTOR_CHOICES)


class DecisionForm(FlaskForm):
    decision = RadioField("Decision", choices=list(DECISIONS.items()), validators=[InputRequired()])
    reason = TextAreaField("Reason (kept on record)",
                           validators=[InputRequired(), Length(min=10, max=2000)])


class ActionForm(FlaskForm):
    """Resend, revoke, hire, submit: buttons that carry only the CSRF token."""


class StartForm(FlaskForm):
    consent = BooleanField(
        "I have read the privacy notice and agree that my answers are used to assess my "
        "application.", validators=[InputRequired(message="Consent is needed to start.")]
    )
    accommodation = TextAreaField(
        "Do you need an adjustment, such as extra time? (optional)",
        validators=[Optional(), Length(max=2000)],
    )


class AccommodationForm(FlaskForm):
    accommodation = TextAreaField("Describe the adjustment you need",
                                  validators=[InputRequired(), Length(max=2000)])


class PipelineFilterForm(FlaskForm):
    class Meta:
        csrf = False

    opening = SelectField("Opening", choices=[], default="", validators=[Optional()])
    stage = SelectField("Stage", choices=[], default="", validators=[Optional()])
    q = StringField("Search name or e-mail", validators=[Optional(), Length(max=100)])


class WorkRatingForm(FlaskForm):
    item_id = HiddenField(validators=[InputRequired()])
    overall = RadioField("Your overall rating", choices=[(str(i), str(i)) for i in range(1, 6)],
                         validators=[InputRequired("Choose a rating from 1 to 5.")])
    note = TextAreaField("Note (optional)", validators=[Optional(), Length(max=2000)])
