from app.extensions import db
from app.practice import services

REPLY = """Hi Martin,

I'm Irene from Harborlight, and I'm sorry: you gave up a day off to build your Oakline desk
and found a gouge across the top.

I've sent a replacement walnut desktop by express at no cost. It arrives within 1 to 2
business days, with tracking by e-mail. You don't need to return the damaged top.

I'll check on Thursday that it has arrived.

Best regards,
Irene"""


def queue_ids(shift):
    return [row["contact_id"] for row in services.shift_state(shift, services.rebuild(shift))[
        "queue"]]


def test_contacts_wait_in_blended_order_received(scripted):
    assert queue_ids(scripted) == [
        "chat-price-drop", "phone-double-charge-desk", "phone-order-status-gift",
        "email-damaged-desk-top", "phone-missed-office-delivery", "fax-duplicate-invoice"]
    state = services.shift_state(scripted, services.rebuild(scripted))
    email = next(r for r in state["queue"] if r["channel"] == "email")
    assert email["note"].startswith("Auto-acknowledged; reply promised by 13:00")
    assert state["queue"][0]["next"] and not state["queue"][1]["next"]


def test_clock_pauses_while_a_contact_is_open(scripted, clock):
    first = services.shift_state(scripted, services.rebuild(scripted))["queue"][0]
    services.open_contact(scripted, first["sim_id"], clock(1))
    before = services.rebuild(scripted).now
    services.sync(scripted, clock(600))
    assert services.rebuild(scripted).now == before
    services.submit(scripted, "Hi Nadia, sorry. I'll refund the difference.", clock(5))
    services.sync(scripted, clock(10))
    assert services.rebuild(scripted).now == before + 10 * 4


def test_answering_a_written_contact_scores_it_with_the_reply_scorer(scripted, clock):
    state = services.shift_state(scripted, services.rebuild(scripted))
    email = next(r for r in state["queue"] if r["channel"] == "email")
    opened = services.open_contact(scripted, email["sim_id"], clock(1))
    assert opened["older"] == 3
    response = services.submit(scripted, REPLY, clock(240))
    db.session.commit()
    assert response.rubric["uses_customer_name"]["passed"]
    assert response.rubric["honest"]["passed"]
    assert response.rubric["resolves_accurately"]["value"] >= 1
    assert response.rubric["queue_order"]["passed"] is False
    assert response.in_order is False
    assert response.model_grade >= 3 and response.model_version == services.SCORER
    improve = [f for f in response.feedback if f["kind"] == "improve"]
    assert "Queue order" in [f["label"] for f in improve]
    assert "Wrong fact" not in [f["label"] for f in improve]
    assert any("3 older contact(s)" in f["text"] for f in improve)


def test_a_wrong_amount_is_named_in_the_feedback(scripted, clock):
    first = services.shift_state(scripted, services.rebuild(scripted))["queue"][0]
    services.open_contact(scripted, first["sim_id"], clock(1))
    response = services.submit(scripted, (
        "Hi Grace, I'm Eli. Your Lumen monitor was bought within 14 days, so it qualifies "
        "for a price adjustment. I've refunded the $25 difference to your card."), clock(30))
    wrong = [f["text"] for f in response.feedback if f["label"] == "Wrong fact"]
    assert wrong == ["You wrote $25; the right fact: The $40 difference is refunded to her card."]
    assert response.model_grade <= 2


def test_phone_dialogue_needs_an_ending_and_gives_line_feedback(scripted, clock):
    rows = services.shift_state(scripted, services.rebuild(scripted))["queue"]
    call = next(r for r in rows if r["contact_id"] == "phone-double-charge-desk")
    services.open_contact(scripted, call["sim_id"], clock(1))
    services.choose(scripted, "acknowledge")
    try:
        services.submit(scripted, "", clock(1))
    except services.PracticeError as exc:
        assert "not finished" in str(exc)
    else:
        raise AssertionError("an unfinished call was accepted")
    for choice in ("confirm-and-fix", "honest-timing"):
        services.choose(scripted, choice)
    response = services.submit(scripted, "", clock(60))
    assert response.choices == ["acknowledge", "confirm-and-fix", "honest-timing"]
    assert all(response.rubric[c]["passed"] for c in ("honest", "resolves_accurately"))
    assert response.model_grade is None
    assert sum(f["kind"] == "dialogue" for f in response.feedback) == 3


def test_invalid_actions_are_refused_with_a_clear_message(scripted, clock):
    for action, message in (
        (lambda: services.open_contact(scripted, 999, clock(1)), "no longer waiting"),
        (lambda: services.submit(scripted, "hello", clock(1)), "no contact open"),
        (lambda: services.choose(scripted, "acknowledge"), "no call open"),
        (lambda: services.start_shift(scripted.user_id, "first-steps", clock()), "already"),
        (lambda: services.start_shift(scripted.user_id + 1, "nope", clock()), "profiles"),
    ):
        try:
            action()
        except services.PracticeError as exc:
            assert message in str(exc)
        else:
            raise AssertionError(message)
    rows = services.shift_state(scripted, services.rebuild(scripted))["queue"]
    services.open_contact(scripted, rows[0]["sim_id"], clock(1))
    try:
        services.choose(scripted, "acknowledge")
    except services.PracticeError as exc:
        assert "no call open" in str(exc)
    try:
        services.submit(scripted, "   ", clock(1))
    except services.PracticeError as exc:
        assert "Write your reply" in str(exc)


def test_end_of_shift_summary_and_replay(scripted, clock):
    rows = services.shift_state(scripted, services.rebuild(scripted))["queue"]
    services.open_contact(scripted, rows[0]["sim_id"], clock(1))
    services.submit(scripted, "Hello, the price is what it is. Open a ticket.", clock(30))
    services.end_shift(scripted, clock(5))
    db.session.commit()
    summary = scripted.summary
    assert scripted.status == "ended"
    assert summary["handled"] == 1 and summary["practice_contacts"] == 6
    assert summary["unanswered"] == 5
    assert summary["focus"] and "tip" in summary["focus"][0]
    assert "Nadia" in summary["focus"][0]["tip"] or "Try" in summary["focus"][0]["tip"]
    from app.practice import library
    from app.practice.review import timeline
    events = timeline(scripted, services.rebuild(scripted), library.contacts())
    kinds = [e["kind"] for e in events]
    assert kinds[:6] == ["arrived"] * 6 and "start" in kinds and "finish" in kinds


def test_mixed_desk_routes_by_skill_and_callers_hang_up(coaching, clock):
    trainee, _ = coaching
    shift = services.start_shift(trainee.id, "busy-morning", clock(), seed=11)
    contacts = library_contacts()
    skills = {contacts[p["contact_id"]]["skill"] for p in shift.sim_state["practice"]}
    assert len(shift.sim_state["practice"]) == 8 and "general" in skills
    seen = set()
    for _ in range(30):
        sim = services.sync(shift, clock(8))
        seen |= {row["contact_id"] for row in services.shift_state(shift, sim)["queue"]}
    assert seen and all(contacts[c]["skill"] != "general" for c in seen)
    services.end_shift(shift, clock(1))
    summary = shift.summary
    assert summary["handled"] == 0
    assert summary["hung_up"] + summary["unanswered"] > 0
    assert summary["offered"] > summary["practice_contacts"]  # background traffic too


def library_contacts():
    from app.practice import library

    return library.contacts()
