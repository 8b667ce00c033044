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
