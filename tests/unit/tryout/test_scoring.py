"""The tryout's pure scoring and shift: order, quality, handling time, customers lost,
the keyword-list guard, the weights, the clock stretched by extra time."""

from pathlib import Path

import pytest

from app.hiring.tryout import shift
from app.hiring.tryout.content import read_tryout
from app.hiring.tryout.scoring import handling_credit, keyword_list, score_run

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def content():
    forms, sections, _ = read_tryout(ROOT)
    return sections["contact-center-agent-tryout"], forms["form-a"]


def _run(section, form, factor="1"):
    return shift.begin(shift.new_state(section, form, 7, factor))


def _wait(state, seconds):
    while seconds > 0 and state["phase"] == "running":
        state = shift.tick(state, min(seconds, shift.MAX_GAP))
        seconds -= shift.MAX_GAP
    return state


def _reply(contact):
    first = contact.customer_name.split()[0]
    return (f"Dear {contact.customer_name},\n\nI'm Sam at Fernhill and I'm sorry about your "
            f"{contact.purchase}. {' '.join(contact.key_facts)}\n\nI will call you tomorrow "
            f"to confirm, {first}.\n\nKind regards,\nSam")


def test_handling_credit():
    assert handling_credit(80, 100) == 1.0
    assert handling_credit(200, 100) == pytest.approx(0.5)
    assert handling_credit(400, 100) == 0.0


def test_nothing_served_scores_zero_and_every_contact_counts(content):
    section, form = content
    state = shift.final(None, section, form, seed=3)
    result = score_run(section, form, state)
    assert result["score"] == 0 and result["served"] == 0
    assert result["left"] == len(form.contacts)
    assert result["hung_up"] == sum(c.channel in ("phone", "chat") for c in form.contacts)
    assert result["t_score"] == pytest.approx(
        50 + 10 * (0 - section.norm.mean) / section.norm.sd, abs=0.05)


def test_taking_a_younger_contact_first_costs_order(content):
    section, form = content
    state = _wait(_run(section, form), 40)
    queue = shift.queue(state, form)
    assert [r["channel"] for r in queue[:2]] == ["phone", "email"]
    younger = queue[1]
    state = shift.open_contact(state, form, younger["sim_id"])
    assert state["open"]["older"] == 1
    state = shift.finish(state, form, younger["sim_id"],
                         _reply(form.contact(younger["contact_id"])))
    result = score_run(section, form, shift.end(state))
    row = next(r for r in result["contacts"] if r["contact_id"] == younger["contact_id"])
    assert row["order"] == 0.0 and row["served"] and row["auto"] >= 4
    assert result["criteria"]["order"] == 0.0


def test_good_reply_in_time_outscores_a_keyword_heap(content):
    section, form = content
    email = form.contacts[1]
    heap = ("Dear Ingrid Berg, I'm Sam, so sorry. replacement door tuesday technician fits "
            "goodwill credit 20 pounds account arrives way cost")
    scores = []
    for text in (_reply(email), heap):
        state = _wait(_run(section, form), 35)
        phone = shift.queue(state, form)[0]
        state = shift.open_contact(state, form, phone["sim_id"])
        state = shift.say(state, form, phone["sim_id"], "Hello Tomasz, I'm Sam.")
        state = shift.finish(state, form, phone["sim_id"])
        mail = shift.queue(state, form)[0]
        assert mail["contact_id"] == email.id
        state = shift.open_contact(state, form, mail["sim_id"])
        state = _wait(state, 30)
        state = shift.finish(state, form, mail["sim_id"], text)
        result = score_run(section, form, shift.end(state))
        scores.append(next(r for r in result["contacts"] if r["contact_id"] == email.id))
    good, gamed = scores
    assert good["auto"] >= 4 and gamed["auto"] == 1
    assert gamed["judged"]["keyword_list"]


def test_keyword_list_guard_spares_ordinary_sentences():
    assert keyword_list("I'm sorry about your Breeze 9 kg heat-pump tumble dryer; that's "
                        "really annoying.") == ""
    assert keyword_list("The replacement door is on its way and arrives on Tuesday.") == ""
    assert keyword_list("door tuesday technician fits goodwill credit pounds account arrives")


def test_recruiter_rating_replaces_automatic_quality(content):
    section, form = content
    state = _wait(_run(section, form), 35)
    phone = shift.queue(state, form)[0]
    state = shift.open_contact(state, form, phone["sim_id"])
    state = shift.say(state, form, phone["sim_id"], "ok")
    state = shift.finish(state, form, phone["sim_id"])
    state = shift.end(state)
    auto = score_run(section, form, state)
    rated = score_run(section, form, state, {phone["contact_id"]: 5})
    row = rated["contacts"][0]
    assert row["human"] == 5 and row["used"] == 5 and row["quality"] == 1.0
    assert rated["score"] > auto["score"]


def test_extra_time_stretches_the_clock_exactly(content):
    section, form = content
    plain, slow = _run(section, form), _run(section, form, "3/2")
    plain, slow = shift.tick(plain, 12), shift.tick(slow, 12)
    assert shift.rebuild(plain).now == pytest.approx(12)
    assert shift.rebuild(slow).now == pytest.approx(8)
    long_gap = shift.tick(plain, 3600)
    assert shift.rebuild(long_gap).now == pytest.approx(12 + shift.MAX_GAP)


def test_state_rebuilds_from_seed_and_log(content):
    section, form = content
    state = _wait(_run(section, form), 50)
    first = shift.queue(state, form)[0]
    state = shift.open_contact(state, form, first["sim_id"])
    again = shift.rebuild(state)
    assert again.now == shift.rebuild(state).now
    assert again.snapshot()["humans"][shift.CANDIDATE] == [first["sim_id"]]
    with pytest.raises(shift.TryoutError):
        shift.open_contact(state, form, shift.queue(state, form)[0]["sim_id"])
