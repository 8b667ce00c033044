"""Tryout content: parallel forms of contacts and the tryout section of a job profile.

Pure (pydantic and ``app.conversations`` only). ``form_problems`` and ``section_problems``
return the parsed spec (or None) with ``(field, message)`` problems; the content source
adds the path. ``parallel_problems`` checks that a section's forms are parallel: the same
channels arriving at the same seconds, customers of the same mood, as many key facts, and
handling norms within 10 %.
"""

from __future__ import annotations

import uuid as uuidlib
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from app.conversations import customer_problems

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Channel = Literal["phone", "chat", "email", "fax"]
TALKING = ("phone", "chat")
CRITERIA = ("order", "quality", "handling", "abandoned")
CUSTOMER_NAMESPACE = uuidlib.UUID("5d3f6c1e-2a47-4c1b-9d0e-7a1b2c3d4e5f")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Contact(_Model):
    """One tryout contact; ``customer`` (phone and chat only) is a talking customer
    without the id, uuid and contact fields of a customer file (they come from here)."""

    id: Slug
    at: Annotated[int, Field(ge=0, le=3600)]
    channel: Channel
    customer_name: Text
    purchase: Text
    subject: Text
    message: Text
    key_facts: Annotated[list[Text], Field(min_length=1, max_length=6)]
    must_disclose: list[Text] = []
    must_not: list[Text] = []
    jargon: list[Text] = []
    handle_seconds: Annotated[int, Field(gt=0, le=1800)]
    customer: dict[str, Any] | None = None

    def case(self) -> dict[str, Any]:
        """The reply scorer's view of the contact."""
        return {"channel": self.channel, "customer_name": self.customer_name,
                "purchase": self.purchase, "message": self.message,
                "key_facts": list(self.key_facts), "must_disclose": list(self.must_disclose),
                "must_not": list(self.must_not), "jargon": list(self.jargon)}

    def customer_spec(self) -> dict[str, Any] | None:
        """The talking customer as ``app.conversations`` reads it."""
        if self.customer is None:
            return None
        return {"id": self.id, "uuid": str(uuidlib.uuid5(CUSTOMER_NAMESPACE, self.id)),
                "schema_version": 1, "contact": self.id, **self.customer}

    @property
    def patience(self) -> float | None:
        return float(self.customer["patience"]["wait_seconds"]) if self.customer else None


class Form(_Model):
    id: Slug
    uuid: UUID
    schema_version: Literal[1]
    title: Text
    contacts: Annotated[list[Contact], Field(min_length=2, max_length=12)]

    def contact(self, contact_id: str) -> Contact:
        return next(c for c in self.contacts if c.id == contact_id)


class Norm(_Model):
    mean: Annotated[float, Field(ge=0, le=100)]
    sd: Annotated[float, Field(gt=0, le=100)]


class Section(_Model):
    id: Slug
    uuid: UUID
    schema_version: Literal[1]
    title: Text
    job_profile: Slug
    forms: Annotated[list[Slug], Field(min_length=2)]
    minutes: Annotated[float, Field(ge=6, le=8)]
    composite_weight: Annotated[float, Field(gt=0, le=100)]
    weights: dict[Literal["order", "quality", "handling", "abandoned"],
                  Annotated[float, Field(ge=0, le=100)]]
    norm: Norm
    warmup: Contact

    @property
    def seconds(self) -> int:
        return round(self.minutes * 60)


def _loc(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "-"


def _validation(exc: ValidationError) -> list[tuple[str, str]]:
    return [(_loc(e["loc"]), e["msg"].removeprefix("Value error, "))
            for e in exc.errors(include_url=False)]


def _contact_problems(contact: Contact, where: str) -> list[tuple[str, str]]:
    talking = contact.channel in TALKING
    if talking and contact.customer is None:
        return [(f"{where}.customer", f"a {contact.channel} contact needs a talking customer")]
    if not talking and contact.customer is not None:
        return [(f"{where}.customer", f"a {contact.channel} contact has no talking customer")]
    if not talking:
        return []
    _, found = customer_problems(contact.customer_spec())
    return [(f"{where}.customer.{f}", m) for f, m in found]


def form_problems(data: Any) -> tuple[Form | None, list[tuple[str, str]]]:
    """Parse one form file's data; the form is None when there is any problem."""
    try:
        form = Form.model_validate(data)
    except ValidationError as exc:
        return None, _validation(exc)
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()
    for i, contact in enumerate(form.contacts):
        if contact.id in seen:
            problems.append((f"contacts[{i}].id", f"duplicate contact id {contact.id!r}"))
        seen.add(contact.id)
        problems += _contact_problems(contact, f"contacts[{i}]")
    times = [c.at for c in form.contacts]
    if times != sorted(times):
        problems.append(("contacts", "contacts must be listed in order of arrival (at)"))
    return (None if problems else form), problems


def section_problems(data: Any) -> tuple[Section | None, list[tuple[str, str]]]:
    """Parse one section file's data (cross-file checks: ``parallel_problems``)."""
    try:
        section = Section.model_validate(data)
    except ValidationError as exc:
        return None, _validation(exc)
    problems = _contact_problems(section.warmup, "warmup")
    if section.warmup.channel not in TALKING:
        problems.append(("warmup.channel", "the warm-up is a phone or chat customer"))
    if len(set(section.forms)) != len(section.forms):
        problems.append(("forms", "a form is listed twice"))
    if not any(section.weights.values()):
        problems.append(("weights", "at least one criterion needs a weight above 0"))
    return (None if problems else section), problems


def _shape(contact: Contact) -> tuple:
    mood = (contact.customer or {}).get("mood")
    return contact.channel, contact.at, mood, len(contact.key_facts)


def parallel_problems(section: Section, forms: dict[str, Form]) -> list[tuple[str, str]]:
    """Problems of a section whose forms are missing, too short or not parallel."""
    problems = [("forms", f"unknown tryout form {f!r}") for f in section.forms if f not in forms]
    if problems:
        return problems
    first = forms[section.forms[0]]
    if first.contacts[-1].at >= section.seconds:
        problems.append(("minutes", f"form {first.id!r} has contacts arriving after the end"))
    for other_id in section.forms[1:]:
        other = forms[other_id]
        if [_shape(c) for c in other.contacts] != [_shape(c) for c in first.contacts]:
            problems.append(("forms", f"{other_id!r} is not parallel to {first.id!r}: every "
                                      "contact needs the same channel, arrival second, "
                                      "customer mood and number of key facts"))
            continue
        for i, (a, b) in enumerate(zip(first.contacts, other.contacts, strict=True)):
            if abs(a.handle_seconds - b.handle_seconds) > 0.1 * a.handle_seconds:
                problems.append((f"forms.{other_id}.contacts[{i}].handle_seconds",
                                 f"differs by more than 10 % from {first.id!r}"))
    return problems
