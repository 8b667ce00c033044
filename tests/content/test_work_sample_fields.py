from __future__ import annotations

import re
from pathlib import Path

import yaml

from app.psychometrics.item_models import WorkSampleItem

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(ROOT.glob("assessments/items/service-aptitude*/work-sample.yaml"))


def _items():
    for path in FILES:
        for raw in yaml.safe_load(path.read_text())["items"]:
            yield path, raw


def test_every_work_sample_item_has_reply_fields():
    assert FILES
    for path, raw in _items():
        item = WorkSampleItem.model_validate(raw)
        assert item.key_facts and item.must_not, path
        assert all(" " in fact for fact in item.key_facts), path


def test_prompt_and_length_check_agree_on_80_to_200_words():
    for path, raw in _items():
        assert re.search(r"80 to 200 words", raw["instructions"]), path
        checks = [c for crit in raw["criteria"] for c in crit["checks"]
                  if c["type"] == "word_count"]
        assert checks, path
        assert all((c["min_words"], c["max_words"]) == (80, 200) for c in checks), path
