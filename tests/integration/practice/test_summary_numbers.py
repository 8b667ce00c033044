"""The shift summary's per-channel service level counts only customers whose outcome is
known: answered, hung up, or waiting past the channel's threshold (live-10, seed 3)."""

from app.extensions import db
from app.practice import services

ROSA = "phone-double-charge-desk"


def test_a_customer_still_within_the_threshold_is_not_counted_yet(coaching, clock):
    trainee, _ = coaching
    shift = services.start_shift(trainee.id, "live-10", clock(), seed=3)
    state = services.shift_state(shift, services.sync(shift, clock(10)))
    rosa = next(r for r in state["queue"] if r["contact_id"] == ROSA)
    services.open_contact(shift, rosa["sim_id"], clock(2))  # waited 7 s
    services.say(shift, rosa["sim_id"], "Hi Rosa, I'm Sam. What is the order number?",
                 clock(20))
    services.submit(shift, "", clock(10), rosa["sim_id"])
    services.end_shift(shift, clock(230))  # 09:04:32
    db.session.commit()
    rows = {r["channel"]: r for r in shift.summary["channels"]["yours"]}
    # phone: Rosa answered in 7 s, Daniel hung up after his 120 s
    assert (rows["phone"]["service_level"], rows["phone"]["within"]) == (0.5, 0)
    # chat: Grace has waited 232 s and Sophie 72 s, both past the 30 s: counted, not in
    # time
    assert rows["chat"]["offered"] == 2 and rows["chat"]["service_level"] == 0.0
    assert rows["chat"]["within"] == 0
    # e-mail: Martin's reply is promised within 4 h; 3 min in, he is not late yet
    assert rows["email"]["waiting"] == 1 and rows["email"]["within"] == 1
    assert rows["email"]["service_level"] is None
