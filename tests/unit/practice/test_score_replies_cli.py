import json

from flask import Flask

from app.practice.cli import practice_cli

CONTACT = {
    "channel": "email", "customer_name": "Dana Reyes", "purchase": "birthday gift voucher",
    "message": "I want my money back!", "key_facts": ["A full refund of $40 will be issued."],
    "must_disclose": [], "must_not": ["Do not charge a cancellation fee."], "jargon": [],
}


def _run(lines: list[str]):
    runner = Flask("cli-test").test_cli_runner()
    return runner.invoke(practice_cli, ["score-replies", "-"], input="\n".join(lines) + "\n")


def test_scores_in_order_with_nine_criteria() -> None:
    good = {"id": "a", "contact": CONTACT, "reply": "Dana, a full refund of forty dollars "
            "will be issued today. No cancellation fee applies."}
    wrong = {"id": "b", "contact": CONTACT, "reply": "Dana, a full refund of $25 will be issued."}
    result = _run([json.dumps(good), json.dumps(wrong)])
    assert result.exit_code == 0, result.output
    out = [json.loads(x) for x in result.output.splitlines()]
    assert [o["id"] for o in out] == ["a", "b"]
    assert len(out[0]["criteria"]) == 9
    assert out[0]["criteria"]["resolves_accurately"] == 2
    assert out[1]["overall"] <= 2


def test_bad_lines_report_field_and_exit_one_after_scoring_rest() -> None:
    missing = {"id": "x", "contact": {**CONTACT, "channel": "pigeon"}, "reply": "hi"}
    good = {"id": "y", "contact": CONTACT, "reply": "A full refund of $40 will be issued."}
    result = _run(["{not json", json.dumps(missing), json.dumps({"id": "z", "contact": CONTACT}),
                   json.dumps(good)])
    assert result.exit_code == 1
    out = [json.loads(x) for x in result.output.splitlines()]
    assert len(out) == 4
    assert out[0]["error"].startswith("line:")
    assert out[1] == {"id": "x", "error": "contact.channel: must be one of chat, email, fax, phone"}
    assert out[2]["error"].startswith("reply:")
    assert out[3]["id"] == "y" and "overall" in out[3]


def test_a_contact_without_purchase_is_scored_and_a_wrong_type_is_named() -> None:
    bare = {k: v for k, v in CONTACT.items() if k != "purchase"}
    ok = {"id": "p", "contact": bare, "reply": "Dana, a full refund of $40 will be issued."}
    bad = {"id": "q", "contact": {**CONTACT, "purchase": 7}, "reply": "hi"}
    result = _run([json.dumps(ok), json.dumps(bad)])
    out = [json.loads(x) for x in result.output.splitlines()]
    assert "overall" in out[0]
    assert out[1] == {"id": "q", "error": "contact.purchase: must be a string"}


def test_a_line_the_scorer_fails_on_is_reported_and_the_rest_scored(monkeypatch) -> None:
    import app.practice.cli as cli

    real = cli.score_reply

    def flaky(contact, reply):
        if reply == "boom":
            raise ValueError("bad")
        return real(contact, reply)

    monkeypatch.setattr(cli, "score_reply", flaky)
    lines = [json.dumps({"id": i, "contact": CONTACT, "reply": r})
             for i, r in (("1", "boom"), ("2", "A full refund of $40 will be issued."))]
    result = _run(lines)
    out = [json.loads(x) for x in result.output.splitlines()]
    assert result.exit_code == 1
    assert out[0] == {"id": "1", "error": "reply: could not be scored (ValueError)"}
    assert "overall" in out[1]
