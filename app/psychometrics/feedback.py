"""Optional feedback for candidates: plain words, no numbers and no hiring decision."""

from __future__ import annotations

from dataclasses import dataclass

from app.psychometrics.profiles import JobProfile
from app.psychometrics.scoring import AttemptScore

BAND_SENTENCES = {
    "low": "Your answers suggest this is an area you could develop further.",
    "typical": "Your answers are similar to those of most people who take this test.",
    "high": "Your answers suggest this is one of your strengths.",
    None: "There were not enough answers to describe this area.",
}


@dataclass(frozen=True, slots=True)
class FeedbackLine:
    """One trait as a candidate sees it."""

    trait: str
    name: str
    definition: str
    summary: str


def candidate_feedback(score: AttemptScore, profile: JobProfile) -> tuple[FeedbackLine, ...]:
    """Feedback lines in instrument order, or ``()`` when the profile hides feedback."""
    if not profile.show_feedback:
        return ()
    return tuple(
        FeedbackLine(s.trait, s.name, s.definition, BAND_SENTENCES[s.band])
        for s in score.traits.values()
    )
