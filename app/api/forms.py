from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import InputRequired, Length


class TokenForm(FlaskForm):
    name = StringField("Token name", validators=[InputRequired(), Length(max=80)],
                       description="Where it is used, e.g. “Workday sync”.")
    role = SelectField("Acts as", choices=[])


class RevokeForm(FlaskForm):
    pass
