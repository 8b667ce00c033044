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
    #: A guided shift pauses the clock while a contact is open; live ones never pause.
    guided: bool = False
    chat_limit: int = 1
    #: Random contacts arrive within this share of the shift.
    arrive_within: float = 0.5
    #: Offered on the practice home page (the one-contact retry is reached from a result).
    listed: bool = True


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
            guided=True,
        ),
        Profile(
            id="live-10",
            title="Live shift, 10 minutes",
            description="The clock keeps running while you talk. A call comes in at once, "
                        "a chat follows while you are on it, then e-mails, a fax and more "
                        "callers, who hang up if nobody answers them in time. You may hold "
                        "two chats at once.",
            trainee_skills=PRACTICE_SKILLS,
            speed=1,
            horizon=600,
            background_per_hour=12,
            scripted=(("phone-double-charge-desk", 5), ("chat-price-drop", 40),
                      ("email-damaged-desk-top", 70), ("phone-missed-office-delivery", 100),
                      ("chat-wrong-color-chair", 200), ("phone-order-status-gift", 290),
                      ("fax-duplicate-invoice", 360), ("chat-tracking-monitor-arm", 420)),
            chat_limit=2,
        ),
        Profile(
            id="live-20",
            title="Live shift, 20 minutes",
            description="Ten customers from the whole library over twenty minutes, on every "
                        "channel. The clock never stops; up to two chats at once.",
            trainee_skills=PRACTICE_SKILLS,
            speed=1,
            horizon=1200,
            background_per_hour=12,
            random_contacts=10,
            chat_limit=2,
            arrive_within=0.75,
        ),
        Profile(
            id="live-45",
            title="Live shift, 45 minutes",
            description="The rotation's full practice shift: twenty customers over 45 "
                        "minutes, channel switches included. The clock never stops; up to "
                        "two chats at once.",
            trainee_skills=PRACTICE_SKILLS,
            speed=1,
            horizon=2700,
            background_per_hour=12,
            random_contacts=20,
            chat_limit=2,
            arrive_within=0.75,
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
        Profile(
            id="retry",
            title="Try again (one contact)",
            description="One customer from an earlier shift, answered again outside the "
                        "queue: the same case, a fresh attempt, compared with the earlier "
                        "ones.",
            trainee_skills=PRACTICE_SKILLS,
            speed=1,
            horizon=1800,
            colleagues=1,
            background_per_hour=0,
            patience=1800,
            listed=False,
        ),
        Profile(
            id="retry-guided",
            title="Try again (one contact, clock paused)",
            description="One customer from a guided shift, answered again the same way: a "
                        "written reply or the scripted call, with the clock paused.",
            trainee_skills=PRACTICE_SKILLS,
            speed=1,
            horizon=1800,
            colleagues=1,
            background_per_hour=0,
            patience=1800,
            guided=True,
            listed=False,
        ),
    )
}
#: The one-contact retry profiles: live (customers talk back) and guided, like the original.
RETRY = PROFILES["retry"]
RETRY_GUIDED = PROFILES["retry-guided"]
RETRY_IDS = (RETRY.id, RETRY_GUIDED.id)


def _contact_row(contact: dict[str, Any], at: float, patience: float,
                 customers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    customer = customers.get(contact["id"])
    if customer is not None:
        patience = customer["patience"]["wait_seconds"]
    row = {"at": at, "channel": contact["channel"], "skill": contact["skill"],
           "type": contact["type"], "tier": contact["tier"],
           "handle": float(contact["handle_seconds"]),
           "payload": {"practice_id": contact["id"]}}
    if contact["channel"] in ("phone", "chat"):
        row["patience"] = patience
    return row


def arrivals(profile: Profile, seed: int, library: dict[str, dict[str, Any]],
             customers: dict[str, dict[str, Any]] | None = None) -> list[dict]:
    """The practice contacts of a shift as scripted simulator contacts (deterministic).
    A contact played by a simulated customer waits as long as that customer's patience
    (a guided shift keeps its own, longer patience)."""
    customers = {} if profile.guided else (customers or {})
    if profile.scripted:
        return [_contact_row(library[cid], at, profile.patience, customers)
                for cid, at in profile.scripted if cid in library]
    rng = random.Random(seed)
    chosen = rng.sample(sorted(library), min(profile.random_contacts, len(library)))
    times = sorted(rng.uniform(10, profile.horizon * profile.arrive_within)
                   for _ in chosen)
    return [_contact_row(library[cid], round(at), profile.patience, customers)
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
            "channels": {"phone": 1, "chat": profile.chat_limit, "email": 1, "fax": 1}}


def clock(seconds: float) -> str:
    """Simulated seconds since the start of the day as HH:MM:SS."""
    total = int(DAY_START + seconds)
    return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"
