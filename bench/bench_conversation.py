"""Latency of one simulated-customer turn (app.conversations.respond), p50/p95/max.

Plays every shipped customer through several scripted trainee paths (good, wrong fact,
stalling, rude, long rambling turns) until the customer ends the call or 10 turns pass,
timing each ``respond`` call; also times scoring the whole transcript at the end.
Target: p95 <= 300 ms per turn on this CPU.

    .venv/bin/python bench/bench_conversation.py [--repeat N]
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

from app.conversations import case_of, respond, score_transcript, start
from app.conversations.schema import CustomerSpec
from app.yaml_reader import load_yaml

PRACTICE = Path(__file__).resolve().parents[1] / "courses" / "practice"
FILLER = ("Let me just pull that up on my screen while we talk, it can take a moment because "
          "the system is slow this morning and I want to be sure I have the right order. ")


def _customers() -> list[tuple[CustomerSpec, dict]]:
    out = []
    for path in sorted((PRACTICE / "customers").glob("*.yaml")):
        spec = CustomerSpec.model_validate(load_yaml(path.read_text(), path.name))
        contact = load_yaml((PRACTICE / "contacts" / f"{spec.contact}.yaml").read_text(), "c")
        out.append((spec, case_of(contact)))
    return out


def _wrong(fact: str) -> str:
    return re.sub(r"\d+", lambda m: str(int(m.group()) + 7), fact) if re.search(
        r"\d", fact) else "I'm afraid " + fact[0].lower() + fact[1:].replace(" is ", " is not ")


def _paths(spec: CustomerSpec, case: dict) -> dict[str, list[str]]:
    first = case["customer_name"].split()[0]
    facts, asks = case["key_facts"], [k.ask for k in spec.knows]
    good = [f"Hello {first}, I'm Alex. I'm sorry, that sounds really frustrating. {asks[0]}"
            if asks else f"Hello {first}, I'm Alex."]
    good += facts + ["I will follow this up myself and e-mail you by tomorrow.",
                     "Is there anything else I can help with?"]
    return {
        "good": good,
        "wrong": [f"Hi, I'm Alex. {_wrong(facts[0])}", *facts],
        "stalling": ["Okay.", "Right.", "Hmm.", "One moment.", "Okay."],
        "rude": ["Calm down, this is not my problem.", *facts],
        "long": [(FILLER * 6) + f for f in facts] + [FILLER * 10],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    turns: list[float] = []
    reports: list[float] = []
    outcomes: dict[str, int] = {}
    customers = _customers()
    for _ in range(args.repeat):
        for spec, case in customers:
            for name, path in _paths(spec, case).items():
                state = start(spec)
                for text in path[:10]:
                    if state["ended"]:
                        break
                    t0 = time.perf_counter()
                    state = respond(spec, case, state, text)
                    turns.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                score_transcript(case, state["turns"])
                reports.append(time.perf_counter() - t0)
                key = f"{name}: {state['ended'] or 'still talking'}"
                outcomes[key] = outcomes.get(key, 0) + 1
    ms = sorted(t * 1000 for t in turns)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    print(f"customers: {len(customers)}, customer turns timed: {len(ms)}")
    print(f"per turn  p50 {statistics.median(ms):.2f} ms  p95 {p95:.2f} ms  "
          f"max {ms[-1]:.2f} ms  (target p95 <= 300 ms)")
    rs = sorted(t * 1000 for t in reports)
    print(f"transcript score  p50 {statistics.median(rs):.2f} ms  "
          f"p95 {rs[int(0.95 * (len(rs) - 1))]:.2f} ms")
    print("outcomes per path (x repeat):")
    for key in sorted(outcomes):
        print(f"  {key}: {outcomes[key]}")


if __name__ == "__main__":
    main()
