"""Shift profiles: which practice contacts arrive when, who the simulated colleagues are,
and how fast the practice clock runs. Plain data; ``build`` turns one into simulator input.

The simulated day starts at 09:00 (time 0). Practice contacts carry
``payload = {"practice_id": <contact id>}``; background contacts (skill ``backoffice``)
only keep the simulated colleagues busy and never reach the trainee.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from app.routing import Scenario, parse_scenario

TRAINEE = "trainee"
PRACTICE_SKILLS = ("billing", "orders", "technical", "general")
DAY_START = 9 * 3600


@dataclass(frozen=True)
class Profile:
    id: str
    title: str
    description: str
    trainee_skills: tuple[str, ...]
    speed: float
    horizon: float = 3600
    colleague_skills: tuple[str, ...] = ("backoffice",)
    colleagues: int = 3
    background_per_hour: float = 24
    scripted: tuple[tuple[str, float], ...] = ()
    random_contacts: int = 0
    patience: float = 600
    email_promise: float = 4 * 3600
    tags: tuple[str, ...] = field(default_factory=tuple)


PROFILES: dict[str, Profile] = {
    p.id: p
    for p in (
        Profile(
            id="first-steps",
            title="First steps (scripted)",
            description="Six customers arrive in the first 20 seconds: a chat, two calls, an "
                        "e-mail, a call and a fax. Answer them in the order received.",
            trainee_skills=PRACTICE_SKILLS,
            speed=4,
            scripted=(("chat-price-drop", 3), ("phone-double-charge-desk", 6),
                      ("phone-order-status-gift", 9), ("email-damaged-desk-top", 12),
                      ("phone-missed-office-delivery", 15), ("fax-duplicate-invoice", 18)),
            patience=1800,
        ),
        Profile(
            id="busy-morning",
            title="Busy morning (mixed desk)",
            description="Eight customers picked from the whole library arrive over half an "
                        "hour. You take billing, orders and technical; colleagues take "
                        "general questions. Callers hang up if they wait too long.",
            trainee_skills=("billing", "orders", "technical"),
            colleague_skills=("backoffice", "general"),
            speed=8,
            random_contacts=8,
            patience=420,
        ),
    )
}


def _contact_row(contact: dict[str, Any], at: float, patience: float) -> dict[str, Any]:
    row = {"at": at, "channel": contact["channel"], "skill": contact["skill"],
           "type": contact["type"], "tier": contact["tier"],
           "handle": float(contact["handle_seconds"]),
           "payload": {"practice_id": contact["id"]}}
    if contact["channel"] in ("phone", "chat"):
        row["patience"] = patience
    return row


def arrivals(profile: Profile, seed: int, library: dict[str, dict[str, Any]]) -> list[dict]:
    """The practice contacts of a shift as scripted simulator contacts (deterministic)."""
    if profile.scripted:
        return [_contact_row(library[cid], at, profile.patience)
                for cid, at in profile.scripted if cid in library]
    rng = random.Random(seed)
    chosen = rng.sample(sorted(library), min(profile.random_contacts, len(library)))
    times = sorted(rng.uniform(10, profile.horizon / 2) for _ in chosen)
    return [_contact_row(library[cid], round(at), profile.patience)
            for cid, at in zip(chosen, times, strict=True)]


def scenario(profile: Profile) -> Scenario:
    """The simulated desk around the trainee: colleagues and background traffic."""
    streams = []
    if profile.background_per_hour:
        streams = [
            {"name": "background_calls", "channel": "phone", "skill": "backoffice",
             "rate_per_hour": profile.background_per_hour,
             "handle": {"dist": "exponential", "mean": 300},
             "patience": {"dist": "exponential", "mean": 240}},
            {"name": "background_email", "channel": "email", "skill": "backoffice",
             "rate_per_hour": profile.background_per_hour / 4,
             "handle": {"dist": "lognormal", "mean": 480, "sd": 200}},
        ]
    return parse_scenario({
        "id": f"practice-{profile.id}", "name": profile.title, "horizon": profile.horizon,
        "interval": 900, "policy": "blended_fifo",
        "service_level": {"seconds": 30, "target": 0.8},
        "email_promise": profile.email_promise,
        "skills": [*PRACTICE_SKILLS, "backoffice"], "streams": streams,
        "agents": [{"group": "colleague", "count": profile.colleagues,
                    "skills": dict.fromkeys(profile.colleague_skills, 1.0),
                    "channels": {"phone": 1, "chat": 2, "email": 1, "fax": 1}}],
    }, f"profile {profile.id}")


def trainee(profile: Profile) -> dict[str, Any]:
    return {"id": TRAINEE, "skills": dict.fromkeys(profile.trainee_skills, 1.0),
            "channels": {"phone": 1, "chat": 1, "email": 1, "fax": 1}}


def clock(seconds: float) -> str:
    """Simulated seconds since the start of the day as HH:MM:SS."""
    total = int(DAY_START + seconds)
    return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"
