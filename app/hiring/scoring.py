"""Score a finished attempt with the pure core and keep a plain-data copy of the result."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from app.events import emit
from app.extensions import db
from app.hiring.catalog import setup_for
from app.hiring.models import Attempt
from app.hiring.tryout.services import join_composite
from app.hiring.work_sample import judge_answers
from app.orm import transition, utcnow
from app.psychometrics import AttemptScore, check_quality, score_attempt
from app.psychometrics.rescoring import usable_responses
from app.psychometrics.trait_attempt import score_attempt_traits


def _num(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def score_to_dict(score: AttemptScore, work_sample: dict[str, dict[str, Any]]
                  ) -> dict[str, Any]:
    """JSON-safe copy of a score; exact fractions kept as strings beside floats.
    ``work_sample``: per item, the overall used and whether a recruiter or the scorer gave it."""
    hurdle = score.hurdle
    return {
        "instrument": score.instrument_id,
        "norm_table": score.norm_table_id,
        "profile": score.profile_id,
        "answered": score.answered,
        "total_items": score.total_items,
        "traits": [
            {
                "id": t.trait, "name": t.name, "percentile": t.percentile,
                "t_score": _num(t.t_score), "raw": _num(t.raw), "band": t.band,
                "complete": t.complete, "sem_t": t.sem_t, "definition": t.definition,
                "meaning": t.meaning, "what_to_do": t.what_to_do,
            }
            for t in score.traits.values()
        ],
        "work_sample": work_sample,
        "hurdle": {
            "decision": hurdle.decision, "recommendation": hurdle.recommendation,
            "composite": _num(hurdle.composite),
            "composite_exact": None if hurdle.composite is None else str(hurdle.composite),
            "cut_score": float(hurdle.cut_score), "sem": hurdle.sem,
            "close_to_cut": hurdle.close_to_cut, "failed_minimums": list(hurdle.failed_minimums),
            "incomplete_traits": list(hurdle.incomplete_traits),
        },
        "probes": [{"trait": p.trait_name, "question": p.question} for p in score.probes],
    }


def stored_answers(attempt: Attempt) -> tuple[dict[str, Any], dict[str, float]]:
    answers = {r.item_id: r.value for r in attempt.responses}
    timings = {r.item_id: float(r.elapsed_ms) for r in attempt.responses if r.elapsed_ms}
    return answers, timings


def score_values(attempt: Attempt) -> dict[str, Any]:
    """The attempt's score, composite, recommendation and flags, computed (not stored).
    Norm tables of a Thurstonian calibration score with the model (``trait_attempt``);
    the others with the summed keys."""
    setup = setup_for(attempt.invitation.opening.job_profile)
    answers, timings = stored_answers(attempt)
    clean, _ = usable_responses(setup.instrument, answers)
    judged, work_sample = judge_answers(attempt, setup.instrument, clean)
    if setup.norms.scoring == "thurstonian":
        data = score_attempt_traits(setup.instrument, judged, timings, setup.norms, setup.profile)
        return join_composite(attempt, dict(setup.profile.weights), {  # job tryout
            "score": data, "composite": data["hurdle"]["composite"],
            "recommendation": data["hurdle"]["decision"], "flags": data["flags"]})
    score = score_attempt(setup.instrument, judged, setup.norms, setup.profile)
    quality = check_quality(setup.instrument, clean, timings)
    values = {"score": score_to_dict(score, work_sample),
              "composite": _num(score.hurdle.composite),
              "recommendation": score.hurdle.decision,
              "flags": [{"code": f.code, "message": f.message} for f in quality.flags]}
    return join_composite(attempt, dict(setup.profile.weights), values)  # job tryout


def score_and_store(attempt: Attempt, finishing: bool = False) -> bool:
    """Score a submitted or expired attempt; the attempt becomes `scored`. `finishing`:
    the attempt was just ended; it is scored (and "attempt.scored" fired) only by the
    caller that moves it from submitted/expired to scored — None for any other.
    Otherwise (re-scoring) the stored score is replaced. True when it scored."""
    values = score_values(attempt)
    values |= {"status": "scored", "scored_at": utcnow()}
    if finishing:
        if not transition(db.session, attempt, {"status": ("submitted", "expired")}, **values):
            return False
    else:
        for name, value in values.items():
            setattr(attempt, name, value)
        db.session.flush()
    emit("attempt.scored", {"invitation_id": attempt.invitation_id,
                            "opening_id": attempt.invitation.opening_id,
                            "recommendation": attempt.recommendation,
                            "composite_t": attempt.composite})
    return True
