"""The semantic layer: offline model, paraphrase credit, value/negation guards, fallback,
calibration fit and JSON round trip, and the shipped work-sample replies."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from app.replies import embed, score_reply, semantic
from app.replies.calibrate import fit_calibration
from app.replies.scorer import fact_matches

ROOT = Path(__file__).resolve().parents[3]
CONTACT = {
    "channel": "email", "customer_name": "Maria Lopez", "purchase": "leather ankle boots",
    "message": "I was charged twice for one pair of boots. Please take the extra charge off.",
    "key_facts": ["The second charge of $89.99 is a duplicate and will be refunded in full."],
    "must_disclose": [], "must_not": [], "jargon": [],
}
NO_NET = ("import socket\n"
          "def _refuse(*a, **k):\n"
          "    raise OSError('network used')\n"
          "socket.socket.connect = _refuse\n"
          "socket.create_connection = _refuse\n"
          "from app.replies import embed\n"
          "assert embed.available(), 'model did not load'\n"
          "print(round(embed.similarity('refund the charge', 'refund the charge'), 3))\n")


def test_model_loads_from_site_packages_without_network_or_cache(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "HF_HUB_OFFLINE": "1",
           "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    env.pop(embed.DISABLE_ENV, None)
    done = subprocess.run([sys.executable, "-c", NO_NET], env=env, capture_output=True,
                          text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1.0"
    assert not (tmp_path / "cache").exists()


def test_similar_sentences_score_above_unrelated_ones() -> None:
    assert embed.available()
    close = embed.similarity("The refund will reach your card in five days.",
                             "Your money will be back on the card within five days.")
    far = embed.similarity("The refund will reach your card in five days.",
                           "Our sofas come in slate grey and oatmeal.")
    assert close is not None and far is not None and close > far + 0.2


def test_wrong_amount_is_never_conveyed_by_meaning() -> None:
    reply = "Maria, the second charge of $79.99 was a duplicate and I refunded it in full."
    (found,), _ = fact_matches(CONTACT, reply)
    assert found.state == "contradicted"
    assert score_reply(CONTACT, reply).overall <= 2


def test_fallback_without_model_still_scores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(embed.DISABLE_ENV, "1")
    embed.model.cache_clear()
    try:
        assert not embed.available()
        reply = ("Hi Maria, I'm Dan. The second $89.99 charge was a duplicate; I refunded it "
                 "in full.")
        (found,), _ = fact_matches(CONTACT, reply)
        assert found.state == "conveyed" and found.probability is None
        assert score_reply(CONTACT, reply).criteria["resolves_accurately"] == 2
    finally:
        monkeypatch.delenv(embed.DISABLE_ENV)
        embed.model.cache_clear()
    assert embed.available()


def _examples() -> list[dict]:
    good = ["Hi Maria, I'm Dan. The second $89.99 charge was a duplicate and I refunded it in "
            f"full{'!' * i}" for i in range(12)]
    salad = ["I completely understand how you feel about the $89.99 boots and the charge, and I "
             f"will personally make sure everything is handled{'.' * i}" for i in range(12)]
    rated = [(r, {"overall": 4, "resolves_accurately": 2, "honest": 1}) for r in good]
    rated += [(r, {"overall": 1, "resolves_accurately": 0, "honest": 0}) for r in salad]
    return [{"contact": CONTACT, "reply": r, "rating": g} for r, g in rated]


def test_fit_calibration_returns_json_that_loads_back() -> None:
    params = fit_calibration(_examples())
    again = semantic.load_calibration(json.loads(json.dumps(params)))
    assert again["features"] == list(semantic.FEATURES)
    assert 0.5 <= again["threshold"] < 1
    assert params["n_facts"] == 24 and params["n_conveyed"] == 12


def test_calibration_rejects_other_features_and_too_few_examples() -> None:
    with pytest.raises(ValueError, match="features"):
        semantic.load_calibration({"features": ["x"], "coef": [1.0], "intercept": 0,
                                   "threshold": 0.5})
    with pytest.raises(ValueError, match="examples"):
        fit_calibration(_examples()[:3])


def test_shipped_calibration_is_valid() -> None:
    shipped = json.loads(semantic.CALIBRATION.read_text())
    assert semantic.load_calibration(shipped)["coef"] == shipped["coef"]


def _work_sample_contact() -> dict:
    path = ROOT / "assessments" / "items" / "service-aptitude" / "work-sample.yaml"
    item = yaml.safe_load(path.read_text())["items"][0]
    return {"channel": "email", "customer_name": item["customer_name"],
            "purchase": item["purchase"], "message": item["customer_message"],
            "key_facts": item["key_facts"], "must_disclose": item["must_disclose"],
            "must_not": item["must_not"], "jargon": item["jargon"]}


def test_work_sample_demo_replies_score_as_written() -> None:
    from app.hiring.demo import CORRECT_REPLY, POLITE_BUT_WRONG

    contact = _work_sample_contact()
    right = score_reply(contact, CORRECT_REPLY.format(name="Ms Okafor"))
    assert right.overall >= 4, dict(right.evidence)
    assert right.criteria["honest"] == 1 and right.criteria["resolves_accurately"] == 2
    wrong = score_reply(contact, POLITE_BUT_WRONG.format(name="Ms Okafor"))
    assert wrong.overall <= 2
    assert "Monday" in wrong.evidence["honest"]


def test_other_day_breaks_exception_must_not_but_the_allowed_day_does_not() -> None:
    contact = _work_sample_contact()
    base = ("Dear Ms Okafor, I'm Sam. I'm so sorry you lost a day off waiting. Your sofa is "
            "safe in our warehouse and not lost. The Saturday delivery was cancelled by a "
            "scheduling error on our side. I have booked a new delivery for {day} between "
            "8 am and 12 noon.")
    assert score_reply(contact, base.format(day="Thursday")).criteria["honest"] == 1
    assert score_reply(contact, base.format(day="Friday")).criteria["honest"] == 0


def test_blaming_a_named_party_breaks_must_not_and_denying_it_does_not() -> None:
    contact = _work_sample_contact()
    reply = ("Dear Ms Okafor, I'm Sam. Your sofa is safe in our warehouse. {blame} I have "
             "booked a new delivery for Thursday between 8 am and 12 noon.")
    blamed = reply.format(blame="The courier made a mistake on Saturday.")
    cleared = reply.format(blame="The missed delivery was our scheduling error, not the "
                                 "courier's fault.")
    assert score_reply(contact, blamed).criteria["honest"] == 0
    assert score_reply(contact, cleared).criteria["honest"] == 1


def test_hard_wrapped_lines_are_one_sentence() -> None:
    from app.replies.text import sentences

    text = "Dear Dana,\n\nI have booked a new delivery for\nThursday at 8 am. Thanks.\n\nSam"
    assert sentences(text) == ["Dear Dana,", "I have booked a new delivery for Thursday at 8 am.",
                               "Thanks.", "Sam"]
