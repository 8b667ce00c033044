"""The candidate's tryout in the database: start it, keep its clock with the server's,
apply actions exactly once, and score it into the attempt's composite.

Services flush; views commit. Times are naive UTC (``app.orm.utcnow``).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from typing import Any

from app.extensions import db
from app.hiring.models import Attempt
from app.hiring.tryout import replay, shift
from app.hiring.tryout.content import form as load_form
from app.hiring.tryout.content import section_for
from app.hiring.tryout.models import TryoutRun, run_of
from app.hiring.tryout.schema import Form, Section
from app.hiring.tryout.scoring import numbers, score_run
from app.orm import transition, utcnow
from app.psychometrics.scoring import RECOMMENDATIONS

TryoutError = shift.TryoutError
#: Instructions and the warm-up chat, on top of the shift's own minutes.
WARMUP_ALLOWANCE = 120
RATING_PREFIX = "tryout:"


def allowance_seconds(job_profile: str) -> int:
    """Seconds the tryout adds to the test's base time (before extra time)."""
    section = section_for(job_profile)
    return 0 if section is None else section.seconds + WARMUP_ALLOWANCE


def form_for(section: Section, seed: int) -> str:
    """The parallel form a candidate gets, drawn from the attempt's stored seed."""
    return section.forms[seed % len(section.forms)]


def content_of(run: TryoutRun) -> tuple[Section, Form]:
    section = section_for(run.attempt.invitation.opening.job_profile)
    form = load_form(run.form_id)
    if section is None or form is None:
        raise TryoutError("The tryout content is not loaded. Ask the recruiter.")
    return section, form


def start(attempt: Attempt, now: datetime | None = None) -> TryoutRun:
    """The attempt's tryout, created in its warm-up on first use (flushes)."""
    run = run_of(attempt)
    if run is not None:
        return run
    if attempt.status != "in_progress":
        raise TryoutError("Your test has ended.")
    section = section_for(attempt.invitation.opening.job_profile)
    if section is None:
        raise TryoutError("This test has no job tryout.")
    form_id = form_for(section, attempt.seed)
    form = load_form(form_id)
    factor = attempt.invitation.time_factor
    run = TryoutRun(attempt=attempt, section_id=section.id, form_id=form_id,
                    seed=attempt.seed, time_factor=factor, version=0,
                    state=shift.new_state(section, form, attempt.seed, factor),
                    wall_at=now or utcnow(), started_at=now or utcnow())
    db.session.add(run)
    db.session.flush()
    return run


def _store(run: TryoutRun, state: dict[str, Any], now: datetime) -> None:
    if not transition(db.session, run, {"version": run.version}, version=run.version + 1,
                      state=state, wall_at=now):
        raise TryoutError("Your tryout moved on in another tab or request; this page now "
                          "shows where it stands.")


def _live(run: TryoutRun, now: datetime) -> bool:
    attempt = run.attempt
    return attempt.status == "in_progress" and now <= attempt.deadline_at


def sync(run: TryoutRun, now: datetime | None = None) -> dict[str, Any]:
    """Move the shift's clock to the server's time and store it; the state."""
    now = now or utcnow()
    if not _live(run, now) or run.state["phase"] == "ended":
        return run.state
    state = shift.tick(run.state, (now - run.wall_at).total_seconds())
    _store(run, state, now)
    return state


def act(run: TryoutRun, seq: Any, action: Callable[[dict[str, Any], Section, Form],
                                                   dict[str, Any]],
        now: datetime | None = None) -> bool:
    """Apply one candidate action once: ``seq`` must be the next action number (a
    resent form or a second tab's stale copy is ignored, returning False)."""
    now = now or utcnow()
    if not _live(run, now):
        raise TryoutError("Your test has ended; the tryout can no longer change.")
    if not isinstance(seq, int) or seq != run.state.get("seq", 0) + 1:
        return False
    section, form = content_of(run)
    state = shift.tick(run.state, (now - run.wall_at).total_seconds())
    if state["phase"] == "ended":
        _store(run, state, now)
        raise TryoutError("The shift's time is up.")
    state = action(state, section, form)
    state["seq"] = seq
    _store(run, state, now)
    return True


def save_draft(run: TryoutRun, sim_id: int, text: str, now: datetime | None = None) -> None:
    """Autosave the reply being typed (the clock is left where it is)."""
    if not _live(run, now or utcnow()):
        raise TryoutError("Your test has ended.")
    _store(run, shift.save_draft(run.state, sim_id, text), run.wall_at)


def end_on_submit(attempt: Attempt, now: datetime | None = None) -> None:
    """The test is being submitted: end a running shift where it stands."""
    run = run_of(attempt)
    if run is None or run.state["phase"] == "ended":
        return
    now = now or utcnow()
    state = shift.tick(run.state, (now - run.wall_at).total_seconds()) \
        if run.state["phase"] == "running" else run.state
    with suppress(TryoutError):  # another request moved it on; scoring ends what is stored
        _store(run, shift.end(state, "submitted"), now)


def tryout_export(attempt: Attempt) -> dict[str, Any] | None:
    """What the candidate said and wrote in the tryout (their data export)."""
    run = run_of(attempt)
    if run is None:
        return None
    contacts = [*run.state["done"], *([run.state["open"]] if run.state["open"] else [])]
    return {"form": run.form_id, "started_at": run.started_at, "phase": run.state["phase"],
            "contacts": [{"contact": c["contact_id"], "channel": c["channel"],
                          "reply": c.get("text") or None,
                          "said": [t["text"] for t in (c.get("conversation") or {}).get(
                              "turns", []) if t["who"] == "agent"]} for c in contacts]}


def ratings_of(attempt: Attempt) -> dict[str, Any]:
    """The latest recruiter rating per tryout contact (WorkSampleRating rows)."""
    latest: dict[str, Any] = {}
    for rating in attempt.work_ratings:
        if rating.item_id.startswith(RATING_PREFIX):
            latest[rating.item_id.removeprefix(RATING_PREFIX)] = rating
    return latest


def result(attempt: Attempt) -> dict[str, Any] | None:
    """The tryout's full result (with the candidate's words and the evidence), or None
    when the job profile has no tryout."""
    section = section_for(attempt.invitation.opening.job_profile)
    if section is None:
        return None
    run = run_of(attempt)
    if run is not None and run.state.get("kept"):
        return dict(run.state["kept"]) | {"started": True, "state": None}
    form = load_form(run.form_id if run else form_for(section, attempt.seed))
    if form is None:
        return None
    state = shift.final(run.state if run else None, section, form, attempt.seed)
    ratings = {k: r.overall for k, r in ratings_of(attempt).items()}
    out = score_run(section, form, state, ratings)
    out["started"] = run is not None
    out["state"] = state
    return out


def recruiter_view(attempt: Attempt) -> dict[str, Any] | None:
    """The replay, evidence and ratings the candidate page and the PDF show."""
    found = result(attempt)
    if found is None or found["state"] is None:
        return None
    section = section_for(attempt.invitation.opening.job_profile)
    form = load_form(found["form"])
    return replay.report(found, form, section.seconds, ratings_of(attempt))


def join_composite(attempt: Attempt, profile_weights: dict[str, Any],
                   values: dict[str, Any]) -> dict[str, Any]:
    """``values`` (``score_values``) with the tryout's T-score in the composite like a
    trait of the section's ``composite_weight``; the hurdle decided again on it."""
    found = result(attempt)
    if found is None:
        return values
    score = dict(values["score"])
    hurdle = dict(score.get("hurdle") or {})
    stored = numbers(found) | {"started": found["started"]}
    score["tryout"] = stored
    composite = values["composite"]
    if composite is not None and hurdle.get("decision") in ("pass", "fail"):
        total = float(sum(float(w) for w in profile_weights.values()))
        weight = found["composite_weight"]
        joined = (total * composite + weight * found["t_score"]) / (total + weight)
        decision = ("pass" if joined >= float(hurdle["cut_score"])
                    and not hurdle.get("failed_minimums") else "fail")
        hurdle |= {"composite": round(joined, 4), "composite_exact": None,
                   "composite_without_tryout": composite, "decision": decision,
                   "recommendation": RECOMMENDATIONS[decision],
                   "close_to_cut": abs(joined - float(hurdle["cut_score"]))
                   <= float(hurdle.get("sem") or 0)}
        score["hurdle"] = hurdle
        return values | {"score": score, "composite": round(joined, 4),
                         "recommendation": decision}
    return values | {"score": score}


def _scrub(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: ("" if k == "text" else {} if k == "drafts" else _scrub(v))
                for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def forget_words(attempt: Attempt) -> None:
    """Retention: everything the candidate said and wrote in the tryout goes; its numbers
    stay, kept in the run, so a rescore after the purge gives the same composite."""
    run = run_of(attempt)
    if run is None or run.state.get("kept"):
        return
    found = result(attempt)
    state = _scrub(run.state)
    state["kept"] = numbers(found) if found is not None else None
    run.state = state
