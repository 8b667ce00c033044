"""One attempt scored with the Thurstonian model, as plain data for the recruiter pages.

The rules are those of ``trait_scoring``; this module turns the estimates of a single
attempt into the same shape of result as the summed scoring (traits, hurdle, work
sample, probes), plus each trait's standard error and interval, the validity scale and
the quality flags, each with its rule in plain words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from app.psychometrics.batch import ScoringPlan, compile_plan, encode_responses
from app.psychometrics.instrument import Instrument
from app.psychometrics.item_models import WorkSampleItem
from app.psychometrics.norms import NormTable, percentile_from_t
from app.psychometrics.profiles import JobProfile
from app.psychometrics.scoring import CLOSE_TO_CUT_NOTE, HIGH_T, LOW_T, RECOMMENDATIONS
from app.psychometrics.thurstonian import TirtModel, model_from_dict
from app.psychometrics.trait_scoring import (
    FAST_SHARE,
    IDEALISED_AT,
    PATTERN_SHARE,
    SE_INCOMPLETE,
    TraitNorms,
    decide,
    quality_flags,
    score_traits,
)
from app.psychometrics.work_sample import evaluate_work_sample

INTERVAL_Z = 1.645
VALIDITY_RULE = (
    "The test includes {n} statements that almost nobody can truthfully claim, such as never "
    "having been annoyed with a customer. Agreeing with {at} or more of them marks the "
    "profile as possibly idealised. The trait scores already leave out the part of the "
    "answers that goes with idealising; check the strongest traits with the interview "
    "questions before relying on them."
)
CORRECTION_RULE = (
    " Idealising also adjusts the trait scores: in the calibration sample the trait scores "
    "rose with the idealising score although the test's model says they should not, so that "
    "rise is taken off each trait. A candidate who idealises one standard deviation more "
    "than average loses at most {most:.1f} T points on a trait (the most on {trait}); one "
    "who idealises less than average gains as much."
)
REPLY_RULE = (
    "Each criterion of the written reply's checklist counts as evidence for its trait "
    "when the reply scorer finds it met (for example, a clear next step for "
    "responsiveness), but only in a reply that is not capped at 2 of 5 for a wrong, hidden "
    "or forbidden fact: courtesy in a wrong reply is no evidence. Where a recruiter rated "
    "the reply, their overall decides that cap."
)
FLAG_MESSAGES = {
    "too_fast": (
        f"At least {FAST_SHARE:.0%} of the answers came faster than a person can read the "
        "item."
    ),
    "random_answers": (
        "The answers fit random clicking about as well as any real trait profile: they "
        "may not describe the candidate."
    ),
    "late_misfit": (
        "The answers in the second half of the test fit the candidate's own profile much "
        "worse than attentive candidates' answers do (as if the candidate stopped reading "
        "part-way): scores rest mostly on the first half."
    ),
    "patterned": (
        f"At least {PATTERN_SHARE:.0%} of the ranking sets were put in the order the "
        "statements are listed, or in exactly the reverse order (by chance about a third "
        "would be): the answers may follow a clicking pattern rather than the content."
    ),
}


_compiled_models: dict[tuple, tuple[ScoringPlan, TirtModel]] = {}


def _compiled(instrument: Instrument, table: NormTable) -> tuple[ScoringPlan, TirtModel]:
    key = (instrument.id, len(instrument.items), table.id, table.version, id(table.calibration))
    if key not in _compiled_models:
        plan = compile_plan(instrument)
        _compiled_models.clear()
        _compiled_models[key] = plan, model_from_dict(instrument, plan, table.calibration or {})
    return _compiled_models[key]


def _norms(table: NormTable, trait_ids: tuple[str, ...]) -> TraitNorms:
    return TraitNorms(
        version=f"{table.id} v{table.version}",
        trait_ids=trait_ids,
        mean=np.array([float(table.traits[t].mean) for t in trait_ids]),
        sd=np.array([float(table.traits[t].sd) for t in trait_ids]),
        n=table.sample.size,
    )


def _correction_rule(model: TirtModel, norms: TraitNorms) -> str:
    if model.correction is None or not len(model.correction):
        return ""
    per_sd = 10.0 * model.correction / norms.sd
    j = int(np.argmax(np.abs(per_sd)))
    return CORRECTION_RULE.format(most=abs(float(per_sd[j])), trait=model.trait_ids[j]
                                  .replace("_", " "))


def _reply_in_model(model: TirtModel, plan: ScoringPlan, instrument: Instrument) -> bool:
    cols = {c for i in instrument.items if isinstance(i, WorkSampleItem)
            for c in plan.item_columns[i.id]}
    return bool(cols & set(model.columns.tolist()))


def _band(t: float) -> str:
    return "low" if t < LOW_T else "high" if t >= HIGH_T else "typical"


def score_attempt_traits(
    instrument: Instrument,
    answers: Mapping[str, Any],
    timings_ms: Mapping[str, float],
    table: NormTable,
    profile: JobProfile,
) -> dict[str, Any]:
    """Score one attempt's validated answers; JSON-safe result."""
    plan, model = _compiled(instrument, table)
    codes = encode_responses(instrument, plan, [answers])
    scores = score_traits(instrument, plan, model, codes)
    norms = _norms(table, model.trait_ids)
    result = decide(norms, scores, profile)
    t_scores, se_t = norms.t_scores(scores)[0], norms.se_t(scores)[0]
    timing = np.array([[timings_ms.get(i.id, np.nan) for i in instrument.items]])
    version_5_rules = table.late_fit_threshold is not None
    fast, random_answers, late_misfit, patterned = quality_flags(
        instrument, scores, timing, table.fit_threshold, table.late_fit_threshold,
        PATTERN_SHARE if version_5_rules else None,
    )[0]
    traits = []
    for j, trait_id in enumerate(model.trait_ids):
        trait = instrument.trait(trait_id)
        t, se = float(t_scores[j]), float(se_t[j])
        complete = bool(scores.se[0, j] <= SE_INCOMPLETE)
        band = _band(t) if complete else None
        text = getattr(trait, band) if band else None
        traits.append({
            "id": trait_id, "name": trait.name, "t_score": round(t, 1) if complete else None,
            "se_t": round(se, 1), "low": round(t - INTERVAL_Z * se, 1),
            "high": round(t + INTERVAL_Z * se, 1), "percentile": percentile_from_t(t),
            "band": band, "complete": complete, "sem_t": round(se, 1),
            "definition": trait.definition, "raw": None,
            "meaning": text.means if text else "Too few answers to estimate this trait.",
            "what_to_do": text.what_to_do if text else "Review the attempt.",
        })
    decision = str(result.decision[0])
    composite = float(result.composite[0])
    cut = float(profile.cut_score)
    failed = tuple(
        t for t, minimum in profile.minimums.items()
        if t_scores[model.trait_ids.index(t)] < float(minimum)
    )
    close = bool(result.within_error[0])
    recommendation = RECOMMENDATIONS[decision] + (f" {CLOSE_TO_CUT_NOTE}" if close else "")
    n_validity = int(scores.validity_answered[0])
    idealised = int(scores.idealised_count[0])
    flagged_idealised = idealised >= IDEALISED_AT
    ranked = sorted(traits, key=lambda t: t["t_score"] if t["t_score"] is not None else 50)
    probe_traits = ranked[-3:][::-1] if flagged_idealised else ranked[:3]
    work_sample = {
        item.id: [
            {"id": c.id, "label": c.label, "met": c.met, "points": c.points,
             "max_points": c.max_points, "evidence": c.evidence}
            for c in evaluate_work_sample(item, answers[item.id])
        ]
        for item in instrument.items
        if isinstance(item, WorkSampleItem) and answers.get(item.id)
    }
    flags = [
        {"code": code, "message": FLAG_MESSAGES[code]}
        for code, on in (
            ("too_fast", fast),
            ("random_answers", random_answers),
            ("late_misfit", late_misfit),
            ("patterned", patterned),
        )
        if on
    ]
    return {
        "scoring": "thurstonian",
        "instrument": instrument.id,
        "norm_table": table.id,
        "calibration": model.version,
        "profile": profile.id,
        "answered": sum(1 for i in instrument.items if i.id in answers),
        "total_items": len(instrument.items),
        "traits": traits,
        "work_sample": work_sample,
        "hurdle": {
            "decision": decision, "recommendation": recommendation,
            "composite": round(composite, 2), "composite_exact": None, "cut_score": cut,
            "sem": round(float(result.composite_se[0]), 2), "close_to_cut": close,
            "failed_minimums": list(failed),
            "incomplete_traits": [
                t for t, weak in zip(model.trait_ids, result.incomplete_traits[0], strict=True)
                if weak
            ],
        },
        "validity": {
            "agreed": idealised, "answered": n_validity, "threshold": IDEALISED_AT,
            "flagged": flagged_idealised,
            "rule": VALIDITY_RULE.format(n=n_validity or "ten", at=IDEALISED_AT)
            + _correction_rule(model, norms),
        },
        "reply_rule": REPLY_RULE if _reply_in_model(model, plan, instrument) else None,
        "flags": flags,
        "probes": [
            {"trait": t["name"], "question": q}
            for t in probe_traits for q in instrument.trait(t["id"]).probes[:1]
        ],
    }
