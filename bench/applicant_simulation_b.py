"""A second applicant generator for service-aptitude-2, designed independently of
``applicant_simulation.py`` and of the scoring model (issue #15's acceptance check).

Only the item content is read: statement trait, keying and desirability, situation
option points, rubric criterion traits, and the timing and quality rules of the
instrument. The response processes deliberately differ from the product's Thurstonian
model:

* Traits: four correlated factors (general service orientation, emotional stability,
  interpersonal, task) give the ten traits correlations of about .05–.45; marginals
  N(0, 1), so latent T = 50 + 10·θ as in ``bench_recovery.py``.
* Ranking sets: each statement's momentary utility is loading × keyed sign × trait, plus a
  small cross-loading on one other trait for some statements, a statement intercept, a
  general preference for desirable statements, faking, and Gumbel noise; the block is
  ranked by utility (an exploded-logit / Plackett-Luce process, not a probit one).
* Faking (25 %): a person-specific motivation M ~ Gamma(2, 0.5) (mean 1) multiplies the
  statement's perceived desirability (its desirability rating, plus a bonus in the keyed
  direction for the four traits a service job obviously wants: empathy, positive
  attitude, resilience, stress resistance), plus a smaller general lift in the keyed
  direction for every trait. The same motivation raises the situations' keyed options
  (more for the four wanted traits), the validity statements, and the reply's empathy
  and greeting criteria (writing "I understand your frustration" is easy to fake).
* Validity statements: cumulative-logit graded responses on an idealising factor, four of
  them with a small loading on the related trait (so traits and idealising are not
  strictly unrelated); acquiescence lowers every threshold, extreme responding
  compresses the thresholds towards the middle so the end categories are used more.
* Situations: multinomial logit over the options on the options' keyed points, with a
  general situational-knowledge preference for better-keyed options.
* Written reply, criteria coded like the product's judge (4 = met, 0 = not met): probit
  of the criterion's trait and a writing-skill factor unrelated to the traits; a reply
  is "capped" (all criteria 0) with a probability that falls with integrity and problem
  solving. Or left unanswered (``reply=False``).
* Careless (5 %), a mix: uniform random at a fast pace, uniform random at a normal pace,
  straight-lining (first option, same scale point, presented order), alternating
  patterns, and attentive in the first half and random in the second half.
* Times: lognormal around the instrument's standard seconds per item, a person speed
  factor and item noise.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import norm

from app.psychometrics import Instrument, ScoringPlan

WANTED = ("empathy", "positive_attitude", "resilience", "stress_resistance")
CARELESS_KINDS = ("random_fast", "random_normal", "straight", "alternating", "second_half")
CARELESS_MIX = (0.25, 0.25, 0.2, 0.15, 0.15)
# Factor loadings (general, stability, interpersonal, task) of each trait.
LOADINGS = {
    "empathy": (0.35, 0.0, 0.5, 0.0),
    "resilience": (0.3, 0.6, 0.0, 0.0),
    "objectivity": (0.25, 0.0, 0.3, 0.15),
    "stress_resistance": (0.3, 0.6, 0.0, 0.0),
    "initiative": (0.35, 0.0, 0.0, 0.5),
    "responsiveness": (0.3, 0.0, 0.0, 0.45),
    "relationship_building": (0.4, 0.0, 0.5, 0.0),
    "problem_solving": (0.3, 0.0, 0.0, 0.5),
    "positive_attitude": (0.4, 0.4, 0.15, 0.0),
    "integrity": (0.25, 0.0, 0.1, 0.0),
}
# Validity statements that a real trait makes a little more true.
VALIDITY_TRAIT = {
    "im-03": "responsiveness",
    "im-05": "integrity",
    "im-08": "positive_attitude",
    "im-10": "empathy",
}
# Share of applicants who meet each reply criterion (before the cap).
CRITERION_BASE = {
    "greeting-name": 0.85,
    "acknowledges-feeling": 0.6,
    "apologises-without-blame": 0.7,
    "takes-ownership": 0.5,
    "next-step-with-time": 0.65,
    "no-jargon": 0.8,
    "solves-problem": 0.45,
    "appropriate-length": 0.7,
}
# Faking weights in the ranking sets: rated desirability, keyed bonus of the four wanted
# traits, keyed lift of every trait (times the faker's motivation).
BLOCK_FAKING = (0.8, 0.8, 0.3)
FAKE_CHANNELS = ("blocks", "validity", "sjt", "reply")
FAKEABLE_CRITERIA = ("greeting-name", "acknowledges-feeling", "apologises-without-blame")


def trait_correlations(traits: tuple[str, ...]) -> np.ndarray:
    """Correlation matrix of the traits implied by ``LOADINGS``."""
    lam = np.array([LOADINGS[t] for t in traits])
    r = lam @ lam.T
    np.fill_diagonal(r, 1.0)
    return r


@dataclass
class Applicants:
    theta: np.ndarray
    idealising: np.ndarray
    faker: np.ndarray
    motivation: np.ndarray
    acquiescence: np.ndarray
    acquiescent: np.ndarray
    extreme: np.ndarray
    careless: np.ndarray
    careless_kind: np.ndarray
    speed: np.ndarray
    writing: np.ndarray
    consistency: np.ndarray

    def kind(self, name: str) -> np.ndarray:
        """Mask of careless responders of one kind."""
        return self.careless & (self.careless_kind == CARELESS_KINDS.index(name))


def draw_people(
    traits: tuple[str, ...], n: int, rng: np.random.Generator, faking_scale: float = 1.0
) -> Applicants:
    """Draw ``n`` applicants: 5 % careless, 25 % fakers (never careless), 18 %
    acquiescent and 15 % extreme responders (independent of faking). ``faking_scale``
    multiplies every faker's motivation (a sensitivity check)."""
    theta = rng.multivariate_normal(np.zeros(len(traits)), trait_correlations(traits), n)
    careless = rng.random(n) < 0.05
    kind = rng.choice(len(CARELESS_KINDS), size=n, p=CARELESS_MIX)
    faker = ~careless & (rng.random(n) < 0.25 / 0.95)
    motivation = np.where(faker, faking_scale * rng.gamma(2.0, 0.5, n), 0.0)
    acquiescent = rng.random(n) < 0.18
    acquiescence = np.where(acquiescent, rng.uniform(0.6, 1.4, n), rng.normal(0, 0.15, n))
    return Applicants(
        theta=theta,
        idealising=rng.normal(0, 1, n),
        faker=faker,
        motivation=motivation,
        acquiescence=acquiescence,
        acquiescent=acquiescent,
        extreme=rng.random(n) < 0.15,
        careless=careless,
        careless_kind=np.where(careless, kind, -1),
        speed=rng.lognormal(0.0, 0.25, n),
        writing=rng.normal(0, 1, n),
        consistency=rng.lognormal(0.0, 0.15, n),
    )


@dataclass
class World:
    """Item properties of the simulated population (shared by all samples of a run)."""

    loading: dict[str, np.ndarray]
    cross_trait: dict[str, np.ndarray]
    cross_loading: dict[str, np.ndarray]
    intercept: dict[str, np.ndarray]
    thresholds: dict[str, np.ndarray]
    validity_loading: dict[str, float]
    obviousness: dict[str, float]
    criterion_loading: dict[str, float]


def draw_world(instrument: Instrument, rng: np.random.Generator) -> World:
    """Draw item properties once per run."""
    traits = list(instrument.trait_ids)
    w = World({}, {}, {}, {}, {}, {}, {}, {})
    for item in instrument.items:
        if item.kind == "ranking_block":
            k = len(item.statements)
            w.loading[item.id] = rng.uniform(0.9, 1.5, k)
            own = [traits.index(s.trait) for s in item.statements]
            other = np.array([rng.choice([j for j in range(10) if j != o]) for o in own])
            w.cross_trait[item.id] = other
            w.cross_loading[item.id] = np.where(rng.random(k) < 0.3, rng.normal(0, 0.25, k), 0)
            w.intercept[item.id] = rng.normal(0, 0.25, k)
        elif item.kind == "likert":
            centre = rng.normal(0.9, 0.3)
            w.thresholds[item.id] = centre + np.array([-1.6, 0.0, 0.8, 2.3])
            w.validity_loading[item.id] = rng.uniform(0.8, 1.3)
        elif item.kind == "sjt":
            w.intercept[item.id] = rng.normal(0, 0.5, len(item.options))
            w.obviousness[item.id] = rng.uniform(0.3, 1.0)
        elif item.kind == "work_sample":
            for c in item.criteria:
                w.criterion_loading[c.id] = 0.15 if c.id == "appropriate-length" else 0.65
    return w


def _gumbel(rng: np.random.Generator, shape) -> np.ndarray:
    return -np.log(-np.log(rng.random(shape)))


def _pair_codes(order_utility: np.ndarray, pairs) -> np.ndarray:
    return np.stack([(order_utility[:, i] > order_utility[:, k]) for i, k in pairs], axis=1)


def respond(
    instrument: Instrument,
    plan: ScoringPlan,
    world: World,
    people: Applicants,
    rng: np.random.Generator,
    reply: bool = True,
    fake_in: tuple[str, ...] = FAKE_CHANNELS,
    block_faking: tuple[float, float, float] = BLOCK_FAKING,
) -> tuple[np.ndarray, np.ndarray]:
    """Code matrix (``int16``, -1 = missing) and per-item times in ms (instrument order).
    ``fake_in`` names the parts in which fakers fake (all by default) and ``block_faking``
    the weights of the ranking sets' faking terms (both analysis aids)."""
    traits = list(instrument.trait_ids)
    n = len(people.theta)
    items = instrument.items
    codes = np.full((n, len(plan.column_keys)), -1, dtype=np.int16)
    timings = np.zeros((n, len(items)))
    m = people.motivation
    fake = {part: m * (part in fake_in) for part in FAKE_CHANNELS}
    general = rng.normal(0.3, 0.15, n)
    kind = people.careless_kind
    random_all = people.careless & np.isin(kind, [0, 1])
    half = len(items) // 2
    standard = instrument.timing.seconds_per_item
    for pos, item in enumerate(items):
        cols = list(plan.item_columns[item.id])
        random_now = random_all | (people.kind("second_half") & (pos >= half))
        straight, alternate = people.kind("straight"), people.kind("alternating")
        if item.kind == "ranking_block":
            st = item.statements
            sign = np.array([1.0 if s.keyed == "positive" else -1.0 for s in st])
            own = np.array([traits.index(s.trait) for s in st])
            desir = np.array([s.desirability - 3.0 for s in st])
            wanted = np.array([s.trait in WANTED for s in st])
            w_desir, w_wanted, w_general = block_faking
            perceived = w_desir * desir + w_wanted * sign * wanted
            u = (
                world.loading[item.id] * sign * people.theta[:, own]
                + world.cross_loading[item.id] * sign * people.theta[:, world.cross_trait[item.id]]
                + world.intercept[item.id]
                + general[:, None] * desir
                + fake["blocks"][:, None] * (perceived + w_general * sign)
                + people.consistency[:, None] ** -1 * _gumbel(rng, (n, len(st)))
            )
            u[random_now] = rng.random((int(random_now.sum()), len(st)))
            u[straight] = -np.arange(len(st), dtype=float)
            u[alternate] = (-1.0) ** pos * -np.arange(len(st), dtype=float)
            codes[:, cols] = _pair_codes(u, item.pairs)
        elif item.kind == "likert":
            y = (
                world.validity_loading[item.id] * people.idealising
                + 1.2 * fake["validity"]
                + people.acquiescence
                + rng.logistic(0, 1, n)
            )
            if item.id in VALIDITY_TRAIT:
                y += 0.35 * people.theta[:, traits.index(VALIDITY_TRAIT[item.id])]
            tau = world.thresholds[item.id]
            mid = tau[1:3].mean()
            tau_p = np.where(people.extreme[:, None], mid + 0.45 * (tau - mid), tau)
            c = (y[:, None] > tau_p).sum(axis=1)
            c[random_now] = rng.integers(0, 5, int(random_now.sum()))
            c[straight] = 3
            c[alternate] = np.where(pos % 2, 1, 3)
            codes[:, cols[0]] = c
        elif item.kind == "sjt":
            pts = [dict(o.points) for o in item.options]
            u = np.zeros((n, len(pts)))
            for o, p in enumerate(pts):
                for t, v in p.items():
                    lift = 1.0 if t in WANTED else 0.5
                    u[:, o] += v * (
                        0.6 * people.theta[:, traits.index(t)]
                        + 0.35
                        + world.obviousness[item.id] * lift * fake["sjt"]
                    )
            u += world.intercept[item.id] + _gumbel(rng, u.shape)
            c = u.argmax(axis=1)
            c[random_now] = rng.integers(0, len(pts), int(random_now.sum()))
            c[straight] = 0
            c[alternate] = pos % len(pts)
            codes[:, cols[0]] = c
        elif item.kind == "work_sample" and reply:
            codes[:, cols] = _reply_codes(item, world, people, rng, traits, fake["reply"])
        seconds = standard[item.kind]
        t = seconds * people.speed * rng.lognormal(0.0, 0.35, n)
        fast = people.kind("random_fast") | straight
        t = np.where(fast, rng.uniform(0.08, 0.2, n) * seconds, t)
        t = np.where(alternate | (people.kind("second_half") & (pos >= half)), 0.6 * t, t)
        timings[:, pos] = 1000.0 * t
    return codes, timings


def _reply_codes(
    item, world: World, people: Applicants, rng, traits, motivation: np.ndarray
) -> np.ndarray:
    n = len(people.theta)
    out = np.zeros((n, len(item.criteria)), dtype=np.int16)
    th = people.theta
    for j, c in enumerate(item.criteria):
        lam = world.criterion_loading[c.id]
        z = lam * th[:, traits.index(c.trait)] + 0.6 * people.writing
        scale = np.sqrt(lam**2 + 0.36 + 1.0)
        z = z + norm.ppf(CRITERION_BASE[c.id]) * scale + rng.normal(0, 1, n)
        if c.id in FAKEABLE_CRITERIA:
            z += 0.4 * motivation
        out[:, j] = np.where(z > 0, 4, 0)
    p_cap = norm.cdf(
        -1.4
        - 0.35 * th[:, traits.index("integrity")]
        - 0.35 * th[:, traits.index("problem_solving")]
        - 0.3 * people.writing
    )
    out[rng.random(n) < p_cap] = 0
    careless = people.careless
    out[careless] = np.where(rng.random((int(careless.sum()), len(item.criteria))) < 0.1, 4, 0)
    lazy = careless & np.isin(people.careless_kind, [0, 2])
    out[lazy] = -1
    return out


def skip_items(
    instrument: Instrument,
    plan: ScoringPlan,
    codes: np.ndarray,
    share: float,
    rng: np.random.Generator,
) -> np.ndarray:
    """Copy of ``codes`` with a random ``share`` of the answered items left unanswered."""
    out = codes.copy()
    for item in instrument.items:
        cols = list(plan.item_columns[item.id])
        hit = rng.random(len(out)) < share
        out[np.ix_(hit, cols)] = -1
    return out
