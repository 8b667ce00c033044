"""Score a whole conversation and say, per criterion, which trainee turn earned it."""

from __future__ import annotations

from typing import Any

from app.replies import CRITERIA, score_reply


def _turn_of(evidence: str, turns: list[str]) -> int | None:
    """1-based number of the trainee turn holding ``evidence`` (a sentence or a note
    quoting one), or None."""
    if not evidence:
        return None
    for i, text in enumerate(turns, 1):
        if evidence in text:
            return i
    for i, text in enumerate(turns, 1):
        if any(part and part in text for part in evidence.split(" — ")[1:]):
            return i
    return None


def score_transcript(case: dict[str, Any], turns: list[dict[str, Any]]) -> dict[str, Any]:
    """The scorer's verdict on everything the trainee said, with the turn per criterion.

    ``criteria[name] = {"score", "evidence", "turn"}``; ``turn`` is None when no single
    turn holds the evidence (e.g. a fact that was never given)."""
    said = [t["text"] for t in turns if t["who"] == "agent"]
    result = score_reply(case, "\n".join(said))
    criteria = {}
    for name in CRITERIA:
        evidence = result.evidence.get(name, "")
        criteria[name] = {"score": result.criteria[name], "evidence": evidence,
                          "turn": _turn_of(evidence, said)}
    return {"overall": result.overall, "confident": result.confident,
            "wrong_facts": list(result.wrong_facts), "criteria": criteria,
            "turns": len(said)}
