"""Thurstonian IRT scoring of ranking blocks, with situations and Likert in one model.

Model (Brown & Maydeu-Olivares 2011, logistic form). Statement ``i`` of trait ``a`` has
a latent utility ``tᵢ = μᵢ + λᵢ·θₐ + εᵢ``; a ranking is the order of the utilities, so
every pair ``(i, k)`` of a block is one binary outcome with

    P(i ranked above k) = σ(μᵢ − μₖ + λᵢ·θₐ − λₖ·θ_b)

(the logistic σ stands in for the normal ogive; uniquenesses are absorbed into the
scale). ``λ`` is negative for negatively keyed statements, which is what lets the model
recover normative levels rather than only the order of a person's own traits. Pairs of
one block are treated as locally independent when scoring, as usual for triplets.

Situations and Likert items enter the same model as nominal-response items:
``P(option j) ∝ exp(cⱼ + bⱼ·θ)`` with slopes only on the traits the key names.

Idealising (describing the ideal employee rather than oneself) is one more latent
dimension ``φ``, measured by the validity-scale statements. Every other indicator may
load on it too — a statement's utility becomes ``μᵢ + λᵢ·θₐ + γᵢ·φ``, a Likert item's
or a situation's log-odds get a slope on ``φ`` — and calibration finds how much each
one is pulled by idealising. The trait estimates are therefore estimates *given* ``φ``:
agreement that is explained by idealising is not counted as trait. The prior treats
``φ`` as unrelated to the traits.

What the joint model leaves of idealising in the trait estimates is removed with one
more rule, fitted on the calibration sample (``idealising_correction``): each trait
estimate's regression slope on the estimate of ``φ`` is subtracted, ``θ̂ − bₐ·φ̂``. The
prior already says that traits and idealising are unrelated, so in an applicant sample
any slope left is the part of the faking that the model did not catch. (If candour and
a trait were genuinely related, the rule would remove that part too: refit it on real
applicants and compare with an honest-instruction sample before relying on it.)

Each rubric criterion of the written reply is one binary indicator of its trait (met:
code ≥ ``MET_CODE``, the higher half of the 0–4 codes), a 2PL ``σ(c + b·θₐ)`` with no
slope on ``φ`` (a reply shows what the candidate does, not what they claim). It is
stored as a nominal item whose categories below and above the split share their
parameters, which gives the same likelihood in θ. Calibrations without criterion
parameters (before version 4) leave the reply out, as they did.

Every indicator is thus a multinomial logit whose log-odds are linear in θ, so the
posterior with a multivariate-normal prior is log-concave: ``score`` finds the MAP
estimate by Newton steps for all attempts at once and reports the posterior standard
error per trait (square root of the inverse information, prior included).

``calibrate`` fits the item parameters from response data by alternating MAP scoring of
people and maximum-likelihood fits of each block and item given those scores, rescaling
traits to unit variance after every round.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit, log_softmax

from app.psychometrics.batch import ScoringPlan
from app.psychometrics.instrument import Instrument
from app.psychometrics.item_models import LikertItem, RankingBlock, SjtItem, WorkSampleItem
from app.psychometrics.work_sample import TOP_CODE

_CHUNK = 8192
MET_CODE = 2
_MAX_STEP = 1.0
_RIDGE = 0.02


@dataclass(frozen=True)
class TirtModel:
    """Compiled item parameters of an instrument's model-scored columns.

    ``columns[m]`` is the plan column of indicator ``m``; ``intercepts`` (M × K) and
    ``slopes`` (M × K × D) give the log-odds of each category, ``-inf`` intercepts pad
    indicators with fewer than K categories. The D dimensions are ``trait_ids`` then
    ``nuisance_ids`` (the idealising dimension). ``corr`` is their prior correlation.
    ``late`` marks the indicators of the later half of the items in presentation order
    (for the person-fit check of that part alone).
    """

    version: str
    trait_ids: tuple[str, ...]
    columns: np.ndarray
    intercepts: np.ndarray
    slopes: np.ndarray
    corr: np.ndarray
    parameters: dict[str, Any] = field(default_factory=dict, repr=False)
    nuisance_ids: tuple[str, ...] = ()
    correction: np.ndarray | None = None
    late: np.ndarray | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for storing the calibration (YAML/JSON-safe)."""
        data: dict[str, Any] = {
            "version": self.version,
            "trait_ids": list(self.trait_ids),
            "corr": np.round(self.corr, 4).tolist(),
            "items": self.parameters,
        }
        if self.correction is not None:
            data["idealising_correction"] = {
                t: round(float(b), 4) for t, b in zip(self.trait_ids, self.correction, strict=True)
            }
        return data


@dataclass(frozen=True)
class _Design:
    """Which plan columns each block or item owns, and the traits it loads on."""

    trait_ids: tuple[str, ...]
    nuisance_ids: tuple[str, ...]
    blocks: list[tuple[str, list[int], list[str], list[tuple[int, int, int]]]]
    nominal: list[tuple[str, int, int, list[int]]]
    criteria: list[tuple[str, int, int, int]] = field(default_factory=list)

    @property
    def dims(self) -> int:
        return len(self.trait_ids) + len(self.nuisance_ids)


def model_traits(instrument: Instrument) -> tuple[str, ...]:
    """Traits the model scores: all but the validity scales."""
    return tuple(t for t in instrument.trait_ids if t not in instrument.validity_traits)


def _design(instrument: Instrument, plan: ScoringPlan, work_sample: bool = True) -> _Design:
    """``criteria``: (parameter key, plan column, number of codes, trait index) of every
    rubric criterion when ``work_sample``."""
    traits = model_traits(instrument)
    nuisance = tuple(instrument.validity_traits[:1])
    index = {t: j for j, t in enumerate(traits + nuisance)}
    extra = [index[t] for t in nuisance]
    blocks, nominal, criteria = [], [], []
    for item in instrument.items:
        cols = plan.item_columns[item.id]
        if isinstance(item, RankingBlock):
            stmt_traits = [index[s.trait] for s in item.statements]
            keyed = [s.keyed for s in item.statements]
            pairs = [(i, k, c) for (i, k), c in zip(item.pairs, cols, strict=True)]
            blocks.append((item.id, stmt_traits, keyed, pairs))
        elif isinstance(item, SjtItem):
            keyed_traits = sorted({index[t] for o in item.options for t in o.points if t in index})
            if keyed_traits:
                nominal.append((item.id, cols[0], len(item.options), keyed_traits + extra))
        elif isinstance(item, LikertItem) and item.trait in index:
            n_cat = item.scale.max - item.scale.min + 1
            own = [index[item.trait]] + ([] if item.trait in nuisance else extra)
            nominal.append((item.id, cols[0], n_cat, own))
        elif isinstance(item, WorkSampleItem) and work_sample:
            n_codes = TOP_CODE + 1
            for c, criterion in zip(cols, item.criteria, strict=True):
                if criterion.trait in index:
                    key = f"{item.id}:{criterion.id}"
                    criteria.append((key, c, n_codes, index[criterion.trait]))
    return _Design(traits, nuisance, blocks, nominal, criteria)


def _starting_parameters(instrument: Instrument, design: _Design) -> dict[str, Any]:
    """Parameters implied by the scoring key alone (used before any calibration)."""
    params: dict[str, Any] = {}
    for item_id, _, keyed, _ in design.blocks:
        params[item_id] = {
            "mu": [0.0] * len(keyed),
            "lam": [1.0 if k == "positive" else -1.0 for k in keyed],
            "gamma": [0.0] * len(keyed),
        }
    index = {t: j for j, t in enumerate(design.trait_ids + design.nuisance_ids)}
    for item_id, _, n_cat, traits in design.nominal:
        item = instrument.item(item_id)
        slopes = np.zeros((n_cat, len(traits)))
        if isinstance(item, SjtItem):
            for j, option in enumerate(item.options):
                for t, pts in option.points.items():
                    if t in index:
                        slopes[j, traits.index(index[t])] = 0.5 * pts
        else:
            sign = -1.0 if item.reverse else 1.0
            slopes[:, 0] = sign * 0.6 * np.arange(n_cat)
        params[item_id] = {"c": [0.0] * n_cat, "b": slopes.tolist()}
    for key, _, _, _ in design.criteria:
        params[key] = {"c": 0.0, "b": 0.6}
    return params


def build_model(
    instrument: Instrument,
    plan: ScoringPlan,
    parameters: dict[str, Any] | None = None,
    corr: np.ndarray | None = None,
    version: str = "key-only",
    correction: np.ndarray | None = None,
    work_sample: bool = True,
) -> TirtModel:
    """Compile a model from per-item parameters (default: implied by the key)."""
    design = _design(instrument, plan, work_sample)
    params = parameters or _starting_parameters(instrument, design)
    n_traits = design.dims
    phi = len(design.trait_ids)
    n_ind = sum(len(p) for _, _, _, p in design.blocks) + len(design.nominal)
    n_ind += len(design.criteria)
    n_cat = max([2] + [n for _, _, n, _ in design.nominal + design.criteria])
    columns = np.zeros(n_ind, dtype=np.intp)
    intercepts = np.full((n_ind, n_cat), -np.inf)
    slopes = np.zeros((n_ind, n_cat, n_traits))
    m = 0
    for item_id, stmt_traits, _, pairs in design.blocks:
        mu, lam = params[item_id]["mu"], params[item_id]["lam"]
        gamma = params[item_id].get("gamma", [0.0] * len(mu))
        for i, k, col in pairs:
            columns[m] = col
            intercepts[m, :2] = (0.0, mu[i] - mu[k])
            slopes[m, 1, stmt_traits[i]] += lam[i]
            slopes[m, 1, stmt_traits[k]] -= lam[k]
            if design.nuisance_ids:
                slopes[m, 1, phi] += gamma[i] - gamma[k]
            m += 1
    for item_id, col, k, traits in design.nominal:
        columns[m] = col
        intercepts[m, :k] = params[item_id]["c"]
        b = np.asarray(params[item_id]["b"])
        slopes[m, :k][:, traits[: b.shape[1]]] = b
        m += 1
    for key, col, k, trait in design.criteria:
        # P(code ≥ MET_CODE) = σ(c + b·θ) when the k − MET_CODE upper codes share
        # log-odds c − log((k − MET_CODE) / MET_CODE) against each lower code.
        columns[m] = col
        upper = k - MET_CODE
        intercepts[m, :k] = 0.0
        intercepts[m, MET_CODE:k] = params[key]["c"] - np.log(upper / MET_CODE)
        slopes[m, MET_CODE:k, trait] = params[key]["b"]
        m += 1
    later = instrument.items[len(instrument.items) // 2 :]
    late_cols = [c for item in later for c in plan.item_columns[item.id]]
    return TirtModel(
        version=version,
        trait_ids=design.trait_ids,
        late=np.isin(columns, late_cols),
        columns=columns,
        intercepts=intercepts,
        slopes=slopes,
        corr=np.eye(n_traits) if corr is None else np.asarray(corr, dtype=np.float64),
        parameters=params,
        nuisance_ids=design.nuisance_ids,
        correction=None if correction is None else np.asarray(correction, dtype=np.float64),
    )


@dataclass(frozen=True)
class TirtScores:
    """MAP trait estimates (θ scale, attempts × traits), posterior SEs, the information
    the answers carried (prior excluded) and how many indicators were answered."""

    trait_ids: tuple[str, ...]
    theta: np.ndarray
    se: np.ndarray
    information: np.ndarray
    answered: np.ndarray
    loglik: np.ndarray
    expected_loglik: np.ndarray
    loglik_variance: np.ndarray
    evidence_vs_chance: np.ndarray | None = None
    idealising: np.ndarray | None = None
    idealising_se: np.ndarray | None = None
    late_fit: np.ndarray | None = None


def _score_chunk(model: TirtModel, y: np.ndarray, iterations: int) -> tuple[np.ndarray, ...]:
    """Newton MAP for one chunk. Binary indicators (block pairs) take a fast path:
    their information is ``p(1 − p)·wwᵀ``; the few nominal items use the general form."""
    n, n_ind = y.shape
    n_cat, n_traits = model.slopes.shape[1:]
    binary = ~np.isfinite(model.intercepts[:, 2:]).any(axis=1)
    yb, yn = y[:, binary], y[:, ~binary]
    w = model.slopes[binary, 1]
    c = model.intercepts[binary, 1]
    ww = np.einsum("mt,ms->mts", w, w).reshape(len(w), n_traits**2)
    mb = (yb >= 0).astype(np.float64)
    tb = np.where(yb > 0, 1.0, 0.0)
    bs = model.slopes[~binary]
    bc = model.intercepts[~binary]
    n_nom = len(bs)
    mn = yn >= 0
    ync = np.where(mn, yn, 0)
    flat = bs.reshape(n_nom * n_cat, n_traits)
    outer = np.einsum("jt,js->jts", flat, flat).reshape(n_nom * n_cat, n_traits**2)
    observed_sum = np.einsum("nmt,nm->nt", bs[np.arange(n_nom)[None, :], ync], mn.astype(float))
    prior = np.linalg.inv(model.corr)
    theta = np.zeros((n, n_traits))
    active = np.arange(n)

    def pieces(th: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, ...]:
        pb = expit(th @ w.T + c)
        grad = ((tb[rows] - pb) * mb[rows]) @ w
        info = ((pb * (1 - pb)) * mb[rows]) @ ww
        eta = bc[None] + (th @ flat.T).reshape(len(rows), n_nom, n_cat)
        top = eta.max(axis=2, keepdims=True)
        e = np.exp(eta - top)
        total = e.sum(axis=2, keepdims=True)
        logp = eta - top - np.log(total)
        pn = e * (mn[rows][:, :, None] / total)
        # batched matmuls (BLAS) instead of einsum: per item, then per attempt
        expected = np.matmul(pn.transpose(1, 0, 2), bs).transpose(1, 0, 2)
        grad += observed_sum[rows] - expected.sum(axis=1)
        info += pn.reshape(len(rows), -1) @ outer
        info = info.reshape(len(rows), n_traits, n_traits)
        info -= np.matmul(expected.transpose(0, 2, 1), expected)
        return grad, info, pb, logp

    for _ in range(iterations):
        if not active.size:
            break
        th = theta[active]
        grad, info, _, _ = pieces(th, active)
        step = np.linalg.solve(info + prior, (grad - th @ prior)[:, :, None])[:, :, 0]
        biggest = np.abs(step).max(axis=1)
        step *= np.minimum(1.0, _MAX_STEP / np.maximum(biggest, 1e-12))[:, None]
        theta[active] = th + step
        active = active[biggest >= 1e-3]
    rows = np.arange(n)
    _, info, pb, logp = pieces(theta, rows)
    cov = np.linalg.inv(info + prior)
    se = np.sqrt(np.diagonal(cov, axis1=1, axis2=2))
    lb = np.log(np.clip(pb, 1e-300, 1)), np.log(np.clip(1 - pb, 1e-300, 1))
    e_b = pb * lb[0] + (1 - pb) * lb[1]
    v_b = pb * lb[0] ** 2 + (1 - pb) * lb[1] ** 2 - e_b**2
    pn = np.exp(logp)
    finite = np.where(np.isfinite(logp), logp, 0.0)
    e_n = (pn * finite).sum(axis=2)
    v_n = (pn * finite**2).sum(axis=2) - e_n**2
    ll_n = np.take_along_axis(finite, ync[:, :, None], axis=2)[:, :, 0] * mn
    ll_b = np.where(tb > 0, lb[0], lb[1]) * mb
    late = np.zeros(n_ind, dtype=bool) if model.late is None else model.late
    late_b, late_n = late[binary], late[~binary]
    late_lz = _standardised_fit(
        ll_b[:, late_b].sum(axis=1) + ll_n[:, late_n].sum(axis=1),
        (e_b * mb)[:, late_b].sum(axis=1) + (e_n * mn)[:, late_n].sum(axis=1),
        (v_b * mb)[:, late_b].sum(axis=1) + (v_n * mn)[:, late_n].sum(axis=1),
    )
    chance = mb.sum(axis=1) * np.log(0.5) - mn @ np.log(np.isfinite(bc).sum(axis=1))
    ll = ll_b.sum(axis=1) + ll_n.sum(axis=1)
    evidence = (
        ll
        - 0.5 * np.einsum("nt,ts,ns->n", theta, prior, theta)
        + 0.5 * np.linalg.slogdet(prior)[1]
        - 0.5 * np.linalg.slogdet(info + prior)[1]
        - chance
    )
    return (
        theta,
        se,
        np.diagonal(info, axis1=1, axis2=2).copy(),
        (y >= 0).sum(axis=1),
        ll,
        (e_b * mb).sum(axis=1) + (e_n * mn).sum(axis=1),
        (v_b * mb).sum(axis=1) + (v_n * mn).sum(axis=1),
        evidence,
        late_lz,
    )


def _standardised_fit(ll: np.ndarray, expected: np.ndarray, variance: np.ndarray) -> np.ndarray:
    """``lz = (loglik − expected) / √variance``; 0 where nothing was answered."""
    return np.where(variance > 0, (ll - expected) / np.sqrt(np.maximum(variance, 1e-9)), 0.0)


def score(model: TirtModel, codes: np.ndarray, iterations: int = 15) -> TirtScores:
    """MAP scores and SEs for a code matrix from ``encode_responses`` (−1 = unanswered).

    Also returns the ingredients of the standardized person-fit statistic
    ``lz = (loglik − expected) / √variance`` used by the quality flags.
    """
    y = codes[:, model.columns].astype(np.intp)
    out = [_score_chunk(model, y[s : s + _CHUNK], iterations) for s in range(0, len(y), _CHUNK)]
    parts = [np.concatenate([o[j] for o in out]) for j in range(9)] if out else [np.empty(0)] * 9
    t = len(model.trait_ids)
    theta, se, info = parts[0], parts[1], parts[2]
    nuisance = bool(model.nuisance_ids) and theta.ndim == 2
    traits = theta[:, :t] if nuisance else theta
    if nuisance and model.correction is not None:
        traits = traits - theta[:, t : t + 1] * model.correction[None, :]
    return TirtScores(
        model.trait_ids,
        traits,
        se[:, :t] if nuisance else se,
        info[:, :t] if nuisance else info,
        *parts[3:7],
        evidence_vs_chance=parts[7],
        idealising=theta[:, t] if nuisance else None,
        idealising_se=se[:, t] if nuisance else None,
        late_fit=parts[8],
    )


def person_fit(scores: TirtScores) -> np.ndarray:
    """Standardized log-likelihood ``lz`` of each attempt (low = answers fit no θ)."""
    return _standardised_fit(scores.loglik, scores.expected_loglik, scores.loglik_variance)


def _fit_block(
    theta: np.ndarray,
    y: np.ndarray,
    stmt_traits: list[int],
    keyed: list[str],
    start: dict,
    phi: int | None,
) -> dict[str, list[float]]:
    """ML fit of one block's μ and γ (first of each fixed at 0) and signed λ given the
    trait (and idealising) scores."""
    n_s = len(keyed)
    pairs = [(i, k) for i in range(n_s) for k in range(i + 1, n_s)]
    th = theta[:, stmt_traits]
    f = theta[:, phi] if phi is not None else np.zeros(len(theta))
    n_g = n_s - 1 if phi is not None else 0

    def nll(x: np.ndarray) -> tuple[float, np.ndarray]:
        mu = np.concatenate([[0.0], x[: n_s - 1]])
        lam = x[n_s - 1 : 2 * n_s - 1]
        gamma = np.concatenate([[0.0], x[2 * n_s - 1 :]]) if n_g else np.zeros(n_s)
        total, g_mu, g_lam, g_gam = 0.0, np.zeros(n_s), np.zeros(n_s), np.zeros(n_s)
        for col, (i, k) in enumerate(pairs):
            obs = y[:, col] >= 0
            z = (
                mu[i] - mu[k] + lam[i] * th[obs, i] - lam[k] * th[obs, k]
                + (gamma[i] - gamma[k]) * f[obs]
            )
            target = y[obs, col]
            total -= np.sum(target * z - np.logaddexp(0.0, z))
            resid = target - expit(z)
            g_mu[i] -= resid.sum()
            g_mu[k] += resid.sum()
            g_lam[i] -= resid @ th[obs, i]
            g_lam[k] += resid @ th[obs, k]
            g_gam[i] -= resid @ f[obs]
            g_gam[k] += resid @ f[obs]
        total += _RIDGE * np.sum(x**2) * len(y) / 1000
        grad = np.concatenate([g_mu[1:], g_lam, g_gam[1:] if n_g else []])
        return total, grad + 2 * _RIDGE * x * len(y) / 1000

    mu0 = np.asarray(start["mu"], dtype=np.float64)
    g0 = np.asarray(start.get("gamma", [0.0] * n_s), dtype=np.float64)
    x0 = np.concatenate([mu0[1:] - mu0[0], start["lam"], (g0[1:] - g0[0]) if n_g else []])
    bounds = (
        [(-6, 6)] * (n_s - 1)
        + [(0.05, 4.0) if k == "positive" else (-4.0, -0.05) for k in keyed]
        + [(-4, 4)] * n_g
    )
    res = minimize(nll, x0, jac=True, method="L-BFGS-B", bounds=bounds)
    out = {
        "mu": [0.0, *(round(float(v), 4) for v in res.x[: n_s - 1])],
        "lam": [round(float(v), 4) for v in res.x[n_s - 1 : 2 * n_s - 1]],
    }
    if n_g:
        out["gamma"] = [0.0, *(round(float(v), 4) for v in res.x[2 * n_s - 1 :])]
    return out


def _fit_nominal(theta: np.ndarray, y: np.ndarray, n_cat: int) -> dict[str, list]:
    """ML fit of a nominal item (category 0 as reference) given trait scores."""
    obs = y >= 0
    x = np.column_stack([np.ones(obs.sum()), theta[obs]])
    target = np.eye(n_cat)[y[obs]]
    n_feat = x.shape[1]

    def nll(flat: np.ndarray) -> tuple[float, np.ndarray]:
        w = np.vstack([np.zeros(n_feat), flat.reshape(n_cat - 1, n_feat)])
        logp = log_softmax(x @ w.T, axis=1)
        penalty = _RIDGE * np.sum(flat**2) * len(x) / 1000
        grad = -((target - np.exp(logp)).T @ x)[1:].ravel() + 2 * _RIDGE * flat * len(x) / 1000
        return -np.sum(target * logp) + penalty, grad

    res = minimize(nll, np.zeros((n_cat - 1) * n_feat), jac=True, method="L-BFGS-B")
    w = np.vstack([np.zeros(n_feat), res.x.reshape(n_cat - 1, n_feat)])
    return {"c": np.round(w[:, 0], 4).tolist(), "b": np.round(w[:, 1:], 4).tolist()}


def _fit_criterion(theta: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """ML logistic fit of one rubric criterion (met: code ≥ ``MET_CODE``) on its trait."""
    obs = y >= 0
    x, met = theta[obs], (y[obs] >= MET_CODE).astype(np.float64)
    n = max(len(x), 1)

    def nll(v: np.ndarray) -> tuple[float, np.ndarray]:
        z = v[0] + v[1] * x
        resid = met - expit(z)
        penalty = _RIDGE * np.sum(v**2) * n / 1000
        grad = -np.array([resid.sum(), resid @ x]) + 2 * _RIDGE * v * n / 1000
        return float(np.sum(np.logaddexp(0.0, z) - met * z)) + penalty, grad

    res = minimize(nll, np.array([0.0, 0.6]), jac=True, method="L-BFGS-B",
                   bounds=[(-6, 6), (0.0, 4.0)])
    return {"c": round(float(res.x[0]), 4), "b": round(float(res.x[1]), 4)}


def idealising_slopes(scores: TirtScores) -> np.ndarray | None:
    """Least-squares slope of each trait estimate on the idealising estimate."""
    if scores.idealising is None or len(scores.theta) < 2:
        return None
    phi = scores.idealising - scores.idealising.mean()
    theta = scores.theta - scores.theta.mean(axis=0)
    return (phi @ theta) / max(float(phi @ phi), 1e-12)


@dataclass(frozen=True)
class Calibration:
    """A fitted model and how the fit went."""

    model: TirtModel
    rounds: int
    n: int
    changes: tuple[float, ...]


def _standardised(scores: TirtScores, n_traits: int) -> tuple[np.ndarray, np.ndarray]:
    theta = scores.theta
    if scores.idealising is not None:
        theta = np.column_stack([theta, scores.idealising])
    theta = (theta - theta.mean(axis=0)) / theta.std(axis=0)
    corr = np.corrcoef(theta, rowvar=False)
    corr[n_traits:, :] = corr[:, n_traits:] = 0.0
    np.fill_diagonal(corr, 1.0)
    return theta, corr


def calibrate(
    instrument: Instrument,
    plan: ScoringPlan,
    codes: np.ndarray,
    version: str,
    rounds: int = 6,
    exclude: Sequence[bool] | None = None,
    work_sample: bool = True,
    correct_idealising: bool = True,
) -> Calibration:
    """Fit every block's and item's parameters from a calibration sample's codes.

    Two stages, so that idealising is not mistaken for trait. First the *anchors* —
    ranking blocks (hard to fake) and the validity statements (which measure
    idealising) — are fitted, alternating MAP scores and item fits. Then every Likert
    item and situation is fitted once against those anchor scores: whatever part of its
    answers goes with idealising rather than with the block-based trait estimate becomes
    its slope on ``φ``. (Refitting them jointly would let the trait estimates absorb
    the idealising, since those items would then dominate the estimates.) The written
    reply's rubric criteria are fitted in that second stage too. Last, the
    ``idealising_correction`` slopes are fitted on the calibration sample's estimates.

    ``exclude`` marks attempts to leave out (e.g. flagged careless responders);
    ``work_sample`` and ``correct_idealising`` off give the rules before version 4.
    """
    design = _design(instrument, plan, work_sample)
    if exclude is not None:
        codes = codes[~np.asarray(exclude, dtype=bool)]
    n_traits = len(design.trait_ids)
    phi = n_traits if design.nuisance_ids else None
    anchors = {i for i, _, _, _ in design.blocks} | {
        i for i, _, _, traits in design.nominal if len(traits) == 1 and traits[0] >= n_traits
    }
    anchored = codes.copy()
    for item_id, col, _, _ in design.nominal:
        if item_id not in anchors:
            anchored[:, col] = -1
    for _, col, _, _ in design.criteria:
        anchored[:, col] = -1
    params = _starting_parameters(instrument, design)
    model = build_model(instrument, plan, params, version=version, work_sample=work_sample)
    changes = []
    for _ in range(rounds):
        theta, corr = _standardised(score(model, anchored, iterations=15), n_traits)
        new: dict[str, Any] = dict(params)
        for item_id, stmt_traits, keyed, pairs in design.blocks:
            y = codes[:, [c for _, _, c in pairs]].astype(np.intp)
            new[item_id] = _fit_block(theta, y, stmt_traits, keyed, params[item_id], phi)
        for item_id, col, n_cat, traits in design.nominal:
            if item_id in anchors:
                y = codes[:, col].astype(np.intp)
                new[item_id] = _fit_nominal(theta[:, traits], y, n_cat)
        previous = model
        model = build_model(
            instrument, plan, new, corr=corr, version=version, work_sample=work_sample
        )
        finite = np.isfinite(model.intercepts)
        change = float(
            np.abs(model.slopes - previous.slopes).max()
            + np.abs(model.intercepts[finite] - previous.intercepts[finite]).max()
        )
        changes.append(change)
        params = new
        if change < 0.02:
            break
    theta, corr = _standardised(score(model, anchored, iterations=15), n_traits)
    for item_id, col, n_cat, traits in design.nominal:
        if item_id not in anchors:
            params[item_id] = _fit_nominal(theta[:, traits], codes[:, col].astype(np.intp), n_cat)
    for key, col, _, trait in design.criteria:
        params[key] = _fit_criterion(theta[:, trait], codes[:, col].astype(np.intp))
    model = build_model(
        instrument, plan, params, corr=corr, version=version, work_sample=work_sample
    )
    slopes = idealising_slopes(score(model, codes)) if correct_idealising else None
    if slopes is not None:
        model = build_model(
            instrument,
            plan,
            params,
            corr=corr,
            version=version,
            correction=np.round(slopes, 4),
            work_sample=work_sample,
        )
    return Calibration(model, len(changes), len(codes), tuple(changes))


def model_from_dict(instrument: Instrument, plan: ScoringPlan, data: dict[str, Any]) -> TirtModel:
    """Rebuild a stored calibration (see ``TirtModel.to_dict``); ``ValueError`` if it does
    not fit the instrument. Calibrations without rubric-criterion parameters score without
    the written reply, and without ``idealising_correction`` without that rule (the rules
    of the version they were made with)."""
    items = data.get("items", {})
    work_sample = any(key in items for key, _, _, _ in _design(instrument, plan).criteria)
    design = _design(instrument, plan, work_sample)
    if list(data.get("trait_ids", [])) != list(design.trait_ids):
        raise ValueError("calibration: trait_ids do not match the instrument")
    expected = {b[0] for b in design.blocks} | {n[0] for n in design.nominal}
    expected |= {c[0] for c in design.criteria}
    missing = sorted(expected - set(items))
    if missing:
        raise ValueError(f"calibration: no parameters for {', '.join(missing[:5])}")
    corr = np.asarray(data["corr"])
    stored = data.get("idealising_correction")
    correction = None if stored is None else np.array([float(stored[t]) for t in design.trait_ids])
    return build_model(
        instrument,
        plan,
        items,
        corr=corr,
        version=data["version"],
        correction=correction,
        work_sample=work_sample,
    )
