"""Item kind -> form field. The scoring side of each kind lives in
`app.psychometrics.items.ITEM_KINDS`; both registries hold the same keys (tested)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import permutations
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, RadioField, TextAreaField
from wtforms.validators import Length, Optional


@dataclass(frozen=True)
class ItemView:
    """What the test page needs to show one item."""

    item_id: str
    kind: str
    legend: str
    context: str
    field_name: str
    statements: tuple[tuple[str, str], ...] = ()
    ranking: tuple[str, ...] = ()


def _likert(item: Any) -> tuple[Field, str, str]:
    scale = item.scale
    choices = [(str(scale.min + i), label) for i, label in enumerate(scale.labels)]
    return RadioField(item.text, choices=choices, validators=[Optional()]), item.text, ""


def _sjt(item: Any) -> tuple[Field, str, str]:
    choices = [(o.id, o.text) for o in item.options]
    return RadioField(item.question, choices=choices, validators=[Optional()]), item.question, \
        item.scenario


def _forced_choice(item: Any) -> tuple[Field, str, str]:
    choices = [(s.id, s.text) for s in item.options]
    return RadioField(item.prompt, choices=choices, validators=[Optional()]), item.prompt, ""


def _work_sample(item: Any) -> tuple[Field, str, str]:
    field = TextAreaField(
        "Your reply", validators=[Optional(), Length(max=item.max_chars)],
        render_kw={"maxlength": item.max_chars, "rows": 12},
    )
    return field, item.title, f"{item.instructions}\n\n> {item.customer_message}"


def _ranking_block(item: Any) -> tuple[Field, str, str]:
    """Each full ordering is one choice, most like me first (value ``"b>a>c"``)."""
    texts = {s.id: s.text for s in item.statements}
    choices = [(">".join(order), " › ".join(texts[i] for i in order))
               for order in permutations(texts)]
    return RadioField(item.prompt, choices=choices, validators=[Optional()]), item.prompt, ""


FIELD_BUILDERS: dict[str, Callable[[Any], tuple[Field, str, str]]] = {
    "likert": _likert,
    "sjt": _sjt,
    "forced_choice": _forced_choice,
    "ranking_block": _ranking_block,
    "work_sample": _work_sample,
}


def build_test_form(
    items: Sequence[Any], answers: dict[str, Any]
) -> tuple[FlaskForm, list[ItemView]]:
    """A form with one field per item, pre-filled with the saved answers."""

    class TestForm(FlaskForm):
        pass

    views = []
    for item in items:
        field, legend, context = FIELD_BUILDERS[item.kind](item)
        name = f"item_{item.id.replace('-', '_')}"
        setattr(TestForm, name, field)
        statements = tuple((s.id, s.text) for s in getattr(item, "statements", ()))
        saved = answers.get(item.id)
        ranking = tuple(saved) if statements and isinstance(saved, list | tuple) else ()
        views.append(ItemView(item.id, item.kind, legend, context, name, statements, ranking))
    data = {
        f"item_{k.replace('-', '_')}": ">".join(v) if isinstance(v, list | tuple) else str(v)
        for k, v in answers.items()
    }
    return TestForm(data=data, meta={"csrf": False}), views
