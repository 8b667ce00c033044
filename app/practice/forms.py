from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length

from app.practice.scoring import CRITERIA, LABELS


class StartForm(FlaskForm):
    profile = HiddenField(validators=[InputRequired()])


class ActionForm(FlaskForm):
    """A button that only needs the CSRF token (open a contact, end a shift)."""


class ReplyForm(FlaskForm):
    text = TextAreaField("Your reply", validators=[InputRequired("Write your reply first."),
                                                   Length(max=5000)])


class TurnForm(FlaskForm):
    text = TextAreaField("What you say", validators=[InputRequired("Say something first."),
                                                     Length(max=5000)])


class ChoiceForm(FlaskForm):
    choice = HiddenField(validators=[InputRequired()])


class RateForm(FlaskForm):
    contact_id = SelectField("Practice contact", choices=[],
                             validators=[InputRequired("Choose the contact this reply answers.")])
    text = TextAreaField("Reply", validators=[InputRequired("Paste or write the reply to rate."),
                                              Length(min=20, max=5000)])
    overall = RadioField("Overall (1 poor – 5 excellent)",
                         choices=[(str(i), str(i)) for i in range(1, 6)],
                         validators=[InputRequired("Give an overall rating from 1 to 5.")])


for _name in CRITERIA:
    setattr(RateForm, _name, BooleanField(LABELS[_name]))
