"""Pydantic models of assessment items: everything needed to display and to score them."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]

DEFAULT_AGREE_LABELS = (
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
)


class Strict(BaseModel):
    """Base for content models: unknown fields are errors and instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class LikertScale(Strict):
    """A numeric agreement scale; ``labels[i]`` names the value ``min + i``."""

    min: int = 1
    max: int = 5
    labels: tuple[Text, ...] = DEFAULT_AGREE_LABELS

    @model_validator(mode="after")
    def _labels_match_range(self) -> LikertScale:
        if self.max <= self.min:
            raise ValueError("max must be greater than min")
        if len(self.labels) != self.max - self.min + 1:
            raise ValueError(f"needs {self.max - self.min + 1} labels, got {len(self.labels)}")
        return self


class LikertItem(Strict):
    """A self-report statement answered on an agreement scale.

    ``reverse`` items are keyed against the trait: agreeing lowers the trait score.
    ``pair_with`` names an item with the same content in opposite (or same) wording,
    used only for the consistency check in ``quality``.
    """

    kind: Literal["likert"] = "likert"
    id: Slug
    trait: Slug
    text: Text
    reverse: bool = False
    pair_with: Slug | None = None
    scale: LikertScale = LikertScale()


class SjtOption(Strict):
    """One response option of a scenario; ``points`` maps trait id to points (≥ 0)."""

    id: Slug
    text: Text
    points: dict[Slug, Annotated[int, Field(ge=0, le=10)]] = {}
    rationale: Text | None = None


class SjtItem(Strict):
    """A situational-judgment scenario: the candidate picks the option they would choose."""

    kind: Literal["sjt"] = "sjt"
    id: Slug
    setting: Literal["phone", "email", "chat", "counter"]
    theme: Slug
    scenario: Text
    question: Text = "What would you most likely do?"
    options: tuple[SjtOption, ...] = Field(min_length=3, max_length=6)

    @model_validator(mode="after")
    def _options_ok(self) -> SjtItem:
        ids = [o.id for o in self.options]
        if len(set(ids)) != len(ids):
            raise ValueError(
                f"duplicate option ids: {sorted({i for i in ids if ids.count(i) > 1})}"
            )
        if not any(sum(o.points.values()) for o in self.options):
            raise ValueError("at least one option must award points")
        return self


class FcStatement(Strict):
    """One statement of a forced-choice pair, keyed to a trait."""

    id: Slug
    text: Text
    trait: Slug


class ForcedChoiceItem(Strict):
    """Two equally desirable statements; choosing one gives its trait one point."""

    kind: Literal["forced_choice"] = "forced_choice"
    id: Slug
    prompt: Text = "Which statement describes you better?"
    options: tuple[FcStatement, FcStatement]

    @model_validator(mode="after")
    def _distinct(self) -> ForcedChoiceItem:
        a, b = self.options
        if a.id == b.id:
            raise ValueError("the two statements need different ids")
        if a.trait == b.trait:
            raise ValueError("the two statements must be keyed to different traits")
        return self


class RubricCheck(Strict):
    """One rule of a rubric criterion.

    ``contains_any``: at least one regex in ``patterns`` matches (case-insensitive),
    optionally only within the first ``within_first_words`` words.
    ``contains_none``: no regex matches. ``word_count``: ``min_words ≤ words ≤ max_words``.
    """

    type: Literal["contains_any", "contains_none", "word_count"]
    patterns: tuple[str, ...] = ()
    within_first_words: int | None = Field(default=None, ge=1)
    min_words: int = Field(default=0, ge=0)
    max_words: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _consistent(self) -> RubricCheck:
        if self.type != "word_count" and not self.patterns:
            raise ValueError(f"a {self.type} check needs patterns")
        for pattern in self.patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from exc
        return self


class RubricCriterion(Strict):
    """A criterion of the work-sample rubric: met when every check passes."""

    id: Slug
    label: Text
    description: Text
    trait: Slug
    points: int = Field(ge=1, le=10)
    checks: tuple[RubricCheck, ...] = Field(min_length=1)


class WorkSampleItem(Strict):
    """A short written task (reply to a customer), scored by a transparent rubric."""

    kind: Literal["work_sample"] = "work_sample"
    id: Slug
    title: Text
    instructions: Text
    customer_name: Text
    customer_message: Text
    max_chars: int = Field(default=4000, ge=100, le=20000)
    criteria: tuple[RubricCriterion, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_criteria(self) -> WorkSampleItem:
        ids = [c.id for c in self.criteria]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate criterion ids")
        return self


Item = LikertItem | SjtItem | ForcedChoiceItem | WorkSampleItem
