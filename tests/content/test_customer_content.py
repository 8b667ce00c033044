"""Shipped simulated customers validate; bad customer files are reported as path: field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.practice.customers import customer_source

ROOT = Path(__file__).resolve().parents[2]
CUSTOMERS = "courses/practice/customers"


def test_shipped_customers_load_phone_and_chat():
    docs, problems = customer_source(ROOT)
    assert problems == []
    assert len(docs) >= 6
    contacts = {d.data["contact"] for d in docs}
    assert any(c.startswith("phone-") for c in contacts)
    assert any(c.startswith("chat-") for c in contacts)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "courses" / "practice", tmp_path / "courses" / "practice")
    return tmp_path


def _edit(tree: Path, name: str, old: str, new: str) -> str:
    path = tree / CUSTOMERS / f"{name}.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return f"{CUSTOMERS}/{name}.yaml"


@pytest.mark.parametrize(("old", "new", "field", "message"), [
    ("go: thanks\n", "go: nowhere\n", "conversation.nodes.written.next[0].go",
     "unknown node 'nowhere'"),
    ("contact: phone-double-charge-desk", "contact: email-damaged-desk-top", "contact",
     "'email-damaged-desk-top' is email; only phone and chat customers talk back"),
    ("contact: phone-double-charge-desk", "contact: phone-no-such-call", "contact",
     "unknown practice contact 'phone-no-such-call'"),
    ("  turns: 3", "  turns: 0", "patience.turns", "Input should be greater than or equal to 1"),
    ("when: [committed]", "when: [smiled]", "conversation.nodes.written.next[0].when[0]",
     "Input should be"),
    ("    hang_up:\n", "    hang_up_later:\n", "conversation.reactions.hang_up_later",
     "Input should be"),
])
def test_a_bad_customer_file_names_the_field(tree, old, new, field, message):
    rel = _edit(tree, "rosa-double-charge", old, new)
    docs, problems = customer_source(tree)
    assert "rosa-double-charge" not in {d.content_id for d in docs}
    mine = [p for p in problems if p.path == rel]
    assert any(p.field == field and p.message.startswith(message) for p in mine), mine
    assert str(mine[0]).startswith(f"{rel}: ")


def test_two_customers_cannot_play_one_contact(tree):
    rel = _edit(tree, "sophie-wrong-color", "contact: chat-wrong-color-chair",
                "contact: chat-price-drop")
    _, problems = customer_source(tree)
    assert [(p.path, p.field) for p in problems] == [(rel, "contact")]
    assert "already played by" in problems[0].message


def test_an_unreachable_node_is_reported(tree):
    rel = _edit(tree, "omar-tracking", "  nodes:\n",
                "  nodes:\n    orphan:\n      says: Nobody gets here.\n      end: lost\n")
    _, problems = customer_source(tree)
    assert [(p.path, p.field, p.message) for p in problems] == [
        (rel, "conversation.nodes.orphan", "node is not reachable from start")]
