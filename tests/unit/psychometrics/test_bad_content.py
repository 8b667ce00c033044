"""Broken content is reported as ``path: field: message``."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from app.psychometrics import (
    ContentError,
    load_instrument,
    parse_catalog,
    parse_instrument_files,
    validate_file,
)

ITEMS = "items/service-aptitude"


def _edit(root: Path, rel: str, change) -> None:
    path = root / rel
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def _problems(root: Path) -> list[str]:
    instrument, problems = parse_instrument_files(root, "service-aptitude")
    assert instrument is None
    return [str(p) for p in problems]


def test_wrong_type_names_file_and_field(shipped_copy):
    _edit(shipped_copy, f"{ITEMS}/empathy.yaml", lambda d: d["items"][3].update(reverse="maybe"))
    assert _problems(shipped_copy) == [
        "assessments/items/service-aptitude/empathy.yaml: items[3].reverse: "
        "Input should be a valid boolean, unable to interpret input"
    ]


def test_malformed_yaml(shipped_copy):
    (shipped_copy / f"{ITEMS}/ethics.yaml").write_text("id: ethics\nitems: [a, b\n")
    problem, cascade = _problems(shipped_copy)
    assert problem.startswith("assessments/items/service-aptitude/ethics.yaml: line ")
    assert "malformed YAML" in problem
    assert cascade == (
        "assessments/instruments/service-aptitude.yaml: traits.integrity: no item measures it"
    )


def test_unknown_field(shipped_copy):
    _edit(
        shipped_copy,
        f"{ITEMS}/situations.yaml",
        lambda d: d["items"][0]["options"][1].update(score=3),
    )
    assert _problems(shipped_copy) == [
        "assessments/items/service-aptitude/situations.yaml: items[0].options[1].score: "
        "Extra inputs are not permitted"
    ]


def test_duplicate_item_id(shipped_copy):
    _edit(shipped_copy, f"{ITEMS}/resilience.yaml", lambda d: d["items"][0].update(id="emp-01"))
    problems = _problems(shipped_copy)
    assert any(
        p.startswith(
            "assessments/items/service-aptitude/resilience.yaml: items[0].id: "
            "duplicate item id 'emp-01'"
        )
        for p in problems
    ), problems


def test_unknown_trait(shipped_copy):
    _edit(shipped_copy, f"{ITEMS}/objectivity.yaml", lambda d: d["items"][2].update(trait="charm"))
    assert _problems(shipped_copy) == [
        "assessments/items/service-aptitude/objectivity.yaml: items[2]: "
        "keyed to unknown trait 'charm'"
    ]


def test_several_files_are_all_reported(shipped_copy):
    _edit(shipped_copy, f"{ITEMS}/empathy.yaml", lambda d: d["items"][0].update(text=""))
    _edit(shipped_copy, f"{ITEMS}/initiative.yaml", lambda d: d.update(colour="red"))
    with pytest.raises(ContentError) as err:
        load_instrument(shipped_copy, "service-aptitude")
    files = {p.path for p in err.value.problems}
    assert files == {
        "assessments/items/service-aptitude/empathy.yaml",
        "assessments/items/service-aptitude/initiative.yaml",
    }


def test_time_limit_over_25_minutes_is_rejected(shipped_copy):
    _edit(
        shipped_copy,
        "instruments/service-aptitude.yaml",
        lambda d: d.update(time_limit_seconds=1600),
    )
    (problem,) = _problems(shipped_copy)
    assert problem.startswith(
        "assessments/instruments/service-aptitude.yaml: time_limit_seconds: Input should be"
    )


def test_validate_single_file_and_profiles(shipped_copy):
    _edit(
        shipped_copy,
        "job_profiles/contact-center-agent.yaml",
        lambda d: d["weights"].update(charm=1),
    )
    path = shipped_copy / "job_profiles/contact-center-agent.yaml"
    assert validate_file(path, shipped_copy) == []
    catalog, problems = parse_catalog(shipped_copy)
    assert [str(p) for p in problems] == [
        "assessments/job_profiles/contact-center-agent.yaml: weights.charm: unknown trait"
    ]
    assert "contact-center-agent" not in catalog.job_profiles
    _edit(
        shipped_copy,
        "norms/service-aptitude-v1.yaml",
        lambda d: d["traits"]["empathy"].update(sd=0),
    )
    assert [
        str(p) for p in validate_file(shipped_copy / "norms/service-aptitude-v1.yaml", shipped_copy)
    ] == [
        "assessments/norms/service-aptitude-v1.yaml: traits.empathy: "
        "Value error, sd must be positive"
    ]


def test_duplicate_uuid_and_section_id(shipped_copy):
    data = yaml.safe_load((shipped_copy / f"{ITEMS}/empathy.yaml").read_text(encoding="utf-8"))
    _edit(shipped_copy, f"{ITEMS}/resilience.yaml", lambda d: d.update(uuid=data["uuid"]))
    _edit(
        shipped_copy,
        "instruments/service-aptitude.yaml",
        lambda d: d["sections"][1].update(id="about-you"),
    )
    assert sorted(_problems(shipped_copy)) == [
        "assessments/instruments/service-aptitude.yaml: sections: duplicate id 'about-you'",
        "assessments/items/service-aptitude/resilience.yaml: uuid: "
        "same uuid as assessments/items/service-aptitude/empathy.yaml",
    ]


def test_catalog_from_mapping_equals_catalog_from_folder(shipped_copy):
    from app.psychometrics import parse_catalog_data
    from app.psychometrics.problems import read_tree

    documents, problems = read_tree(shipped_copy)
    assert problems == []
    from_data, found = parse_catalog_data(documents)
    from_folder, _ = parse_catalog(shipped_copy)
    assert found == []
    assert from_data.instruments == from_folder.instruments
    assert set(from_data.job_profiles) == set(from_folder.job_profiles)
    broken = dict(documents)
    broken.pop("assessments/items/service-aptitude/ethics.yaml")
    _, found = parse_catalog_data(broken)
    assert any("no item file 'ethics'" in str(p) for p in found)
