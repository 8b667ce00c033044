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


MAX_DESIRABILITY_SPREAD = 0.5
"""Largest allowed gap (on the 1–5 desirability scale) between statements of one block."""


class BlockStatement(Strict):
    """One statement of a ranking block: its trait, keying and social desirability.

    ``desirability`` is the mean rating (1 very undesirable … 5 very desirable) of how
    good the statement makes a job applicant look; blocks are matched on it so that
    answering "as the ideal employee" does not single out one statement.
    """

    id: Slug
    text: Text
    trait: Slug
    keyed: Literal["positive", "negative"] = "positive"
    desirability: float = Field(ge=1, le=5)


class RankingBlock(Strict):
    """Three or four statements from different traits, ranked from most to least like me.

    Scored by the Thurstonian IRT model (``thurstonian``): every pair of statements in
    the block is one binary comparison.
    """

    kind: Literal["ranking_block"] = "ranking_block"
    id: Slug
    prompt: Text = "Put these statements in order, from most like you to least like you."
    statements: tuple[BlockStatement, ...] = Field(min_length=3, max_length=4)

    @model_validator(mode="after")
    def _design(self) -> RankingBlock:
        ids = [s.id for s in self.statements]
        if len(set(ids)) != len(ids):
            raise ValueError("the statements need different ids")
        traits = [s.trait for s in self.statements]
        if len(set(traits)) != len(traits):
            raise ValueError("the statements of a block must measure different traits")
        values = [s.desirability for s in self.statements]
        if max(values) - min(values) > MAX_DESIRABILITY_SPREAD:
            raise ValueError(
                f"desirability ranges {min(values):g}–{max(values):g}; statements of a block "
                f"must be matched within {MAX_DESIRABILITY_SPREAD:g}"
            )
        return self

    @property
    def pairs(self) -> tuple[tuple[int, int], ...]:
        """Index pairs ``(i, k)``, ``i < k``: one binary comparison each."""
        n = len(self.statements)
        return tuple((i, k) for i in range(n) for k in range(i + 1, n))


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


#: The shared reply scorer's criteria (``app.replies.CRITERIA``), by which a caller outside
#: this core may judge a rubric criterion for the trait model instead of its keyword checks.
ReplyCriterion = Literal["introduces_self", "uses_customer_name", "references_purchase",
                         "acknowledges_feelings", "takes_ownership", "resolves_accurately",
                         "honest", "no_blame_or_jargon", "clear_next_step"]


class RubricCriterion(Strict):
    """A criterion of the work-sample rubric: met when every check passes, or, where
    ``judged_by`` names one, when the shared reply scorer's criterion is met."""

    id: Slug
    label: Text
    description: Text
    trait: Slug
    points: int = Field(ge=1, le=10)
    checks: tuple[RubricCheck, ...] = Field(min_length=1)
    judged_by: ReplyCriterion | None = None


class WorkSampleItem(Strict):
    """A short written task (reply to a customer), scored by a transparent rubric."""

    kind: Literal["work_sample"] = "work_sample"
    id: Slug
    title: Text
    instructions: Text
    customer_name: Text
    customer_message: Text
    purchase: Text | None = None
    key_facts: tuple[Text, ...] = Field(min_length=1)
    must_disclose: tuple[Text, ...] = ()
    must_not: tuple[Text, ...] = Field(min_length=1)
    jargon: tuple[Text, ...] = ()
    max_chars: int = Field(default=4000, ge=100, le=20000)
    criteria: tuple[RubricCriterion, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_criteria(self) -> WorkSampleItem:
        ids = [c.id for c in self.criteria]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate criterion ids")
        return self


Item = LikertItem | SjtItem | ForcedChoiceItem | RankingBlock | WorkSampleItem
