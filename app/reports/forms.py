from flask_wtf import FlaskForm
from wtforms import (
    FloatField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.routing import POLICIES, list_shipped_scenarios

POLICY_LABELS = {
    "blended_fifo": "Blended, in order received",
    "channel_priority": "Channel priority (phone first)",
    "tier_priority": "Tier priority (complaints in order)",
}


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class LabForm(FlaskForm):
    scenario = SelectField("Scenario", choices=[])
    # No InputRequired: on checkboxes it would make the browser demand every box.
    policies = MultiCheckboxField("Routing policies to compare", choices=[],
                                  default=["blended_fifo"])
    replications = IntegerField("Replications", default=3, validators=[NumberRange(1, 20)])
    seed = IntegerField("Random seed", default=1, validators=[NumberRange(0, 2**31 - 1)])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.scenario.choices = [(s, s.replace("_", " ")) for s in list_shipped_scenarios()]
        self.policies.choices = [(p, POLICY_LABELS.get(p, p)) for p in POLICIES]


class PlanForm(FlaskForm):
    """Staffing plan from a forecast (CSV text ``interval_start,channel,contacts``)."""

    forecast = TextAreaField("Forecast CSV", validators=[DataRequired()],
                             default="interval_start,channel,contacts\n08:00,phone,120\n"
                                     "08:30,phone,200\n09:00,phone,260\n08:00,chat,40\n")
    roster = TextAreaField("Roster CSV (optional: start,end,agents[,channel])")
    interval = IntegerField("Interval (minutes)", default=30, validators=[NumberRange(1, 240)])
    aht = FloatField("Mean handle time (s)", default=180, validators=[NumberRange(1, 36000)])
    patience = FloatField("Mean patience (s), empty for Erlang C",
                          validators=[Optional(), NumberRange(1, 36000)])
    sl = FloatField("Service-level target", default=0.8, validators=[NumberRange(0.01, 1)])
    threshold = FloatField("Answer within (s)", default=20, validators=[NumberRange(1, 86400)])
    shrinkage = FloatField("Shrinkage", default=0.3, validators=[NumberRange(0, 0.95)])


class SweepForm(FlaskForm):
    """A grid over agent totals x policies (x one parameter)."""

    scenario = SelectField("Scenario", choices=[])
    agents = StringField("Agent totals (comma-separated)", default="4,6,8,10",
                         validators=[DataRequired()])
    policies = MultiCheckboxField("Policies", choices=[], default=["blended_fifo"])
    parameter = SelectField("Also vary", choices=[])
    values = StringField("Values of that parameter (comma-separated)")
    replications = IntegerField("Replications per cell", default=1,
                                validators=[NumberRange(1, 20)])
    seed = IntegerField("Random seed", default=1, validators=[NumberRange(0, 2**31 - 1)])

    def __init__(self, *args, **kwargs) -> None:
        from app.reports.sweeps import PARAMETERS

        super().__init__(*args, **kwargs)
        self.scenario.choices = [(s, s.replace("_", " ")) for s in list_shipped_scenarios()]
        self.policies.choices = [(p, POLICY_LABELS.get(p, p)) for p in POLICIES]
        self.parameter.choices = list(PARAMETERS.items())
