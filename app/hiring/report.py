"""What the candidate page, the PDF report and the candidate's feedback show."""

from __future__ import annotations

from typing import Any

from app.extensions import db
from app.hiring.catalog import setup_for
from app.hiring.models import Invitation
from app.hiring.scoring import stored_answers
from app.hiring.trait_chart import trait_profile_chart
from app.hiring.tryout.services import recruiter_view
from app.hiring.work_sample import judge_answers, work_sample_views
from app.identity.models import User
from app.orm import utcnow
from app.pdf import render_pdf
from app.psychometrics import score_attempt
from app.psychometrics.feedback import candidate_feedback
from app.psychometrics.rescoring import usable_responses

DECISION_MEANING = {
    "pass": "The weighted composite reaches the cut score and every trait minimum is met. "
            "Invite to interview and use the probes below for the weaker traits.",
    "fail": "The composite is below the cut score or a trait minimum is not met. This is a "
            "recommendation only: review the profile and flags, then record your decision.",
    "incomplete": "Too few answers were saved to score every trait. Review the attempt; "
                  "consider offering a new sitting if something went wrong.",
}


def _chart(score: dict[str, Any], minimums: dict[str, float] | None = None) -> Any:
    return trait_profile_chart(score.get("traits", []), minimums)


def candidate_report_context(invitation: Invitation) -> dict[str, Any]:
    attempt = invitation.attempt
    score = attempt.score if attempt is not None and attempt.score else None
    setup = setup_for(invitation.opening.job_profile)
    profile = setup.profile
    answers = stored_answers(attempt)[0] if attempt is not None else {}
    return {
        "work_samples": work_sample_views(attempt, setup.instrument, answers) if score else [],
        "tryout": recruiter_view(attempt) if score else None,
        "score": score,
        "chart": _chart(score, {t: float(m) for t, m in profile.minimums.items()})
        if score else None,
        "flags": (attempt.flags or []) if attempt else [],
        "meaning": DECISION_MEANING.get(score["hurdle"]["decision"]) if score else None,
        "profile": profile,
        "weights": {t: float(w) for t, w in profile.weights.items()},
    }


def render_candidate_pdf(invitation: Invitation) -> bytes:
    decider = db.session.get(User, invitation.decided_by_id) if invitation.decided_by_id else None
    return render_pdf("hiring/report_pdf.html", inv=invitation, generated=utcnow(),
                      decided_by=decider.name if decider else None,
                      **candidate_report_context(invitation))


def feedback_context(invitation: Invitation) -> dict[str, Any]:
    """Developmental feedback for the candidate when the job profile allows it: plain
    words per trait, never a number or the hurdle decision."""
    attempt = invitation.attempt
    if attempt is None or attempt.status != "scored":
        return {"feedback": ()}
    setup = setup_for(invitation.opening.job_profile)
    answers, _ = stored_answers(attempt)
    clean, _ = usable_responses(setup.instrument, answers)
    judged, _ = judge_answers(attempt, setup.instrument, clean)
    score = score_attempt(setup.instrument, judged, setup.norms, setup.profile)
    return {"feedback": candidate_feedback(score, setup.profile)}
