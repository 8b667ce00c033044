"""The technical report per instrument (reliability, norms, impact, validity, sample
sizes, date) for HR's records, and the charts the pages share."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from app.hiring.catalog import current_catalog
from app.identity.models import User
from app.measurement import fairness, quality
from app.measurement.records import visible_profiles
from app.measurement.validity import OUTCOMES, run_validity
from app.orm import utcnow
from app.pdf import render_pdf
from app.psychometrics.validity import ValidityReport
from app.reports.charts import hbar_chart, line_chart


def learning_chart(study: ValidityReport) -> Markup:
    """Cross-validated learning curve: training and held-out fit against sample size."""
    return line_chart(
        [str(s) for s in study.curve_sizes],
        {"training": list(study.curve_train), "held-out": list(study.curve_test)},
        title=f"Learning curve ({study.metric} by number of hires used for fitting)",
        y_max=1.0, y_format="{:.2f}",
    )


def alpha_chart(traits: list[quality.TraitReliability]) -> Markup:
    shown = [t for t in traits if t.report is not None]
    return hbar_chart([t.name for t in shown], [max(t.report.alpha, 0.0) for t in shown],
                      title="Cronbach's alpha per trait", max_value=1.0,
                      marks=[(0.7, ".70")], value_format="{:.2f}")


def technical_report_context(user: User, instrument_id: str) -> dict[str, Any]:
    catalog = current_catalog()
    analysis = quality.analyse_instrument(instrument_id)
    profiles = []
    for profile_id in visible_profiles(user):
        profile = catalog.job_profiles[profile_id]
        if profile.instrument != instrument_id:
            continue
        applicants, hurdle, decided = fairness.hurdle_impact(profile_id)
        data, study, problem = run_validity(profile_id, "qa_mean")
        profiles.append({"profile": profile, "norms": catalog.norm_tables[profile.norm_table],
                         "applicants": applicants, "hurdle": hurdle, "decided": decided,
                         "data": data, "study": study, "problem": problem})
    return {"analysis": analysis, "profiles": profiles, "generated": utcnow(),
            "alpha_chart": alpha_chart(analysis.traits), "outcome_label": OUTCOMES["qa_mean"][0]}


def render_technical_report(user: User, instrument_id: str) -> bytes:
    return render_pdf("measurement/report_pdf.html",
                      **technical_report_context(user, instrument_id))
