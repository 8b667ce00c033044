"""Demo practice: one finished shift for the demo employee, so the trainer's coaching
page has something to show. Idempotent (skipped when the employee has any shift)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from app.extensions import db
from app.orm import utcnow
from app.practice import services
from app.practice.models import select_shifts_for

CHAT_REPLY = ("Hi Grace, I'm Eli from Harborlight. I understand, it's annoying to see the "
              "price drop right after you buy. I'll refund the difference to your card now.")
CALL = ["acknowledge", "confirm-and-fix", "honest-timing"]


def seed(users: dict[str, Any]) -> list[tuple[str, str, str]]:
    employee = users.get("employee")
    if employee is None or db.session.scalars(select_shifts_for(employee.id)).first():
        return []
    start = utcnow() - timedelta(days=1)
    shift = services.start_shift(employee.id, "first-steps", start, seed=2026)
    services.sync(shift, start + timedelta(seconds=10))
    queue = services.shift_state(shift, services.rebuild(shift))["queue"]
    clock = start + timedelta(seconds=11)
    for row in queue[:2]:
        services.open_contact(shift, row["sim_id"], clock)
        if row["channel"] == "phone":
            for choice in CALL:
                services.choose(shift, choice)
        clock += timedelta(seconds=150)
        services.submit(shift, CHAT_REPLY, clock)
    services.end_shift(shift, clock + timedelta(seconds=20))
    db.session.flush()
    return []
