from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, SelectMultipleField
from wtforms.validators import NumberRange
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

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.scenario.choices = [(s, s.replace("_", " ")) for s in list_shipped_scenarios()]
        self.policies.choices = [(p, POLICY_LABELS.get(p, p)) for p in POLICIES]
