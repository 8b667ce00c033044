"""Registry of item kinds: validation of raw form values and per-trait scoring.

Every kind turns an answer into one or more integer *codes*, one per scoring column
(a Likert item has one column; a work sample has one per rubric criterion). A column
holds, for every code, the points it gives to each trait. ``score`` sums those points,
and the vectorized ``score_batch`` uses the very same tables, so both agree.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from app.psychometrics.item_models import (
    ForcedChoiceItem,
    Item,
    LikertItem,
    RankingBlock,
    SjtItem,
    WorkSampleItem,
)
from app.psychometrics.work_sample import TOP_CODE, JudgedReply, share_points, work_sample_codes


@dataclass(frozen=True, slots=True)
class ScoringColumn:
    """One scoring column: ``points[code]`` maps trait id to the points that code earns."""

    key: str
    points: tuple[Mapping[str, int], ...]


class ItemKind(ABC):
    """Base class of an item kind. Subclasses set ``name``/``model`` and implement
    ``validate``, ``columns`` and ``encode``."""

    name: ClassVar[str]
    model: ClassVar[type]

    @abstractmethod
    def validate(self, item: Any, raw_value: Any) -> Any:
        """Normalize a raw (form) value; raise ``ValueError`` with a clear message."""

    @abstractmethod
    def columns(self, item: Any) -> list[ScoringColumn]:
        """The scoring columns of ``item``."""

    @abstractmethod
    def encode(self, item: Any, value: Any) -> tuple[int, ...]:
        """Codes (one per column) of an already validated value."""

    def score(self, item: Any, value: Any) -> dict[str, int]:
        """Points per trait earned by ``value`` (validated first)."""
        value = self.validate(item, value)
        totals: dict[str, int] = {}
        for column, code in zip(self.columns(item), self.encode(item, value), strict=True):
            for trait, pts in column.points[code].items():
                totals[trait] = totals.get(trait, 0) + pts
        return totals

    def max_points(self, item: Any) -> dict[str, int]:
        """Highest points per trait that ``item`` can give (summed over its columns)."""
        totals: dict[str, int] = {}
        for column in self.columns(item):
            for trait in {t for row in column.points for t in row}:
                best = max(row.get(trait, 0) for row in column.points)
                totals[trait] = totals.get(trait, 0) + best
        return totals


def _as_int(item_id: str, raw: Any) -> int:
    if isinstance(raw, bool):
        raise ValueError(f"item {item_id}: expected a whole number, got {raw!r}")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str) and raw.strip().lstrip("-").isdigit():
        return int(raw.strip())
    raise ValueError(f"item {item_id}: expected a whole number, got {raw!r}")


class LikertKind(ItemKind):
    """Agreement scale; value is the integer scale point (form sends e.g. ``"4"``)."""

    name = "likert"
    model = LikertItem

    def validate(self, item: LikertItem, raw_value: Any) -> int:
        """Accept an integer (or its string) within the scale."""
        value = _as_int(item.id, raw_value)
        if not item.scale.min <= value <= item.scale.max:
            raise ValueError(
                f"item {item.id}: {value} is outside the scale {item.scale.min}–{item.scale.max}"
            )
        return value

    def columns(self, item: LikertItem) -> list[ScoringColumn]:
        """One column; code ``c`` earns ``c`` points, or ``top − c`` if reverse-keyed."""
        top = item.scale.max - item.scale.min
        rows = tuple({item.trait: (top - c) if item.reverse else c} for c in range(top + 1))
        return [ScoringColumn(item.id, rows)]

    def encode(self, item: LikertItem, value: int) -> tuple[int, ...]:
        """Code = answer − scale minimum."""
        return (value - item.scale.min,)


class _ChoiceKind(ItemKind):
    """Shared logic of kinds whose value is one option id."""

    def validate(self, item: SjtItem | ForcedChoiceItem, raw_value: Any) -> str:
        """Accept one of the option ids (surrounding spaces ignored)."""
        ids = [o.id for o in item.options]
        value = raw_value.strip() if isinstance(raw_value, str) else raw_value
        if value not in ids:
            raise ValueError(
                f"item {item.id}: unknown option {raw_value!r}; expected one of {', '.join(ids)}"
            )
        return value

    def encode(self, item: SjtItem | ForcedChoiceItem, value: str) -> tuple[int, ...]:
        """Code = position of the chosen option."""
        return ([o.id for o in item.options].index(value),)


class SjtKind(_ChoiceKind):
    """Situational judgment (including ethics dilemmas); value is the chosen option id."""

    name = "sjt"
    model = SjtItem

    def columns(self, item: SjtItem) -> list[ScoringColumn]:
        """One column; each option's points as written in the key."""
        return [ScoringColumn(item.id, tuple(dict(o.points) for o in item.options))]


class ForcedChoiceKind(_ChoiceKind):
    """Forced choice between two statements; value is the chosen statement id."""

    name = "forced_choice"
    model = ForcedChoiceItem

    def columns(self, item: ForcedChoiceItem) -> list[ScoringColumn]:
        """One column; the chosen statement's trait gets one point."""
        a, b = item.options
        return [ScoringColumn(item.id, ({a.trait: 1, b.trait: 0}, {a.trait: 0, b.trait: 1}))]


class RankingBlockKind(ItemKind):
    """Ranking of a block's statements; value is the tuple of statement ids, most like
    me first. The form may send ``"b>a>c"``; for a block of three, ``"b>c"`` (most and
    least) is enough. Each pair of statements is one 0/1 column (1 = first ranked higher).

    The points of a pair (used only by the older summed scoring) give one point to the
    trait whose positive statement was preferred or whose negative statement was not.
    """

    name = "ranking_block"
    model = RankingBlock

    def validate(self, item: RankingBlock, raw_value: Any) -> tuple[str, ...]:
        """Accept a full ranking, or most>least for three statements."""
        if isinstance(raw_value, str):
            parts = [p.strip() for p in raw_value.split(">")]
        elif isinstance(raw_value, list | tuple):
            parts = [str(p).strip() for p in raw_value]
        else:
            raise ValueError(f"item {item.id}: expected a ranking such as 'b>a>c'")
        ids = [s.id for s in item.statements]
        unknown = [p for p in parts if p not in ids]
        if unknown or len(set(parts)) != len(parts):
            raise ValueError(
                f"item {item.id}: a ranking lists each of {', '.join(ids)} once, "
                f"got {raw_value!r}"
            )
        if len(parts) == len(ids) - 1 == 2:
            parts.insert(1, next(i for i in ids if i not in parts))
        if len(parts) != len(ids):
            raise ValueError(f"item {item.id}: rank all {len(ids)} statements")
        return tuple(parts)

    def columns(self, item: RankingBlock) -> list[ScoringColumn]:
        """One 0/1 column per pair of statements."""
        out = []
        for i, k in item.pairs:
            a, b = item.statements[i], item.statements[k]
            rows = []
            for first_wins in (False, True):
                winner, loser = (a, b) if first_wins else (b, a)
                row = {a.trait: 0, b.trait: 0}
                if winner.keyed == "positive":
                    row[winner.trait] += 1
                if loser.keyed == "negative":
                    row[loser.trait] += 1
                rows.append(row)
            out.append(ScoringColumn(f"{item.id}:{a.id}{b.id}", tuple(rows)))
        return out

    def encode(self, item: RankingBlock, value: tuple[str, ...]) -> tuple[int, ...]:
        """1 where the pair's first statement is ranked above the second."""
        rank = {sid: n for n, sid in enumerate(value)}
        ids = [s.id for s in item.statements]
        return tuple(int(rank[ids[i]] < rank[ids[k]]) for i, k in item.pairs)


class WorkSampleKind(ItemKind):
    """Written reply; value is the text or a ``JudgedReply``. Each rubric criterion is one
    column with codes 0-4 (see ``work_sample``)."""

    name = "work_sample"
    model = WorkSampleItem

    def validate(self, item: WorkSampleItem, raw_value: Any) -> str | JudgedReply:
        """Accept non-empty text up to ``max_chars`` (newlines normalized), or a judged
        reply whose text passes the same check and whose overall is 1-5."""
        if isinstance(raw_value, JudgedReply):
            if raw_value.overall not in range(1, TOP_CODE + 2):
                raise ValueError(f"item {item.id}: the overall rating must be 1 to 5")
            codes = raw_value.codes
            if codes is not None and (len(codes) != len(item.criteria)
                                      or any(c not in range(TOP_CODE + 1) for c in codes)):
                raise ValueError(f"item {item.id}: expected one code 0-{TOP_CODE} per "
                                 f"criterion ({len(item.criteria)})")
            return JudgedReply(self.validate(item, raw_value.text), raw_value.overall,
                               raw_value.source, None if codes is None else tuple(codes))
        if not isinstance(raw_value, str):
            raise ValueError(f"item {item.id}: expected text, got {type(raw_value).__name__}")
        text = raw_value.replace("\r\n", "\n").strip()
        if not text:
            raise ValueError(f"item {item.id}: the answer is empty")
        if len(text) > item.max_chars:
            raise ValueError(
                f"item {item.id}: the answer is longer than {item.max_chars} characters"
            )
        return text

    def columns(self, item: WorkSampleItem) -> list[ScoringColumn]:
        """One column per rubric criterion, codes 0-4."""
        return [
            ScoringColumn(f"{item.id}:{c.id}",
                          tuple({c.trait: share_points(c.points, code)}
                                for code in range(TOP_CODE + 1)))
            for c in item.criteria
        ]

    def encode(self, item: WorkSampleItem, value: str | JudgedReply) -> tuple[int, ...]:
        return work_sample_codes(item, value)


ITEM_KINDS: dict[str, ItemKind] = {
    kind.name: kind
    for kind in (
        LikertKind(),
        SjtKind(),
        ForcedChoiceKind(),
        RankingBlockKind(),
        WorkSampleKind(),
    )
}


def kind_of(item: Item) -> ItemKind:
    """The registered kind of ``item``."""
    return ITEM_KINDS[item.kind]


def item_traits(item: Item) -> set[str]:
    """Every trait id ``item`` refers to."""
    return set(kind_of(item).max_points(item))
