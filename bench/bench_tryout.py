"""Job tryout bench: simulated candidates work both parallel forms.

The candidates come from a generator that knows nothing of the scorer: it writes from the
contact's case notes the way people of four kinds would —

- skilled: greets, introduces themself, uses the name, acknowledges the situation, gives
  every fact in their own words, commits to a next step, takes the oldest contact first
  and types quickly;
- average: most of that, with a fact left out or half given now and then, slower;
- careless: terse, often no greeting, one fact (sometimes with a wrong day or number),
  picks contacts in any order, slow;
- keyword-gaming: a courteous opener followed by the case notes' keywords in a heap
  (no sentences), then a stock promise.

Each candidate has one job-performance value ``J`` (kind plus individual variation); the
generator's probabilities follow ``J``, and the same candidate works form A and form B with
fresh randomness. The tryout is scored by ``app.hiring.tryout.scoring.score_run``.

Printed: the correlation of the tryout score between the two forms, how often a
keyword-gaming candidate outscores a skilled one (all pairs), and the hurdle agreement with
the truth (``J`` above the pool's 40th percentile) of the questionnaire alone (a simulated
composite correlating ``RHO`` with ``J``) and with the tryout joined as the section weighs
it, both cut to pass the same share. Run: ``.venv/bin/python bench/bench_tryout.py``.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.hiring.tryout import shift  # noqa: E402
from app.hiring.tryout.content import read_tryout  # noqa: E402
from app.hiring.tryout.schema import TALKING, Contact  # noqa: E402
from app.hiring.tryout.scoring import score_run  # noqa: E402

KINDS = {"skilled": 1.0, "average": 0.0, "careless": -1.2, "gaming": -0.6}
RHO = 0.35
PASS_SHARE = 0.6
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
STOP = {"the", "a", "an", "is", "are", "and", "of", "to", "on", "in", "by", "for", "at",
        "that", "with", "any", "it", "be", "was", "as", "from", "until", "which"}
PARAPHRASE = [
    (r"^The ", "I can tell you the "), (r" is booked for ", " is now booked for "),
    (r" arrives on ", " will arrive on "), (r" is delivered ", " will be delivered "),
    (r" is refunded ", " will be refunded "), (r" is added ", " has been added "),
    (r" is sent ", " will be sent "), (r" is issued ", " will be issued "),
    (r" reaches ", " should reach "), (r" costs nothing", " won't cost you anything"),
    (r" free of charge", " free of charge for you"),
]


def sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


class Candidate:
    """A simulated person: kind, job performance and the probabilities that follow."""

    def __init__(self, kind: str, rng: random.Random) -> None:
        self.kind = kind
        self.j = KINDS[kind] + rng.gauss(0, 0.6)
        j = self.j
        self.p_fact = sigmoid(1.2 + 1.8 * j)
        self.p_courtesy = sigmoid(0.6 + 2.0 * j)
        self.p_wrong = sigmoid(-2.6 - 1.5 * j)
        self.p_order = sigmoid(1.0 + 2.0 * j)
        self.seconds_per_word = max(0.35, 1.1 - 0.35 * j)

    # --- what they write -------------------------------------------------------------

    def _fact(self, fact: str, rng: random.Random) -> str:
        text = fact
        for pattern, repl in rng.sample(PARAPHRASE, len(PARAPHRASE)):
            if rng.random() < 0.6:
                text = re.sub(pattern, repl, text)
        if rng.random() < self.p_wrong:
            day = next((d for d in DAYS if d in text), None)
            if day:
                text = text.replace(day, rng.choice([d for d in DAYS if d != day]))
            else:
                text = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(2, 9)), text,
                              count=1)
        if rng.random() > self.p_fact:
            words = text.rstrip(".").split()
            text = " ".join(words[: max(3, len(words) // 2)]) + "."
        return text

    def _heap(self, contact: Contact, rng: random.Random) -> str:
        words = [w.strip(".,").lower() for f in contact.key_facts for w in f.split()]
        words += [w.strip(".,").lower() for w in contact.purchase.split()]
        words = [w for w in words if w not in STOP]
        rng.shuffle(words)
        return " ".join(words)

    def opener(self, contact: Contact, rng: random.Random) -> str:
        first = contact.customer_name.split()[0]
        if self.kind == "gaming":
            return (f"Hello {contact.customer_name}, I'm Sam from Fernhill. I'm so sorry, "
                    "I completely understand how frustrating this is.")
        parts = []
        if rng.random() < self.p_courtesy:
            parts.append(f"Hello {first}, this is Alex at Fernhill Appliances.")
        if rng.random() < self.p_courtesy:
            parts.append(f"I'm sorry about your {contact.purchase.split(',')[0]}; "
                         "that's really annoying.")
        return " ".join(parts)

    def turns(self, contact: Contact, rng: random.Random) -> list[str]:
        """What they say or write, turn by turn (one turn for e-mail and fax)."""
        facts = [f for f in contact.key_facts if self.kind == "gaming"
                 or rng.random() < self.p_fact + (1 - self.p_fact) * 0.3]
        if self.kind == "careless":
            facts = facts[:1]
        if self.kind == "gaming":
            body = [self._heap(contact, rng)]
        else:
            body = [self._fact(f, rng) for f in facts]
        promise = ("I will call you tomorrow to confirm that everything is sorted."
                   if self.kind == "gaming" or rng.random() < self.p_courtesy else "")
        opener = self.opener(contact, rng)
        if contact.channel not in TALKING:
            sign = "\n\nKind regards,\nAlex" if rng.random() < self.p_courtesy else ""
            greeting = f"Dear {contact.customer_name},\n\n" if (
                self.kind == "gaming" or rng.random() < self.p_courtesy) else ""
            return [f"{greeting}{opener} {' '.join(body)} {promise}{sign}".strip() or "Noted."]
        first = " ".join(x for x in (opener, body[0] if body else "") if x)
        out = [first or "Yes?"]
        if len(body) > 1:
            out.append(" ".join(body[1:]))
        out.append(promise or "OK.")
        out.append("Is there anything else I can help with? Have a good day, goodbye."
                   if rng.random() < self.p_courtesy or self.kind == "gaming" else "Bye.")
        return out

    def seconds(self, text: str, rng: random.Random) -> float:
        return len(text.split()) * self.seconds_per_word * rng.uniform(0.8, 1.25) + 4

    # --- how they work the queue -----------------------------------------------------

    def pick(self, queue: list[dict], rng: random.Random) -> dict:
        if len(queue) == 1 or rng.random() < self.p_order:
            return queue[0]
        return rng.choice(queue[1:])


def _wait(state: dict, seconds: float) -> dict:
    while seconds > 0 and state["phase"] == "running":
        step = min(seconds, shift.MAX_GAP)
        state = shift.tick(state, step)
        seconds -= step
    return state


def work(candidate: Candidate, section, form, seed: int) -> dict:
    """The candidate works the whole shift; the ended state."""
    rng = random.Random(seed)
    state = shift.begin(shift.new_state(section, form, seed, "1"))
    while state["phase"] == "running":
        waiting = shift.queue(state, form)
        if not waiting:
            state = _wait(state, 5)
            continue
        row = candidate.pick(waiting, rng)
        state = shift.open_contact(state, form, row["sim_id"])
        contact = form.contact(row["contact_id"])
        for text in candidate.turns(contact, rng):
            state = _wait(state, candidate.seconds(text, rng))
            if state["phase"] != "running":
                break
            if contact.channel in TALKING:
                if state["open"]["conversation"]["ended"]:
                    break
                state = shift.say(state, form, row["sim_id"], text)
            else:
                state = shift.finish(state, form, row["sim_id"], text)
        if state["phase"] == "running" and state["open"] is not None:
            state = shift.finish(state, form, row["sim_id"], "Thanks.")
    return state


def pearson(x: list[float], y: list[float]) -> float:
    mx, my = statistics.fmean(x), statistics.fmean(y)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sx = math.sqrt(sum((a - mx) ** 2 for a in x))
    sy = math.sqrt(sum((b - my) ** 2 for b in y))
    return sxy / (sx * sy)


def agreement(values: list[float], truth: list[bool]) -> float:
    cut = sorted(values, reverse=True)[int(len(values) * PASS_SHARE) - 1]
    return 100 * sum((v >= cut) == t for v, t in zip(values, truth, strict=True)) / len(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-kind", type=int, default=40)
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args()
    forms, sections, problems = read_tryout(ROOT)
    assert not problems, [str(p) for p in problems]
    section = sections["contact-center-agent-tryout"]
    form_a, form_b = (forms[f] for f in section.forms[:2])
    rng = random.Random(args.seed)
    people = [Candidate(kind, rng) for kind in KINDS for _ in range(args.per_kind)]
    started = time.perf_counter()
    scores: dict[str, list[float]] = {"a": [], "b": []}
    ts: list[float] = []
    for i, person in enumerate(people):
        a = score_run(section, form_a, work(person, section, form_a, args.seed * 1000 + 2 * i))
        b = score_run(section, form_b, work(person, section, form_b,
                                            args.seed * 1000 + 2 * i + 1))
        scores["a"].append(a["score"])
        scores["b"].append(b["score"])
        ts.append(a["t_score"])
    elapsed = time.perf_counter() - started
    print(f"{len(people)} candidates x 2 forms in {elapsed:.0f} s")
    print(f"{'kind':<10}{'n':>4}{'form A':>9}{'form B':>9}{'r(A,B)':>9}")
    for kind in KINDS:
        idx = [i for i, p in enumerate(people) if p.kind == kind]
        xa = [scores["a"][i] for i in idx]
        xb = [scores["b"][i] for i in idx]
        print(f"{kind:<10}{len(idx):>4}{statistics.fmean(xa):>9.1f}{statistics.fmean(xb):>9.1f}"
              f"{pearson(xa, xb):>9.2f}")
    r = pearson(scores["a"], scores["b"])
    mean_a, mean_b = statistics.fmean(scores["a"]), statistics.fmean(scores["b"])
    sd_all = statistics.pstdev(scores["a"] + scores["b"])
    print(f"form means A {mean_a:.1f} B {mean_b:.1f} (difference {mean_a - mean_b:+.1f}); "
          f"pooled mean {statistics.fmean(scores['a'] + scores['b']):.1f} sd {sd_all:.1f}")
    skilled = [i for i, p in enumerate(people) if p.kind == "skilled"]
    gaming = [i for i, p in enumerate(people) if p.kind == "gaming"]
    beats = sum(scores[f][g] > scores[f][s] for f in "ab" for g in gaming for s in skilled)
    gaming_pct = 100 * beats / (2 * len(gaming) * len(skilled))
    truth_cut = sorted(p.j for p in people)[int(len(people) * (1 - PASS_SHARE))]
    truth = [p.j >= truth_cut for p in people]
    qrng = random.Random(args.seed + 1)
    questionnaire = [50 + 10 * (RHO * p.j / 0.9 + math.sqrt(1 - RHO ** 2) * qrng.gauss(0, 1))
                     for p in people]
    total = 12.0
    joined = [(total * q + section.composite_weight * t) / (total + section.composite_weight)
              for q, t in zip(questionnaire, ts, strict=True)]
    alone, both = agreement(questionnaire, truth), agreement(joined, truth)
    print(f"hurdle agreement with the truth: questionnaire alone {alone:.1f} %, with the "
          f"tryout {both:.1f} % (pass share {PASS_SHARE:.0%}, questionnaire validity {RHO})")
    print(f"tryout: parallel-form r={r:.2f} gaming-beats-skilled={gaming_pct:.1f}% "
          f"added-agreement={both - alone:+.1f} pts")


if __name__ == "__main__":
    main()
