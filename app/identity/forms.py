from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import EqualTo, InputRequired, Length, Optional

from app.identity.models import ROLES
from app.validators import EMAIL


class LoginForm(FlaskForm):
    email = EmailField("E-mail", validators=[InputRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[InputRequired(), Length(max=200)])


class PasswordForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[Length(max=200)])
    new_password = PasswordField(
        "New password", validators=[InputRequired(), Length(min=10, max=200)])
    confirm = PasswordField("New password again", validators=[
        InputRequired(), EqualTo("new_password", message="The two new passwords differ.")])


class EmailRequestForm(FlaskForm):
    """One e-mail address: for a password reset or a fresh invitation link."""

    email = EmailField("E-mail", validators=[InputRequired(), Length(max=254)])


class ResetPasswordForm(FlaskForm):
    new_password = PasswordField(
        "New password", validators=[InputRequired(), Length(min=10, max=200)])
    confirm = PasswordField("New password again", validators=[
        InputRequired(), EqualTo("new_password", message="The two new passwords differ.")])


class RedeemForm(FlaskForm):
    """Only the CSRF token: the invitation is spent by an explicit POST, so a mail
    scanner that follows the link does not use it up."""


class UserForm(FlaskForm):
    name = StringField("Full name", validators=[InputRequired(), Length(max=120)])
    email = EmailField("E-mail", validators=[InputRequired(), EMAIL, Length(max=254)])
    roles = SelectMultipleField(
        "Roles", choices=[(r, r.title()) for r in ROLES], validators=[InputRequired()]
    )
    password = PasswordField(
        "Initial password (not for candidates)", validators=[Optional(), Length(min=10, max=200)]
    )
    team_id = SelectField("Team", coerce=int, choices=[])
    department = StringField("Department", validators=[Optional(), Length(max=80)])


class EditUserForm(FlaskForm):
    roles = SelectMultipleField(
        "Roles", choices=[(r, r.title()) for r in ROLES], validators=[InputRequired()]
    )
    team_id = SelectField("Team", coerce=int, choices=[])
    department = StringField("Department", validators=[Optional(), Length(max=80)])
    disabled = BooleanField("Account disabled (ends all sessions)")


class GroupForm(FlaskForm):
    kind = SelectField("Kind", choices=[("team", "Team"), ("cohort", "Cohort")])
    name = StringField("Name", validators=[InputRequired(), Length(max=120)])
    lead_id = SelectField("Supervisor (team) or trainer (cohort)", coerce=int, choices=[])


class MembershipForm(FlaskForm):
    cohort_id = SelectField("Cohort", coerce=int, choices=[])
    user_id = SelectField("Learner", coerce=int, choices=[])
