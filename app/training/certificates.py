"""Certificates: issued on completion, verified by a public code, may expire.

A code carries 120 random bits, written as 24 base-32 characters in groups of four.
"""

from __future__ import annotations

import base64
import re
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from app.extensions import db
from app.training.courses import CourseView
from app.training.models import Certificate, Enrollment

CODE_RE = re.compile(r"^[A-Z2-7]{24}$")


@dataclass(frozen=True)
class VerifiedCertificate:
    """All the public verify page shows: name, course and dates."""

    name: str
    course_title: str
    issued_on: date
    expires_on: date | None
    expired: bool


def new_code() -> str:
    raw = base64.b32encode(secrets.token_bytes(15)).decode()
    return "-".join(raw[i : i + 4] for i in range(0, 24, 4))


def normalize_code(text: str) -> str | None:
    """The canonical form of a typed code, or None when it cannot be a code."""
    compact = re.sub(r"[\s-]", "", (text or "").upper())[:64]
    if not CODE_RE.match(compact):
        return None
    return "-".join(compact[i : i + 4] for i in range(0, 24, 4))


def issue_certificate(
    enrollment: Enrollment, course: CourseView, on: date | None = None
) -> Certificate:
    issued = on or date.today()
    expires = issued + timedelta(days=course.valid_days) if course.valid_days else None
    cert = Certificate(
        code=new_code(), user_id=enrollment.user_id, enrollment_id=enrollment.id,
        course_uuid=course.uuid, course_title=course.title, issued_on=issued, expires_on=expires,
    )
    db.session.add(cert)
    db.session.flush()
    return cert


def certificate_for(enrollment: Enrollment) -> Certificate | None:
    return db.session.scalar(
        select(Certificate).where(Certificate.enrollment_id == enrollment.id)
        .order_by(Certificate.id.desc())
    )


def verify_certificate(code: str, today: date | None = None) -> VerifiedCertificate | None:
    """Look a code up; None for a malformed, tampered or unknown code."""
    canonical = normalize_code(code)
    if canonical is None:
        return None
    cert = db.session.scalar(select(Certificate).where(Certificate.code == canonical))
    if cert is None:
        return None
    return VerifiedCertificate(cert.user.name, cert.course_title, cert.issued_on,
                               cert.expires_on, cert.is_expired(today or date.today()))
