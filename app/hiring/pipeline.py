"""The recruiter's pipeline: filtered, ranked rows and the CSV export."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from sqlalchemy import or_

from app.csv_io import to_csv
from app.extensions import db
from app.hiring.models import STAGE_LABELS, Invitation, JobOpening, select_invitations_for
from app.identity.models import User


def percentile_of_t(t: float | None) -> int | None:
    """Normal-curve percentile of a T-score (mean 50, SD 10)."""
    if t is None:
        return None
    return max(1, min(99, round(50 * (1 + math.erf((t - 50) / (10 * math.sqrt(2)))))))


@dataclass(frozen=True)
class PipelineRow:
    invitation: Invitation
    stage: str
    composite: float | None
    percentile: int | None
    recommendation: str | None
    flags: int
    close_to_cut: bool
    rank: int = 0

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS[self.stage]


def pipeline_rows(user: User, opening_id: int | None = None, stage: str | None = None,
                  query: str | None = None) -> list[PipelineRow]:
    stmt = select_invitations_for(user).join(Invitation.candidate)
    if opening_id:
        stmt = stmt.where(JobOpening.id == opening_id)
    if query:
        like = f"%{query.strip().lower()}%"
        stmt = stmt.where(or_(User.name.ilike(like), User.email.ilike(like)))
    rows = []
    for inv in db.session.scalars(stmt):
        attempt = inv.attempt
        score = (attempt.score or {}) if attempt else {}
        rows.append(PipelineRow(
            invitation=inv, stage=inv.stage,
            composite=attempt.composite if attempt else None,
            percentile=percentile_of_t(attempt.composite if attempt else None),
            recommendation=attempt.recommendation if attempt else None,
            flags=len(attempt.flags or []) if attempt else 0,
            close_to_cut=bool(score.get("hurdle", {}).get("close_to_cut")),
        ))
    if stage:
        rows = [r for r in rows if r.stage == stage]
    rows.sort(key=lambda r: (r.composite is None, -(r.composite or 0), r.invitation.id))
    return [replace(r, rank=i) for i, r in enumerate(rows, 1)]


def pipeline_csv(rows: list[PipelineRow]) -> str:
    header = ["rank", "name", "email", "opening", "stage", "composite_t", "percentile",
              "recommendation", "quality_flags", "decision_reason"]
    return to_csv(header, (
        [i + 1, r.invitation.candidate.name, r.invitation.candidate.email,
         r.invitation.opening.title, r.stage_label,
         "" if r.composite is None else f"{r.composite:.1f}", r.percentile or "",
         r.recommendation or "", r.flags, r.invitation.decision_reason or ""]
        for i, r in enumerate(rows)
    ))
