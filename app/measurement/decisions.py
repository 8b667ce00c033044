"""Keeping a what-if: the changed job-profile (or new norm-table) YAML for authors to
commit to assessments/, logged with the impact that was shown first. Nothing is
written into assessments/ at run time: content is data."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import yaml

from app.content.models import get_document
from app.extensions import db
from app.hiring.catalog import setup_for
from app.identity.models import User
from app.measurement.fairness import WhatIf, cut_score_what_if, weights_what_if
from app.measurement.models import MeasurementDecision
from app.psychometrics import JobProfile


class MeasurementError(ValueError):
    """A request the measurement pages cannot carry out; the message says why."""


def yaml_number(value: Fraction) -> int | float:
    """An exact number as YAML writes it: whole numbers as ints, else the decimal."""
    return value.numerator if value.denominator == 1 else float(value)


def profile_yaml(profile_id: str, changes: dict[str, Any]) -> str:
    """The profile's file as loaded, with `changes`, validated by the content schema."""
    document = get_document("job_profile", profile_id)
    if document is None:
        raise MeasurementError(f"Job profile '{profile_id}' is not loaded.")
    data = {**document.data["data"], **changes}
    try:
        JobProfile.model_validate(data)
    except ValueError as exc:
        raise MeasurementError(f"The changed profile would not be valid: {exc}") from None
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def _impact_details(what_if: WhatIf) -> dict[str, Any]:
    return {
        "applicants": what_if.applicants, "passed": what_if.passed,
        "current_passed": what_if.current_passed, "new_flags": what_if.new_flags,
        "flagged": {t.dimension: list(t.flagged) for t in what_if.tables},
    }


def _check_acknowledged(what_if: WhatIf, acknowledged: bool) -> None:
    if what_if.new_flags and not acknowledged:
        raise MeasurementError(
            "This change would create adverse impact for " + "; ".join(what_if.new_flags)
            + ". Tick the acknowledgement and give the job-related reason before saving.")


def _log(user: User, kind: str, subject: str, summary: str, details: dict[str, Any],
         filename: str, text: str) -> MeasurementDecision:
    decision = MeasurementDecision(kind=kind, subject=subject, user_id=user.id, summary=summary,
                                   details=details, filename=filename, yaml_text=text)
    db.session.add(decision)
    db.session.flush()
    return decision


def _reason(rationale: str) -> str:
    reason = (rationale or "").strip()
    if len(reason) < 10:
        raise MeasurementError("Give a reason of at least a few words; it is kept on record.")
    return reason[:2000]


def record_cut_score(user: User, profile_id: str, cut: Fraction, rationale: str,
                     acknowledged: bool) -> MeasurementDecision:
    """Log a new cut score for `profile_id` with its YAML; refuses a change that creates
    adverse impact unless it was acknowledged."""
    reason = _reason(rationale)
    old = setup_for(profile_id).profile.cut_score
    if cut == old:
        raise MeasurementError(f"The cut score is already {float(old):g}.")
    what_if = cut_score_what_if(profile_id, cut)
    _check_acknowledged(what_if, acknowledged)
    text = profile_yaml(profile_id, {"cut_score": yaml_number(cut)})
    details = {"old": str(old), "new": str(cut), "reason": reason,
               "acknowledged": acknowledged, **_impact_details(what_if)}
    return _log(user, "cut_score", profile_id,
                f"Cut score {float(old):g} → {float(cut):g}", details,
                f"job_profiles/{profile_id}.yaml", text)


def record_weights(user: User, profile_id: str, weights: dict[str, Fraction], rationale: str,
                   acknowledged: bool) -> MeasurementDecision:
    """Log new trait weights (e.g. the validity study's suggestion) with their YAML."""
    reason = _reason(rationale)
    old = setup_for(profile_id).profile.weights
    what_if = weights_what_if(profile_id, weights)
    _check_acknowledged(what_if, acknowledged)
    text = profile_yaml(profile_id, {"weights": {t: yaml_number(w) for t, w in weights.items()}})
    details = {"old": {t: str(w) for t, w in old.items()},
               "new": {t: str(w) for t, w in weights.items()}, "reason": reason,
               "acknowledged": acknowledged, **_impact_details(what_if)}
    return _log(user, "weights", profile_id, "Trait weights from the validity study", details,
                f"job_profiles/{profile_id}.yaml", text)


def record_norm_table(user: User, table: dict[str, Any], details: dict[str, Any]
                      ) -> MeasurementDecision:
    """Log a newly built norm table; its YAML is for authors to commit to norms/."""
    text = yaml.safe_dump(table, sort_keys=False, allow_unicode=True)
    return _log(user, "norm_table", table["id"],
                f"Norm table {table['id']} (n = {table['sample']['size']})", details,
                f"norms/{table['id']}.yaml", text)


def record_norm_switch(user: User, profile_id: str, norm_id: str, details: dict[str, Any]
                       ) -> MeasurementDecision:
    """Log a job profile's switch to another loaded norm-table version."""
    text = profile_yaml(profile_id, {"norm_table": norm_id})
    return _log(user, "norm_switch", profile_id, f"Use norm table {norm_id}", details,
                f"job_profiles/{profile_id}.yaml", text)
