"""Simulated job applicants, written apart from the scoring code so benches cannot flatter it.

Nothing here is imported by the product, and nothing here uses the product's scoring
models or parameters: only the instruments' content (traits, keys, desirability values,
option points) is read, as a real applicant would read the test.

People
  * Traits: multivariate normal with a correlation matrix drawn from a two-factor
    structure ("getting along" and "getting ahead"), so traits correlate .05–.55.
  * One population and one set of item properties (``WORLD``) for every sample, so
    calibration, norm and evaluation samples differ only in who answers and how.
  * 25 % fakers. Each inflates the traits a service job obviously wants (empathy,
    positive attitude, resilience, stress resistance) with weight ≈ 1 and the others
    with weight ≈ .3, both jittered per person, times a personal strength U(.5, 1.5).
  * Likert response styles among the attentive: 20 % acquiescent (thresholds shifted
    toward agreeing), 15 % extreme (slopes doubled, answers pushed to the ends).
  * 5 % careless: half answer at random very fast, half at random at a normal pace.

Answers
  * Likert: graded response with probit thresholds (not logistic), per item
    discrimination U(.7, 1.8); fakers add strength·weight·(desirability − 3) / 1.5.
  * Ranking blocks: each statement's utility is normal, with its *own* parameters:
    70 % dominance statements ``μ + λ·θ`` and 30 % ideal-point statements
    ``−λ·(θ − δ)² / 2`` with δ on the keyed side; the true desirability a faker reacts
    to is the printed value plus rater noise (SD .3). Faking adds
    strength·weight·(desirability − 3) to the statement's utility.
  * Situations: option utilities from the key's points with a per-item discrimination
    and option-specific noise; fakers add strength·.8·points on the wanted traits
    (and .6·points on integrity), as applicants who know what the job wants.
  * Work-sample criteria: 2PL on the trait (cannot be faked).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import expit
from scipy.stats import norm

from app.psychometrics.batch import ScoringPlan
from app.psychometrics.instrument import Instrument
from app.psychometrics.item_models import (
    ForcedChoiceItem,
    LikertItem,
    RankingBlock,
    SjtItem,
    WorkSampleItem,
)

WANTED = ("empathy", "positive_attitude", "resilience", "stress_resistance")
FAKER_SHARE = 0.25
WORLD = 20261203
CARELESS_SHARE = 0.05


@dataclass(frozen=True)
class Applicants:
    """Who the simulated applicants are (independent of any instrument)."""

    trait_ids: tuple[str, ...]
    theta: np.ndarray
    im: np.ndarray
    faker: np.ndarray
    strength: np.ndarray
    fake_weight: np.ndarray
    acquiescent: np.ndarray
    extreme: np.ndarray
    careless: np.ndarray
    careless_normal_pace: np.ndarray
    seed: int


def draw_applicants(
    trait_ids: tuple[str, ...], n: int, seed: int, faker_share: float = FAKER_SHARE
) -> Applicants:
    """Draw ``n`` applicants with true trait levels, faking and response styles (the
    trait correlations are the population's, the same for every sample)."""
    rng = np.random.default_rng(seed)
    t = len(trait_ids)
    loadings = np.zeros((t, 2))
    structure = np.random.default_rng([WORLD, 0])
    for j, trait in enumerate(trait_ids):
        along = trait in ("empathy", "relationship_building", "positive_attitude", "integrity")
        loadings[j] = (0.55, 0.15) if along else (0.15, 0.55)
        loadings[j] += structure.uniform(-0.15, 0.15, 2)
    corr = loadings @ loadings.T
    np.fill_diagonal(corr, 1.0)
    theta = rng.multivariate_normal(np.zeros(t), corr, size=n)
    faker = rng.random(n) < faker_share
    weight = np.array([1.0 if tr in WANTED else 0.3 for tr in trait_ids])
    fake_weight = weight[None, :] * rng.lognormal(0.0, 0.25, size=(n, t))
    careless = rng.random(n) < CARELESS_SHARE
    normal_pace = careless & (rng.random(n) < 0.5)
    style = rng.random(n)
    return Applicants(
        trait_ids=trait_ids,
        theta=theta,
        im=rng.normal(0.0, 1.0, n),
        faker=faker,
        strength=np.where(faker, rng.uniform(0.5, 1.5, n), 0.0),
        fake_weight=fake_weight,
        acquiescent=~careless & (style < 0.2),
        extreme=~careless & (style >= 0.2) & (style < 0.35),
        careless=careless,
        careless_normal_pace=normal_pace,
        seed=seed,
    )


@dataclass(frozen=True)
class Answers:
    """Codes as ``encode_responses`` makes them (attempts × plan columns) and timings."""

    codes: np.ndarray
    timings_ms: np.ndarray


def _likert(
    rng, irng, item: LikertItem, people: Applicants, col: dict[str, int]
) -> np.ndarray:
    n_cat = item.scale.max - item.scale.min + 1
    n = len(people.theta)
    if item.trait in col:
        latent = people.theta[:, col[item.trait]] * (-1 if item.reverse else 1)
        push = people.strength * people.fake_weight[:, col[item.trait]]
    else:
        latent = people.im
        push = people.strength * 1.6
    a = irng.uniform(0.7, 1.8) * np.where(people.extreme, 2.0, 1.0)
    desirability = -1.0 if item.reverse else 1.0
    utility = a * latent + push * desirability * 1.3 + np.where(people.acquiescent, 0.8, 0.0)
    centre = irng.normal(-0.5, 0.4) if item.trait in col else 1.4
    cuts = centre + np.linspace(-1.6, 1.6, n_cat - 1) + irng.normal(0, 0.15, n_cat - 1)
    p_ge = norm.cdf(utility[:, None] - np.sort(cuts)[None, :])
    return (rng.random(n)[:, None] < p_ge).sum(axis=1)


def _ranking(
    rng, irng, item: RankingBlock, people: Applicants, col: dict[str, int]
) -> np.ndarray:
    n = len(people.theta)
    util = np.zeros((n, len(item.statements)))
    for j, s in enumerate(item.statements):
        sign = 1.0 if s.keyed == "positive" else -1.0
        th = people.theta[:, col[s.trait]]
        lam = irng.uniform(0.6, 1.4)
        if irng.random() < 0.3:
            delta = sign * irng.uniform(1.5, 2.5)
            util[:, j] = -lam * (th - delta) ** 2 / 4 + irng.normal(0, 0.4)
        else:
            util[:, j] = irng.normal(0, 0.5) + sign * lam * th
        true_desirability = s.desirability + irng.normal(0, 0.3)
        util[:, j] += (
            people.strength * people.fake_weight[:, col[s.trait]] * (true_desirability - 3.0)
        )
        util[:, j] += rng.normal(0, irng.uniform(0.7, 1.1), n)
    order = np.argsort(-util, axis=1)
    rank = np.argsort(order, axis=1)
    return np.stack([(rank[:, i] < rank[:, k]).astype(int) for i, k in item.pairs], axis=1)


def _choice(rng, util: np.ndarray) -> np.ndarray:
    util = util + rng.gumbel(size=util.shape)
    return util.argmax(axis=1)


def _sjt(rng, irng, item: SjtItem, people: Applicants, col: dict[str, int]) -> np.ndarray:
    alpha = irng.uniform(0.5, 1.1)
    util = np.tile(irng.normal(0, 0.4, len(item.options)), (len(people.theta), 1))
    for j, option in enumerate(item.options):
        for trait, pts in option.points.items():
            if trait not in col:
                continue
            util[:, j] += alpha * pts * people.theta[:, col[trait]]
            lure = 0.8 if trait in WANTED else 0.6 if trait == "integrity" else 0.2
            util[:, j] += people.strength * lure * pts
    return _choice(rng, util)


def answer(
    instrument: Instrument,
    plan: ScoringPlan,
    people: Applicants,
    seed: int,
    skip_share: float = 0.0,
    world: int | None = WORLD,
) -> Answers:
    """The applicants' answers to ``instrument`` as a code matrix on ``plan``'s columns.

    Item properties (discriminations, thresholds, utilities' means, ideal points, the
    desirability applicants really perceive) are drawn from ``world``, so that the
    calibration, norm and evaluation samples answer the *same* items, as real samples
    do. ``world=None`` draws them afresh from ``seed`` (every sample then answers
    slightly different items: a test of robustness to mis-calibrated parameters).
    """
    rng = np.random.default_rng(seed)
    col = {t: j for j, t in enumerate(people.trait_ids)}
    n = len(people.theta)
    codes = np.full((n, len(plan.column_keys)), -1, dtype=np.int16)
    paces = []
    for k, item in enumerate(instrument.items):
        cols = list(plan.item_columns[item.id])
        irng = rng if world is None else np.random.default_rng([world, k])
        if isinstance(item, LikertItem):
            codes[:, cols[0]] = _likert(rng, irng, item, people, col)
        elif isinstance(item, RankingBlock):
            codes[:, cols] = _ranking(rng, irng, item, people, col)
        elif isinstance(item, SjtItem):
            codes[:, cols[0]] = _sjt(rng, irng, item, people, col)
        elif isinstance(item, ForcedChoiceItem):
            a, b = item.options
            d = people.theta[:, col[a.trait]] - people.theta[:, col[b.trait]]
            d += people.strength * (
                people.fake_weight[:, col[a.trait]] - people.fake_weight[:, col[b.trait]]
            )
            codes[:, cols[0]] = (rng.random(n) >= norm.cdf(d)).astype(int)
        elif isinstance(item, WorkSampleItem):
            for c, criterion in zip(cols, item.criteria, strict=True):
                p = expit(irng.uniform(0.8, 1.8) * (people.theta[:, col[criterion.trait]] + 0.3))
                codes[:, c] = rng.binomial(4, p)
        paces.append(instrument.timing.seconds_per_item.get(item.kind, 10) * 1000.0)
    careless = people.careless
    if careless.any():
        widths = plan.column_width
        random_codes = (rng.random((int(careless.sum()), codes.shape[1])) * widths).astype(np.int16)
        block_cols = [
            plan.item_columns[i.id] for i in instrument.items if isinstance(i, RankingBlock)
        ]
        for cols in block_cols:
            order = np.argsort(rng.random((int(careless.sum()), 4 if len(cols) == 6 else 3)))
            rank = np.argsort(order, axis=1)
            pairs = [(i, k) for i in range(rank.shape[1]) for k in range(i + 1, rank.shape[1])]
            for c, (i, k) in zip(cols, pairs, strict=True):
                random_codes[:, c] = rank[:, i] < rank[:, k]
        codes[careless] = random_codes
    if skip_share > 0:
        for item in instrument.items:
            skipped = rng.random(n) < skip_share
            codes[np.ix_(skipped, list(plan.item_columns[item.id]))] = -1
    pace = np.array(paces)
    timings = rng.lognormal(np.log(pace)[None, :], 0.35, size=(n, len(pace)))
    fast = careless & ~people.careless_normal_pace
    timings[fast] = rng.uniform(300, 900, size=(int(fast.sum()), len(pace)))
    return Answers(codes, timings)
