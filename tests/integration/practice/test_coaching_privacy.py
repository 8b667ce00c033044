"""The wall around coaching: sentinels in a trainer's comment, a hand-in's text, its
file's name and contents and the trainer's feedback. A supervisor, a recruiter, an admin
and an author crawl everything they reach (HTML, JSON, CSV, PDF text) and find none; a
supervisor's API token reaches none; no table outside the practice bind holds one. The
learner and their trainer do see them, so the needles are real."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import inspect, select

from app.api import services as api
from app.extensions import db
from app.identity import services as identity
from app.practice import coaching as coaching_service
from app.practice import handins, services
from app.training import services as training
from app.training.courses import list_courses
from tests.integration.practice.test_privacy import crawl, route_urls

COMMENT = "QZV-COMMENT-SENTINEL-5521"
TEXT = "QZV-HANDIN-TEXT-SENTINEL-7730"
FILE_NAME = "QZV-FILENAME-SENTINEL-1184"
FILE_BODY = "QZV-FILEBODY-SENTINEL-9046"
FEEDBACK = "QZV-FEEDBACK-SENTINEL-3307"
DRAFT = "QZV-DRAFT-SENTINEL-6618"
NEEDLES = (COMMENT, TEXT, FILE_NAME, FILE_BODY, FEEDBACK, DRAFT)
REFLECTION = "activity:rotation-reflection"
SHADOWING = "activity:shadow-phone-queue"


@pytest.fixture
def seeded(coaching, create_user, clock):
    trainee, trainer = coaching
    supervisor = create_user("supervisor", name="Sam Supervisor")
    trainee.team = identity.create_team("Coaching wall team", supervisor)
    shift = services.start_shift(trainee.id, "first-steps", clock(), seed=3)
    services.sync(shift, clock(10))
    row = services.shift_state(shift, services.rebuild(shift))["queue"][0]
    services.open_contact(shift, row["sim_id"], clock(1))
    response = services.submit(shift, "Hi Grace, I'm Eli. I'll refund it.", clock(20))
    services.end_shift(shift, clock(5))
    coaching_service.add_comment(trainer, response, f"{COMMENT}: name the amount")
    course = list_courses("rotation")[0]
    enrollment = training.enroll(trainee, course, None, "Rotation")
    done = handins.handin_step(enrollment, REFLECTION)
    hand_in = handins.submit(done, f"{TEXT} my reflection",
                             (f"{FILE_NAME}.txt", f"{FILE_BODY}\n".encode()))
    handins.give_feedback(trainer, hand_in, f"{FEEDBACK} well done", complete=True)
    draft = handins.submit(handins.handin_step(enrollment, SHADOWING), f"{DRAFT} notes", None)
    db.session.commit()
    return {"trainee": trainee, "trainer": trainer, "supervisor": supervisor,
            "shift": shift, "response": response, "enrollment": enrollment,
            "hand_in": hand_in, "draft": draft}


def private_urls(s) -> list[str]:
    e, h = s["enrollment"], s["hand_in"]
    return [f"/practice/handins/{e.id}/{REFLECTION}", f"/practice/handins/{e.id}/{SHADOWING}",
            f"/practice/handins/{h.id}/file", f"/practice/handins/{s['draft'].id}/file",
            f"/practice/coaching/handins/{h.id}", f"/practice/coaching/handins/{s['draft'].id}",
            "/practice/coaching/handins/",
            "/practice/coaching/", f"/practice/responses/{s['response'].id}",
            "/practice/comments/", f"/learn/e/{e.id}/s/{REFLECTION}"]


def test_learner_and_trainer_see_the_sentinels(client, login_as, seeded):
    seen = {}
    for who in ("trainee", "trainer"):
        login_as(client, seeded[who])
        seen[who] = "\n".join(client.get(u).get_data(as_text=True) for u in private_urls(seeded))
    for who, text in seen.items():
        assert [n for n in NEEDLES if n not in text] == [], who
    assert REFLECTION in training.done_keys(seeded["enrollment"])  # the event completed it


@pytest.mark.parametrize("role", ["supervisor", "recruiter", "admin", "author"])
def test_no_coaching_data_reaches_other_roles(app, client, login_as, create_user, seeded,
                                              role):
    user = seeded["supervisor"] if role == "supervisor" else create_user(role)
    login_as(client, user)
    s = seeded
    values = sorted({str(v) for v in (s["shift"].id, s["response"].id, s["trainee"].id,
                                      s["enrollment"].id, s["hand_in"].id, s["draft"].id,
                                      user.id, 1)} | {"x", REFLECTION})
    seeds = ["/", *private_urls(s), *route_urls(app, values),
             f"/monitoring/search?q={s['trainee'].name}"]
    pages = crawl(client, seeds, limit=900)
    assert sum(t.startswith("[200 text/html]") for t in pages.values()) >= 3, role
    leaks = [f"{url}: {n}" for url, t in pages.items() for n in NEEDLES if n in t]
    assert not leaks, f"coaching data reached a {role}:\n" + "\n".join(leaks)
    opened = [u for u, t in pages.items() if u.startswith("/practice")
              and not t.startswith(("[403", "[404", "[302", "[405"))]
    assert not opened, opened
    if role == "supervisor":  # the crawl reads the agent: their name and training status
        assert any(s["trainee"].name in t for t in pages.values())


def test_a_supervisor_token_reaches_none_of_it(app, client, seeded):
    s = seeded
    _, raw = api.create_token(s["supervisor"], "leak check", "supervisor")
    db.session.commit()
    headers = {"Authorization": f"Bearer {raw}"}
    ids = [s["trainee"].id, s["enrollment"].id, s["hand_in"].id, s["response"].id, 1]
    bodies, ok = {}, 0
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/") or "GET" not in rule.methods:
            continue
        for value in ids if rule.arguments else [0]:
            url = rule.rule
            for arg in rule.arguments:
                url = re.sub(rf"<(?:[^:<>]+:)?{arg}>", str(value), url)
            resp = client.get(url, headers=headers)
            ok += resp.status_code == 200
            bodies[url] = resp.get_data(as_text=True)
    training_json = bodies[f"/api/v1/employees/{s['trainee'].id}/training"]
    assert "The Customer Service Rotation" in training_json  # the token does see training
    assert ok >= 3
    leaks = [f"{u}: {n}" for u, b in bodies.items() for n in NEEDLES if n in b]
    assert not leaks, leaks


def test_coaching_data_stay_in_the_practice_bind(seeded):
    existing = set(inspect(db.engine).get_table_names())
    tables = [t for t in db.metadatas[None].sorted_tables if t.name in existing]
    assert {"outbox_event", "step_progress"} <= {t.name for t in tables}
    for table in tables:
        for row in db.session.execute(select(table)):
            text = str(tuple(row))
            assert not [n for n in NEEDLES if n in text], table.name
    practice = {t.name for t in db.metadatas["practice"].sorted_tables}
    assert {"practice_comment", "practice_hand_in", "practice_hand_in_file"} <= practice
