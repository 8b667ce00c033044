"""The shapes of /api/v1, written once: pydantic models that validate requests, build
responses and generate the OpenAPI document (through spectree, see app/api/spec.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, StringConstraints

from app.hiring.pipeline import percentile_of_t
from app.inputs import CONTROL
from app.webhooks.models import EVENTS

_C = CONTROL + r"\t\n\r"  # single-line text: no line breaks or tabs either
_LINE = rf"^[^{_C}]*[^\s{_C}][^{_C}]*$"  # at least one visible character


def text(max_length: int) -> Any:
    """One line of text, trimmed, 1..max_length characters, no control characters."""
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                            max_length=max_length, pattern=_LINE)]


Email = Annotated[str, StringConstraints(
    strip_whitespace=True, max_length=254, pattern=rf"^[^@\s{_C}]+@[^@\s{_C}]+\.[^@\s{_C}]+$")]
Url = Annotated[str, StringConstraints(  # host without brackets: no IPv6 literals
    max_length=500, pattern=rf"^https?://[^\s/?#@\[\]{_C}]+([/?#][^\s{_C}]*)?$")]
Timestamp = Annotated[datetime, PlainSerializer(lambda v: v.isoformat() + "Z", return_type=str)]
Number = int | float


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- requests --------------------------------------------------------------------------


class NewOpening(Request):
    title: text(160)
    job_profile: text(120) = Field(examples=["contact-center-agent"])


class NewInvitation(Request):
    name: text(120)
    email: Email
    time_factor: Literal["1", "5/4", "3/2", "2"] = "1"
    # False when an applicant tracking system sends its own message with the link.
    send_email: bool = True


class NewEmployee(Request):
    email: Email
    name: text(120)
    department: text(80) | None = None
    team: text(120) | None = None


class NewEmployees(Request):
    employees: list[NewEmployee] = Field(min_length=1, max_length=500)


class NewWebhook(Request):
    url: Url
    events: list[Literal[EVENTS]] = Field(min_length=1)  # type: ignore[valid-type]


# --- responses -------------------------------------------------------------------------


class ErrorDetail(BaseModel):
    message: str
    field: str | None
    errors: list[dict[str, Any]] | None = None


class Error(BaseModel):
    error: ErrorDetail


class Opening(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str
    job_profile: str
    status: str
    created_at: Timestamp | None


class Openings(BaseModel):
    openings: list[Opening]


class Candidate(BaseModel):
    name: str
    email: str


class AttemptStatus(BaseModel):
    status: str
    started_at: Timestamp | None
    ended_at: Timestamp | None
    answered: int | None


class Trait(BaseModel):
    id: str
    name: str
    percentile: Number | None
    band: str | None


class Score(BaseModel):
    composite_t: Number | None
    percentile: Number | None
    recommendation: str | None
    cut_score: Number | None
    close_to_cut: bool | None
    traits: list[Trait]
    quality_flags: list[str]


class Invitation(BaseModel):
    """Status and scores of one candidate: stage, timings, hurdle result, trait percentiles."""

    id: int
    opening_id: int
    candidate: Candidate
    stage: str
    expires_at: Timestamp | None
    attempt: AttemptStatus | None
    score: Score | None
    decision: str | None
    decided_at: Timestamp | None

    @classmethod
    def of(cls, inv: Any, **extra: Any) -> Invitation:
        attempt = inv.attempt
        score = (attempt.score or {}) if attempt is not None else {}
        hurdle = score.get("hurdle") or {}
        return cls(
            id=inv.id, opening_id=inv.opening_id, stage=inv.stage, expires_at=inv.expires_at,
            candidate=Candidate(name=inv.candidate.name, email=inv.candidate.email),
            attempt=None if attempt is None else AttemptStatus(
                status=attempt.status, started_at=attempt.started_at,
                ended_at=attempt.ended_at, answered=score.get("answered")),
            score=None if not score else Score(
                composite_t=attempt.composite, percentile=percentile_of_t(attempt.composite),
                recommendation=attempt.recommendation, cut_score=hurdle.get("cut_score"),
                close_to_cut=hurdle.get("close_to_cut"),
                traits=[Trait(**{k: t[k] for k in ("id", "name", "percentile", "band")})
                        for t in score.get("traits", [])],
                quality_flags=[f["code"] for f in (attempt.flags or [])]),
            decision=inv.decision, decided_at=inv.decided_at, **extra)


class CreatedInvitation(Invitation):
    link: str = Field(description="The candidate's one-time sign-in link; shown only here.")


class Invitations(BaseModel):
    invitations: list[Invitation]


class ReportBatch(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    opening_id: int
    status: Literal["queued", "running", "done", "failed"]
    done: int
    total: int
    error: str | None
    created_at: Timestamp
    finished_at: Timestamp | None


class CreatedEmployee(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str


class CreatedEmployees(BaseModel):
    created: list[CreatedEmployee]


class CourseStatus(BaseModel):
    course: str
    status: Literal["done", "due", "overdue"]
    due_date: date | None
    completed_on: date | None


class Training(BaseModel):
    """Training completion (done / due / overdue only)."""

    user_id: int
    courses: list[CourseStatus]


class Webhook(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    url: str
    events: list[str]
    active: bool
    created_at: Timestamp


class CreatedWebhook(Webhook):
    secret: str = Field(description="HMAC key; returned once, on creation.")


class Webhooks(BaseModel):
    webhooks: list[Webhook]
