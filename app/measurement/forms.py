"""Forms of the measurement pages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, DecimalField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.measurement.models import DIMENSIONS, PREFER_NOT

CONSENT_TEXT = ("I agree that my test results may be compared with my later job performance "
                "to check the test is fair and useful")


def _choices(dimension: str) -> list[tuple[str, str]]:
    return [("", "No answer"), *DIMENSIONS[dimension][1], (PREFER_NOT, "Prefer not to say")]


class AboutYouForm(FlaskForm):
    sex = SelectField(DIMENSIONS["sex"][0], choices=_choices("sex"))
    race_ethnicity = SelectField(DIMENSIONS["race_ethnicity"][0],
                                 choices=_choices("race_ethnicity"))
    age_band = SelectField(DIMENSIONS["age_band"][0], choices=_choices("age_band"))
    disability = SelectField(DIMENSIONS["disability"][0], choices=_choices("disability"))
    research_consent = BooleanField(CONSENT_TEXT)


class CutScoreForm(FlaskForm):
    cut_score = DecimalField("New cut score (T)", places=1,
                             validators=[InputRequired(), NumberRange(min=20, max=80)])
    reason = TextAreaField("Job-related reason", validators=[DataRequired(), Length(max=2000)])
    acknowledge = BooleanField("I have seen the impact ratios and accept responsibility "
                               "for documenting the business necessity of this change")


class WeightsForm(FlaskForm):
    reason = TextAreaField("Reason", validators=[DataRequired(), Length(max=2000)])
    acknowledge = BooleanField("I have seen the impact ratios and accept responsibility "
                               "for documenting the business necessity of this change")


class NormBuildForm(FlaskForm):
    profile = SelectField("Norm group", choices=[])
    start = DateField("Scored from", validators=[Optional()])
    end = DateField("Scored until", validators=[Optional()])
    description = TextAreaField("Who the norm group is",
                                validators=[DataRequired(), Length(min=10, max=1000)])


class NormSwitchForm(FlaskForm):
    profile = SelectField("Job profile", choices=[])
    norm_table = SelectField("Norm table version", choices=[])
