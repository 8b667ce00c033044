from pathlib import Path

import pytest

from app.monitoring.scorecards import (
    load_scorecards,
    parse_scorecard_file,
    parse_scorecards,
    score_answers,
)

ROOT = Path(__file__).resolve().parents[3]
SCORECARDS = ROOT / "assessments" / "scorecards"

GOOD = """\
id: tiny
uuid: 0b8e2c1a-7f44-4d1e-9a0b-2c3d4e5f6a7b
schema_version: 1
title: Tiny
channels: [chat]
pass_mark: 75
sections:
  - id: s
    title: S
    criteria:
      - {id: a, text: Answers the question, weight: 30, allow_partial: true}
      - {id: b, text: Uses the history, weight: 10, allow_na: true}
      - {id: comp, text: Verifies identity, weight: 0, auto_fail: true}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    file = tmp_path / "assessments" / "scorecards" / f"{name}.yaml"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text)
    return file


def test_every_shipped_scorecard_validates():
    cards, problems = parse_scorecards(SCORECARDS, ROOT)
    assert problems == []
    assert {"phone-contact", "written-contact"} <= set(cards)
    for card in cards.values():
        assert any(c.auto_fail for c in card.criteria()), f"{card.id} has no compliance item"


def test_the_app_reads_scorecards_from_the_content_root(app):
    assert set(load_scorecards()) >= {"phone-contact", "written-contact"}


@pytest.mark.parametrize(("change", "field", "message"), [
    (("weight: 30", "weight: -3"), "sections.0.criteria.0.weight", "greater than or equal"),
    (("id: b,", "id: a,"), "(file)", "used twice"),
    (("channels: [chat]", "channels: [pigeon]"), "channels.0", "Input should be"),
    (("pass_mark: 75", "pass_mark: 75\ncolour: red"), "colour", "Extra inputs"),
    (("weight: 10, allow_na", "weight: 0, allow_na"), "sections.0.criteria.1", "auto_fail"),
    (("schema_version: 1", "schema_version: 9"), "schema_version", "Input should be 1"),
])
def test_bad_scorecards_name_file_field_and_problem(tmp_path, change, field, message):
    file = write(tmp_path, "tiny", GOOD.replace(*change))
    card, problems = parse_scorecard_file(file, tmp_path)
    assert card is None
    text = "\n".join(str(p) for p in problems)
    assert text.startswith("assessments/scorecards/tiny.yaml: ")
    assert any(p.field == field and message in p.message for p in problems), text


def test_id_must_match_file_name_and_yaml_must_parse(tmp_path):
    _, problems = parse_scorecard_file(write(tmp_path, "other", GOOD), tmp_path)
    assert str(problems[0]) == (
        "assessments/scorecards/other.yaml: id: must match the file name 'other'")
    _, problems = parse_scorecard_file(write(tmp_path, "broken", "id: [unclosed"), tmp_path)
    assert problems[0].field == "(file)" and "YAML" in problems[0].message


def test_a_bad_file_does_not_hide_the_good_ones(tmp_path):
    write(tmp_path, "tiny", GOOD)
    write(tmp_path, "bad", "id: bad\n")
    cards, problems = parse_scorecards(tmp_path / "assessments" / "scorecards", tmp_path)
    assert list(cards) == ["tiny"]
    assert problems and all(p.path == "assessments/scorecards/bad.yaml" for p in problems)


def tiny(tmp_path):
    card, _ = parse_scorecard_file(write(tmp_path, "tiny", GOOD), tmp_path)
    return card


def test_weights_partial_credit_and_na(tmp_path):
    card = tiny(tmp_path)
    assert score_answers(card, {"a": "yes", "b": "no", "comp": "yes"}).score == 75.0
    assert score_answers(card, {"a": "partial", "b": "yes", "comp": "yes"}).score == 62.5
    # N/A leaves the denominator: 30 of 30
    assert score_answers(card, {"a": "yes", "b": "na", "comp": "yes"}).score == 100.0


def test_an_auto_fail_item_sets_the_score_to_zero(tmp_path):
    result = score_answers(tiny(tmp_path), {"a": "yes", "b": "yes", "comp": "no"})
    assert result.score == 0.0 and result.auto_failed and result.failed_items == ["comp"]
