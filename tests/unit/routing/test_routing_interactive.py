import json

import pytest

from app.routing import load_scenario, parse_scenario
from app.routing.interactive import InteractiveShift, ShiftError

HUMAN = {"id": "trainee", "skills": {"it_support": 1.0, "accounts": 1.0}}
PRACTICE = [
    {"at": 60, "channel": "email", "skill": "it_support", "type": "complaint",
     "payload": {"practice_id": "angry-printer"}},
    {"at": 90, "channel": "phone", "skill": "it_support", "patience": 600,
     "payload": {"practice_id": "reset-password"}},
]


def quiet_desk():
    """Only scripted contacts, no simulated colleagues: the human is the whole desk."""
    return parse_scenario({
        "id": "quiet", "horizon": 3600, "skills": ["it_support", "accounts"],
        "agents": [{"group": "nobody", "count": 0, "skills": {"it_support": 1.0}}],
    }, "test")


def drive(shift):
    """A little practice session: take what is offered, finish after a while."""
    for _ in range(12):
        shift.tick(30)
        offer = shift.offer_next("trainee")
        if offer is not None and not shift.snapshot()["humans"]["trainee"]:
            shift.start("trainee", offer["id"])
        elif shift.snapshot()["humans"]["trainee"]:
            shift.finish("trainee", shift.snapshot()["humans"]["trainee"][0])
        if _ == 4:
            shift.pause()
            shift.tick(100)
            shift.set_speed(4)
            shift.resume()


def test_human_gets_offers_in_policy_order():
    shift = InteractiveShift(quiet_desk(), 1, [HUMAN], PRACTICE)
    assert shift.offer_next("trainee") is None
    shift.advance(100)
    queue = shift.queue()
    assert [c["payload"]["practice_id"] for c in queue] == ["angry-printer", "reset-password"]
    assert queue[0]["waited"] == pytest.approx(40)
    offer = shift.offer_next("trainee")
    assert offer["channel"] == "email"  # blended: oldest first, whatever the channel
    shift.start("trainee", offer["id"])
    assert shift.offer_next("trainee") is None  # busy on one e-mail
    shift.advance(200)
    shift.finish("trainee", offer["id"])
    call = shift.offer_next("trainee")
    assert call["payload"] == {"practice_id": "reset-password"}
    snap = shift.snapshot()
    assert snap["email"]["acknowledged"] == 1 and snap["email"]["replied"] == 1
    assert snap["waiting"] == 1 and snap["abandoned"] == 0


def test_customers_hang_up_if_nobody_answers():
    shift = InteractiveShift(quiet_desk(), 1, [HUMAN], PRACTICE)
    shift.advance(1000)
    snap = shift.snapshot()
    assert snap["abandoned"] == 1 and snap["waiting"] == 1
    with pytest.raises(ShiftError):
        shift.start("trainee", 1)


def test_actions_are_validated():
    shift = InteractiveShift(quiet_desk(), 1, [HUMAN], PRACTICE)
    shift.advance(100)
    with pytest.raises(ShiftError):
        shift.finish("trainee", 0)
    with pytest.raises(ShiftError):
        shift.start("someone", 0)
    with pytest.raises(ShiftError):
        shift.advance(-5)


def test_colleagues_keep_working_and_clock_can_pause():
    shift = InteractiveShift(load_scenario("helpdesk"), 4, [HUMAN], PRACTICE, speed=10)
    shift.tick(60)
    assert shift.now == 600
    shift.pause()
    assert shift.tick(60) == 600
    shift.resume()
    shift.tick(60)
    snap = shift.snapshot()
    assert snap["now"] == 1200 and snap["answered"] > 0


def test_replay_rebuilds_the_same_state():
    live = InteractiveShift(load_scenario("helpdesk"), 9, [HUMAN], PRACTICE, speed=20)
    drive(live)
    state = json.loads(json.dumps(live.to_state()))
    again = InteractiveShift.from_state(state)
    assert again.now == live.now and again.speed == live.speed
    assert again.paused == live.paused
    assert again.snapshot() == live.snapshot()
    assert again.queue() == live.queue()
    assert again.engine.start == live.engine.start
    assert again.engine.end == live.engine.end
    assert again.engine.abandoned == live.engine.abandoned
    assert again.actions == live.actions
    assert any(a["kind"] == "start" for a in live.actions)
    # and both go on identically
    live.advance(900)
    again.advance(900)
    assert again.snapshot() == live.snapshot()
