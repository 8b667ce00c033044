"""Predictive validity: hiring scores of consenting hires against their later live
outcomes. Outcomes come only from monitoring (`hiring_outcomes`), never from practice."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.hiring.catalog import setup_for
from app.measurement.records import scored_records, self_identifications
from app.monitoring.services import hiring_outcomes
from app.psychometrics.validity import ValidityReport, validity_study

OUTCOMES = {
    "qa_mean": ("Mean live QA score, first 90 days", False),
    "fcr_mean": ("Mean first-contact resolution %, first 90 days", False),
    "still_employed": ("Still employed", True),
}


@dataclass(frozen=True)
class ValidityInput:
    """Rows for the study: T-scores (hires × traits) and the outcome per hire."""

    traits: tuple[str, ...]
    user_ids: tuple[int, ...]
    t_scores: np.ndarray
    outcome: np.ndarray
    hires: int
    consenting: int


def validity_input(profile_id: str, outcome: str) -> ValidityInput:
    """Consenting hires of `profile_id` with complete trait scores and a live outcome.
    The outcome window starts on the hiring day (`Invitation.decided_at`)."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    traits = setup_for(profile_id).instrument.trait_ids
    hired = [r for r in scored_records([profile_id]) if r.decision == "hired"]
    selfids = self_identifications(hired)
    consenting = [r for r in hired
                  if (s := selfids.get(r.invitation_id)) is not None and s.research_consent]
    starts = {r.candidate_id: r.decided_at.date() for r in consenting if r.decided_at}
    outcomes = hiring_outcomes([r.candidate_id for r in consenting], starts)
    rows, ys, ids = [], [], []
    for record in consenting:
        t = record.t_scores()
        view = outcomes.get(record.candidate_id)
        value = getattr(view, outcome) if view is not None else None
        if value is None or any(t.get(x) is None for x in traits):
            continue
        rows.append([t[x] for x in traits])
        ys.append(float(value))
        ids.append(record.candidate_id)
    return ValidityInput(traits, tuple(ids), np.array(rows).reshape(len(rows), len(traits)),
                         np.array(ys), len(hired), len(consenting))


def run_validity(profile_id: str, outcome: str) -> tuple[ValidityInput, ValidityReport | None,
                                                         str]:
    """The study for one profile and outcome; the message explains a missing report."""
    data = validity_input(profile_id, outcome)
    weights = setup_for(profile_id).profile.weights
    try:
        report = validity_study(data.t_scores, data.outcome, data.traits, weights,
                                binary=OUTCOMES[outcome][1])
    except ValueError as exc:
        return data, None, str(exc)
    return data, report, ""
