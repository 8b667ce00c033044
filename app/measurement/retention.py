"""Retention: candidate personal data are deleted a configurable number of days after
the final decision (CANDIDATE_DATA_RETENTION_DAYS, default 180), while the anonymized
selection record stays for statistics and record keeping: the attempt's scores and
choice answers, the decision and the self-identification. The written reply, what the
candidate said and wrote in a job tryout, and the notes recruiters wrote about them go."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select

from app.extensions import db
from app.hiring.catalog import CatalogError, setup_for
from app.hiring.models import Invitation
from app.hiring.tryout.services import forget_words
from app.identity.models import AccessToken, LoginSession, User
from app.measurement.models import PurgedInvitation

ANON_DOMAIN = "anonymized.invalid"
FREE_TEXT_KINDS = ("work_sample",)


def _free_text_items(profile_id: str) -> set[str] | None:
    try:
        instrument = setup_for(profile_id).instrument
    except CatalogError:
        return None
    return {i.id for i in instrument.items if i.kind in FREE_TEXT_KINDS}


def _strip_free_text(invitation: Invitation) -> None:
    attempt = invitation.attempt
    if attempt is None:
        return
    text_items = _free_text_items(invitation.opening.job_profile)
    for response in list(attempt.responses):
        is_text = (response.item_id in text_items if text_items is not None
                   else isinstance(response.value, str) and " " in response.value)
        if is_text:
            db.session.delete(response)
    for rating in attempt.work_ratings:
        rating.note = None
    forget_words(attempt)


def _anonymize(user: User) -> None:
    user.name = "Anonymized candidate"
    user.email = f"candidate-{user.id}@{ANON_DOMAIN}"
    user.password_hash, user.department, user.disabled = None, None, True
    db.session.execute(delete(AccessToken).where(AccessToken.user_id == user.id))
    db.session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))


def _has_open_invitation(user_id: int, cutoff: datetime) -> bool:
    return db.session.scalar(select(Invitation.id).where(
        Invitation.candidate_id == user_id,
        (Invitation.decided_at.is_(None)) | (Invitation.decided_at >= cutoff))) is not None


def purge_expired_candidates(now: datetime) -> int:
    """Anonymize candidates whose final decision is older than the retention period, or
    who asked for erasure (at once, whatever the decision); returns how many invitations
    were purged (each only once). Hires keep their employee
    account; only their test's free text and accommodation request are removed."""
    days = int(current_app.config.get("CANDIDATE_DATA_RETENTION_DAYS", 180))
    cutoff = now - timedelta(days=days)
    done = select(PurgedInvitation.invitation_id)
    due = db.session.scalars(select(Invitation).where(
        (Invitation.decided_at.is_not(None) & (Invitation.decided_at < cutoff))
        | Invitation.erasure_requested_at.is_not(None),
        Invitation.id.not_in(done)).order_by(Invitation.id)).all()
    for invitation in due:
        _strip_free_text(invitation)
        invitation.accommodation_request = None
        candidate = invitation.candidate
        if not candidate.has_role("employee") and (
                invitation.erasure_requested_at is not None
                or not _has_open_invitation(candidate.id, cutoff)):
            _anonymize(candidate)
        db.session.add(PurgedInvitation(invitation_id=invitation.id, purged_at=now))
    db.session.flush()
    return len(due)

