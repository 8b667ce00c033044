from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional


class EnrollCohortForm(FlaskForm):
    cohort_id = SelectField("Cohort", coerce=int, choices=[], validators=[InputRequired()])
    course_uuid = SelectField("Course", choices=[], validators=[InputRequired()])
    due_date = DateField("Due date", validators=[Optional()])
    due_reason = StringField(
        "Due because of (e.g. the spring product launch)", validators=[Optional(), Length(max=200)]
    )


class UploadForm(FlaskForm):
    file = FileField("CSV file", validators=[FileRequired("Choose a CSV file to upload.")])


class PlanForm(FlaskForm):
    start = DateField("First week (any day of it)", validators=[InputRequired()])
    weeks = IntegerField("Weeks in the window", default=12,
                         validators=[InputRequired(), NumberRange(1, 104)])
    seats_per_week = IntegerField("Seats per customer-service team per week", default=2,
                                  validators=[InputRequired(), NumberRange(1, 50)])
    team_ids = SelectMultipleField("Customer-service teams", coerce=int, choices=[],
                                   validators=[InputRequired()])
    max_per_department = IntegerField("At most this many of one department per week",
                                      validators=[Optional(), NumberRange(1, 500)])
    preview = SubmitField("Preview plan")
    save = SubmitField("Save plan")


class ActionForm(FlaskForm):
    """Only the CSRF token, for buttons that POST."""
