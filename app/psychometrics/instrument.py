"""Instrument content: models of the YAML files, and loading with per-file problems.

Layout under ``assessments/``::

    instruments/<instrument-id>.yaml         title, time limit, timing, traits, sections
    items/<instrument-id>/<file-id>.yaml      one kind per file, a list of items

Sections list item files by id; the display order is section order, and inside a
section either the files' order (``listed``) or round-robin across files (``interleave``).
"""

from __future__ import annotations

import uuid as uuid_mod
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import zip_longest
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from app.psychometrics.item_models import Item, LikertItem, RankingBlock, Slug, Strict, Text
from app.psychometrics.items import ITEM_KINDS, item_traits
from app.psychometrics.problems import (
    ContentError,
    ContentProblem,
    Documents,
    display_path,
    in_folder,
    problems_from_validation,
    read_yaml,
)

MAX_TIME_LIMIT_SECONDS = 1500
KindName = Literal["likert", "sjt", "forced_choice", "ranking_block", "work_sample"]


class TraitBand(Strict):
    """What a score band means at work and what to do about it."""

    means: Text
    what_to_do: Text


class Trait(Strict):
    """A measured trait with plain-language explanations and interview probes."""

    id: Slug
    name: Text
    definition: Text
    low: TraitBand
    typical: TraitBand
    high: TraitBand
    probes: tuple[Text, ...] = Field(min_length=2)


class SectionSpec(Strict):
    """A section as written in the instrument file."""

    id: Slug
    title: Text
    instructions: Text
    item_files: tuple[Slug, ...] = Field(min_length=1)
    order: Literal["listed", "interleave"] = "listed"


class Timing(Strict):
    """Standard-pace time assumptions (seconds) used to check the time limit."""

    seconds_per_item: dict[KindName, int]
    seconds_per_section_intro: int = Field(default=0, ge=0)
    note: Text | None = None


class QualitySettings(Strict):
    """Thresholds of the response-quality flags (see ``quality``)."""

    min_ms: dict[KindName, int] = {
        "likert": 1200,
        "sjt": 4000,
        "forced_choice": 1500,
        "ranking_block": 4000,
        "work_sample": 30000,
    }
    fast_share: float = Field(default=0.2, gt=0, le=1)
    straight_line_run: int = Field(default=12, ge=3)
    pair_gap: int = Field(default=3, ge=1)
    max_inconsistent_pairs: int = Field(default=1, ge=0)


class InstrumentFile(Strict):
    """The instrument file ``instruments/<id>.yaml``."""

    id: Slug
    uuid: uuid_mod.UUID
    schema_version: Literal[1]
    title: Text
    description: Text
    time_limit_seconds: int = Field(ge=60, le=MAX_TIME_LIMIT_SECONDS)
    timing: Timing
    quality: QualitySettings = QualitySettings()
    traits: tuple[Trait, ...] = Field(min_length=1)
    validity_traits: tuple[Slug, ...] = ()
    sections: tuple[SectionSpec, ...] = Field(min_length=1)


class ItemFile(Strict):
    """An item file ``items/<instrument-id>/<id>.yaml``: one kind, a list of items."""

    id: Slug
    uuid: uuid_mod.UUID
    schema_version: Literal[1]
    kind: KindName
    title: Text | None = None
    items: list[dict[str, Any]] = Field(min_length=1)


@dataclass(frozen=True)
class Section:
    """A loaded section with its items in display order."""

    id: str
    title: str
    instructions: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Instrument:
    """A fully loaded, cross-checked instrument. ``items`` are in display order."""

    id: str
    uuid: uuid_mod.UUID
    title: str
    description: str
    time_limit_seconds: int
    timing: Timing
    quality: QualitySettings
    traits: tuple[Trait, ...]
    sections: tuple[Section, ...]
    validity_traits: tuple[str, ...] = ()
    items: tuple[Item, ...] = field(init=False)
    _by_id: dict[str, Item] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        items = tuple(i for s in self.sections for i in s.items)
        object.__setattr__(self, "items", items)
        object.__setattr__(self, "_by_id", {i.id: i for i in items})

    @property
    def trait_ids(self) -> tuple[str, ...]:
        """Trait ids in the instrument's order."""
        return tuple(t.id for t in self.traits)

    def item(self, item_id: str) -> Item:
        """The item with id ``item_id`` (``KeyError`` if unknown)."""
        return self._by_id[item_id]

    def trait(self, trait_id: str) -> Trait:
        """The trait with id ``trait_id`` (``KeyError`` if unknown)."""
        return next(t for t in self.traits if t.id == trait_id)

    def with_item(self, new: Item) -> Instrument:
        """A copy with the item of the same id replaced (e.g. to preview a key change)."""
        self.item(new.id)
        sections = tuple(
            Section(
                s.id, s.title, s.instructions, tuple(new if i.id == new.id else i for i in s.items)
            )
            for s in self.sections
        )
        return replace(self, sections=sections)

    def estimated_seconds(self) -> int:
        """Standard-pace duration in seconds from the timing assumptions."""
        per_item = sum(self.timing.seconds_per_item.get(i.kind, 0) for i in self.items)
        return per_item + self.timing.seconds_per_section_intro * len(self.sections)


def _parse(model: type[Strict], data: Any, shown: str) -> tuple[Any, list[ContentProblem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, problems_from_validation(shown, exc)


def parse_item_file(
    file: Path, shown: str
) -> tuple[ItemFile | None, list[Item], list[ContentProblem]]:
    """Parse one item file; return the header, its valid items and the problems found."""
    data, problems = read_yaml(file, shown)
    if data is None:
        return None, [], problems
    return parse_item_data(data, shown, file.stem)


def parse_item_data(
    data: Any, shown: str, stem: str
) -> tuple[ItemFile | None, list[Item], list[ContentProblem]]:
    """Parse one item file's data (``stem`` is its file name without ``.yaml``)."""
    header, problems = _parse(ItemFile, data, shown)
    if header is None:
        return None, [], problems
    if header.id != stem:
        problems.append(ContentProblem(shown, "id", f"must equal the file name {stem!r}"))
    model = ITEM_KINDS[header.kind].model
    items: list[Item] = []
    for index, raw in enumerate(header.items):
        try:
            items.append(model.model_validate({"kind": header.kind, **raw}))
        except ValidationError as exc:
            problems.extend(problems_from_validation(shown, exc, ("items", index)))
    return header, items, problems


def _interleave(groups: Iterable[list[Item]]) -> list[Item]:
    return [i for row in zip_longest(*groups) for i in row if i is not None]


MIN_BLOCK_STATEMENTS_PER_TRAIT = 4
MIN_MIXED_BLOCK_SHARE = 0.2


def block_design_problems(items: list[Item], path: str) -> list[ContentProblem]:
    """Checks of the ranking-block design as a whole (each block checks itself).

    Every trait in blocks needs at least four statements, keyed in both directions, and
    at least a fifth of the blocks must mix keying: blocks whose statements are all keyed
    the same way leave Thurstonian scores partly ipsative.
    """
    blocks = [i for i in items if isinstance(i, RankingBlock)]
    if not blocks:
        return []
    problems = []
    keys: dict[str, list[str]] = {}
    for block in blocks:
        for statement in block.statements:
            keys.setdefault(statement.trait, []).append(statement.keyed)
    for trait, keyed in sorted(keys.items()):
        if len(keyed) < MIN_BLOCK_STATEMENTS_PER_TRAIT:
            problems.append(
                ContentProblem(
                    path,
                    f"blocks.{trait}",
                    f"{len(keyed)} block statements; at least "
                    f"{MIN_BLOCK_STATEMENTS_PER_TRAIT} are needed",
                )
            )
        if len(set(keyed)) < 2:
            problems.append(
                ContentProblem(path, f"blocks.{trait}", f"all statements are {keyed[0]}ly keyed")
            )
    mixed = sum(len({s.keyed for s in b.statements}) == 2 for b in blocks)
    if mixed < MIN_MIXED_BLOCK_SHARE * len(blocks):
        problems.append(
            ContentProblem(
                path,
                "blocks",
                f"only {mixed} of {len(blocks)} blocks mix positive and negative statements; "
                f"at least {MIN_MIXED_BLOCK_SHARE:.0%} must",
            )
        )
    return problems


def _check_items(
    spec: InstrumentFile, located: list[tuple[str, int, Item]], instrument_path: str
) -> list[ContentProblem]:
    """Cross-file checks: duplicate ids, unknown traits, pairs."""
    problems: list[ContentProblem] = []
    traits = {t.id for t in spec.traits}
    seen: dict[str, str] = {}
    by_id = {item.id: item for _, _, item in located}
    for path, index, item in located:
        where = f"items[{index}]"
        if item.id in seen:
            problems.append(
                ContentProblem(
                    path,
                    f"{where}.id",
                    f"duplicate item id {item.id!r} (first in {seen[item.id]})",
                )
            )
        seen.setdefault(item.id, path)
        for trait in sorted(item_traits(item) - traits):
            problems.append(ContentProblem(path, where, f"keyed to unknown trait {trait!r}"))
        if isinstance(item, LikertItem) and item.pair_with is not None:
            other = by_id.get(item.pair_with)
            if other is None or other.id == item.id or not isinstance(other, LikertItem):
                problems.append(
                    ContentProblem(
                        path,
                        f"{where}.pair_with",
                        f"{item.pair_with!r} is not another Likert item",
                    )
                )
            elif other.trait != item.trait:
                problems.append(
                    ContentProblem(
                        path, f"{where}.pair_with", "paired items must measure the same trait"
                    )
                )
    for trait in spec.validity_traits:
        if trait not in traits:
            problems.append(
                ContentProblem(instrument_path, "validity_traits", f"unknown trait {trait!r}")
            )
    problems.extend(block_design_problems([i for _, _, i in located], instrument_path))
    used = set().union(*(item_traits(i) for _, _, i in located)) if located else set()
    for trait in sorted(traits - used):
        problems.append(ContentProblem(instrument_path, f"traits.{trait}", "no item measures it"))
    return problems


def parse_instrument_files(
    assessments_dir: str | Path, instrument_id: str
) -> tuple[Instrument | None, list[ContentProblem]]:
    """Read and cross-check an instrument and all its item files from a folder.

    Returns ``(instrument, [])`` when everything is valid, else ``(None, problems)``
    with every problem found in every file (parsing continues past bad files).
    """
    root = Path(assessments_dir)
    file = root / "instruments" / f"{instrument_id}.yaml"
    shown = display_path(file, root)
    data, problems = read_yaml(file, shown)
    if data is None:
        return None, problems
    documents: dict[str, Any] = {shown: data}
    for path in sorted((root / "items" / instrument_id).glob("*.yaml")):
        item_shown = display_path(path, root)
        item_data, found = read_yaml(path, item_shown)
        problems.extend(found)
        documents[item_shown] = item_data
    instrument, found = parse_instrument(documents, instrument_id, root.resolve().name)
    problems.extend(found)
    return (None, problems) if problems else (instrument, [])


def parse_instrument(
    documents: Documents, instrument_id: str, root_name: str = "assessments"
) -> tuple[Instrument | None, list[ContentProblem]]:
    """Cross-check an instrument and its item files given as data.

    ``documents`` maps display paths (``<root_name>/instruments/<id>.yaml`` and
    ``<root_name>/items/<id>/<file>.yaml``) to the files' parsed mappings, so content
    stored anywhere (a folder, database rows) goes through the same checks. ``None``
    marks a file that exists but could not be read (its problem is reported elsewhere).
    """
    shown = f"{root_name}/instruments/{instrument_id}.yaml"
    if shown not in documents:
        return None, [ContentProblem(shown, "(file)", "no such instrument")]
    spec, problems = _parse(InstrumentFile, documents[shown], shown)
    if spec is None:
        return None, problems
    if spec.id != instrument_id:
        problems.append(ContentProblem(shown, "id", f"must equal the file name {instrument_id!r}"))
    for name, ids in (
        ("traits", [t.id for t in spec.traits]),
        ("sections", [s.id for s in spec.sections]),
    ):
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            problems.append(ContentProblem(shown, name, f"duplicate id {dup!r}"))
    uuids = {spec.uuid: shown}
    item_dir = f"{root_name}/items/{instrument_id}"
    files: dict[str, tuple[str, list[Item]]] = {}
    for item_shown, stem, data in in_folder(documents, item_dir):
        if data is None:
            files[stem] = (item_shown, [])
            continue
        header, items, file_problems = parse_item_data(data, item_shown, stem)
        problems.extend(file_problems)
        files[stem] = (item_shown, items)
        if header is not None and header.uuid in uuids:
            problems.append(
                ContentProblem(item_shown, "uuid", f"same uuid as {uuids[header.uuid]}")
            )
        elif header is not None:
            uuids[header.uuid] = item_shown
    referenced: list[str] = [f for s in spec.sections for f in s.item_files]
    for index, section in enumerate(spec.sections):
        for name in section.item_files:
            if name not in files:
                problems.append(
                    ContentProblem(
                        shown,
                        f"sections[{index}].item_files",
                        f"no item file {name!r} in {instrument_id}/",
                    )
                )
            elif referenced.count(name) > 1:
                problems.append(
                    ContentProblem(
                        shown,
                        f"sections[{index}].item_files",
                        f"item file {name!r} is used by more than one section",
                    )
                )
    for name, (item_shown, _) in files.items():
        if name not in referenced:
            problems.append(ContentProblem(item_shown, "(file)", "not used by any section"))
    located = [(s, n, i) for s, items in files.values() for n, i in enumerate(items)]
    problems.extend(_check_items(spec, located, shown))
    if problems:
        return None, problems
    sections = []
    for section in spec.sections:
        groups = [files[name][1] for name in section.item_files]
        ordered = _interleave(groups) if section.order == "interleave" else sum(groups, [])
        sections.append(Section(section.id, section.title, section.instructions, tuple(ordered)))
    instrument = Instrument(
        id=spec.id,
        uuid=spec.uuid,
        title=spec.title,
        description=spec.description,
        time_limit_seconds=spec.time_limit_seconds,
        timing=spec.timing,
        quality=spec.quality,
        traits=spec.traits,
        sections=tuple(sections),
        validity_traits=spec.validity_traits,
    )
    problems = _check_timing(instrument, shown)
    return (None, problems) if problems else (instrument, [])


def _check_timing(instrument: Instrument, shown: str) -> list[ContentProblem]:
    problems = []
    kinds = {i.kind for i in instrument.items}
    for kind in sorted(kinds - set(instrument.timing.seconds_per_item)):
        problems.append(ContentProblem(shown, "timing.seconds_per_item", f"no time for {kind!r}"))
    estimate = instrument.estimated_seconds()
    if estimate > instrument.time_limit_seconds:
        problems.append(
            ContentProblem(
                shown,
                "time_limit_seconds",
                f"standard-pace estimate {estimate} s exceeds the limit "
                f"{instrument.time_limit_seconds} s",
            )
        )
    return problems


def load_instrument(assessments_dir: str | Path, instrument_id: str) -> Instrument:
    """Load an instrument, raising ``ContentError`` listing every problem if any."""
    instrument, problems = parse_instrument_files(assessments_dir, instrument_id)
    if problems or instrument is None:
        raise ContentError(problems)
    return instrument
