"""QA scorecards as content: YAML files under assessments/scorecards/, validated here.

A scorecard has sections of weighted criteria. Each criterion is answered `yes`,
`partial` (when allowed: half credit), `no`, or `na` (when allowed: left out of the
denominator). A `no` on an auto-fail criterion (compliance, e.g. identity checks) makes
the whole evaluation score 0, whatever the other answers.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from flask import current_app
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from app.content.problems import Document, Problem
from app.yaml_reader import YamlError, load_yaml

ANSWERS = ("yes", "partial", "no", "na")
CREDIT = {"yes": 1.0, "partial": 0.5, "no": 0.0}
CHANNELS = ("phone", "email", "chat", "fax")
Channel = Literal["phone", "email", "chat", "fax"]
Slug = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)


class Criterion(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Slug
    text: str = Field(min_length=3, max_length=300)
    guidance: str = ""
    weight: float = Field(ge=0, le=100)
    auto_fail: bool = False
    allow_na: bool = False
    allow_partial: bool = False

    @model_validator(mode="after")
    def _weight_or_auto_fail(self) -> Criterion:
        if self.weight == 0 and not self.auto_fail:
            raise ValueError("a criterion needs a weight above 0 unless it is auto_fail")
        return self

    def accepts(self, answer: str) -> bool:
        return answer in ("yes", "no") or (answer == "na" and self.allow_na) or (
            answer == "partial" and self.allow_partial)


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Slug
    title: str = Field(min_length=1, max_length=120)
    criteria: list[Criterion] = Field(min_length=1)


class Scorecard(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Slug
    uuid: uuid.UUID
    schema_version: Literal[1]
    title: str = Field(min_length=1, max_length=120)
    description: str = ""
    channels: list[Channel] = Field(min_length=1)
    pass_mark: float = Field(ge=0, le=100)
    sections: list[Section] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Scorecard:
        seen: set[str] = set()
        for section in self.sections:
            for criterion in section.criteria:
                if criterion.id in seen:
                    raise ValueError(f"criterion id {criterion.id!r} is used twice")
                seen.add(criterion.id)
        if len({s.id for s in self.sections}) != len(self.sections):
            raise ValueError("section ids must be unique")
        if not any(c.weight > 0 for c in self.criteria()):
            raise ValueError("at least one criterion needs a weight above 0")
        return self

    def criteria(self) -> list[Criterion]:
        return [c for s in self.sections for c in s.criteria]


@dataclass(frozen=True)
class ScoreResult:
    score: float | None  # 0-100; None when every weighted criterion was N/A
    auto_failed: bool
    section_scores: dict[str, float | None]
    failed_items: list[str]


def scorecards_dir() -> Path:
    return Path(current_app.config["CONTENT_ROOT"]) / "assessments" / "scorecards"


def parse_scorecard_file(file: Path, root: Path) -> tuple[Scorecard | None, list[Problem]]:
    """Validate one file; problems read `path: field: message`."""
    shown = file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)
    try:
        data = load_yaml(file.read_text(encoding="utf-8"), shown)
    except UnicodeDecodeError as exc:
        return None, [Problem(shown, "(file)", f"not valid YAML: {exc}")]
    except YamlError as exc:
        where = f" (line {exc.line})" if exc.line is not None else ""
        return None, [Problem(shown, "(file)", f"not valid YAML{where}: {exc.problem}")]
    if not isinstance(data, dict):
        return None, [Problem(shown, "(file)", "expected a mapping at the top level")]
    try:
        card = Scorecard.model_validate(data)
    except ValidationError as exc:
        return None, [
            Problem(shown, ".".join(str(p) for p in err["loc"]) or "(file)", err["msg"])
            for err in exc.errors()
        ]
    if card.id != file.stem:
        return None, [Problem(shown, "id", f"must match the file name {file.stem!r}")]
    return card, []


def parse_scorecards(folder: Path, root: Path | None = None
                     ) -> tuple[dict[str, Scorecard], list[Problem]]:
    """Every valid scorecard in `folder`, and every problem found."""
    root = root or folder
    cards: dict[str, Scorecard] = {}
    problems: list[Problem] = []
    for file in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        card, found = parse_scorecard_file(file, root)
        problems.extend(found)
        if card is not None:
            cards[card.id] = card
    return cards, problems


def load_scorecards() -> dict[str, Scorecard]:
    """The one reader of shipped scorecards (invalid files are left out and logged)."""
    folder = scorecards_dir()
    cards, problems = parse_scorecards(folder, folder.parents[1])
    for problem in problems:
        current_app.logger.warning("scorecard problem: %s", problem)
    return cards


def score_answers(card: Scorecard | dict, answers: dict[str, str]) -> ScoreResult:
    """Weighted score (0-100) of complete, valid answers; N/A leaves the denominator."""
    card = card if isinstance(card, Scorecard) else Scorecard.model_validate(card)
    earned = possible = 0.0
    sections: dict[str, float | None] = {}
    failed: list[str] = []
    for section in card.sections:
        s_earned = s_possible = 0.0
        for c in section.criteria:
            answer = answers[c.id]
            if answer == "na":
                continue
            if answer == "no" and c.auto_fail:
                failed.append(c.id)
            s_earned += c.weight * CREDIT[answer]
            s_possible += c.weight
        sections[section.id] = round(100 * s_earned / s_possible, 1) if s_possible else None
        earned += s_earned
        possible += s_possible
    score = round(100 * earned / possible, 1) if possible else None
    if failed:
        score = 0.0
    return ScoreResult(score, bool(failed), sections, failed)


def answer_problems(card: Scorecard, answers: dict[str, str]) -> list[str]:
    """Messages naming each missing or not-allowed answer."""
    problems = []
    for c in card.criteria():
        answer = answers.get(c.id)
        if not answer:
            problems.append(f"“{c.text}” needs an answer.")
        elif not c.accepts(answer):
            problems.append(f"“{c.text}” does not accept the answer {answer!r}.")
    return problems


def scorecard_source(root: Path) -> tuple[list[Document], list[Problem]]:
    """The content source for `assessments/scorecards/`: one document per valid card."""
    cards, found = parse_scorecards(root / "assessments" / "scorecards", root)
    docs = [
        Document("scorecard", card.id, str(card.uuid), f"assessments/scorecards/{card.id}.yaml",
                 card.title, card.model_dump(mode="json"))
        for card in cards.values()
    ]
    return docs, found
