"""Adverse impact and the cut-score what-if on hand-checkable fixtures."""

from datetime import datetime
from fractions import Fraction
from pathlib import Path

import pytest
from scipy.stats import fisher_exact

from app.measurement import decisions, fairness
from app.measurement.decisions import MeasurementError
from app.measurement.models import MeasurementDecision, SelfIdentification
from app.measurement.records import ScoredRecord
from tests.fixtures.app import ROOT

PROFILE = "contact-center-agent"


@pytest.fixture
def sexes(make_scored):
    """Cut 46: men 6 of 8 pass (3/4), women 6 of 10 (3/5), 'another' 3 of 3 (suppressed)."""
    for c in ["50"] * 6 + ["40"] * 2:
        make_scored(c, sex="male")
    for c in ["50"] * 3 + ["47"] * 3 + ["40"] * 4:
        make_scored(c, sex="female")
    for _ in range(3):
        make_scored("50", sex="another")
    make_scored("60", failed=("integrity",), sex="prefer_not")


def _table(tables, dimension):
    return next(t for t in tables if t.dimension == dimension)


def test_exactly_four_fifths_is_not_flagged(content, sexes):
    _, hurdle, _ = fairness.hurdle_impact(PROFILE)
    sex = _table(hurdle, "sex")
    rows = {r.label: r for r in sex.rows}
    assert rows["Male"].rate == Fraction(3, 4) and rows["Male"].reference
    assert rows["Female"].rate == Fraction(3, 5)
    assert rows["Female"].ratio == Fraction(4, 5) and not rows["Female"].adverse
    assert rows["Female"].p_value == pytest.approx(fisher_exact([[6, 4], [6, 2]]).pvalue)
    assert rows["Another sex"].applicants is None and rows["Another sex"].rate is None
    assert sex.undisclosed == 1 and sex.flagged == ()


def test_raising_the_cut_warns_before_creating_adverse_impact(content, sexes):
    what_if = fairness.cut_score_what_if(PROFILE, Fraction(48))
    assert (what_if.applicants, what_if.passed, what_if.current_passed) == (22, 12, 15)
    assert what_if.pass_rate == Fraction(12, 22)
    female = next(r for r in _table(what_if.tables, "sex").rows if r.label == "Female")
    assert female.ratio == Fraction(2, 5) and female.adverse  # (3/10) / (3/4)
    assert what_if.new_flags == ["Sex: Female"]
    assert what_if.monthly_volume == 22


def test_the_cut_is_inclusive_and_exact(content, make_scored):
    make_scored("2301/50")  # 46.02
    assert fairness.cut_score_what_if(PROFILE, Fraction("46.02")).passed == 1
    assert fairness.cut_score_what_if(PROFILE, Fraction("46.03")).passed == 0


def test_saving_an_adverse_cut_needs_an_acknowledgement(content, sexes, users):
    profile_file = ROOT / "assessments/job_profiles/contact-center-agent.yaml"
    before = profile_file.read_text()
    with pytest.raises(MeasurementError, match="adverse impact for Sex: Female"):
        decisions.record_cut_score(users["recruiter"], PROFILE, Fraction(48),
                                   "Interview capacity is limited this quarter.", False)
    kept = decisions.record_cut_score(users["recruiter"], PROFILE, Fraction(48),
                                      "Interview capacity is limited this quarter.", True)
    assert isinstance(kept, MeasurementDecision) and kept.kind == "cut_score"
    assert "cut_score: 48\n" in kept.yaml_text
    assert "norm_table: service-aptitude-v1" in kept.yaml_text
    assert kept.details["new_flags"] == ["Sex: Female"] and kept.details["acknowledged"]
    assert kept.filename == "job_profiles/contact-center-agent.yaml"
    assert Path(profile_file).read_text() == before  # content is data: nothing written


def test_a_half_point_cut_is_written_as_a_decimal(content, sexes, users):
    kept = decisions.record_cut_score(users["recruiter"], PROFILE, Fraction("45.5"),
                                      "Slightly more interviews are possible now.", False)
    assert "cut_score: 45.5\n" in kept.yaml_text


def test_uniform_guidelines_example():
    """29 CFR 1607.4D example: 48 of 80 whites (60 %), 12 of 40 blacks (30 %) → 1/2."""
    records, selfids = [], {}
    for i, (race, passed) in enumerate([("white", True)] * 48 + [("white", False)] * 32
                                       + [("black", True)] * 12 + [("black", False)] * 28):
        records.append(ScoredRecord(i, i, i, "p", datetime(2026, 1, 1), {"hurdle": {}}, {},
                                    "hired" if passed else "not_progressed", None, False))
        selfids[i] = SelfIdentification(invitation_id=i, race_ethnicity=race)
    tables = fairness.impact_tables(records, selfids, lambda r: r.decision == "hired")
    race = _table(tables, "race_ethnicity")
    black = next(r for r in race.rows if r.label == "Black or African American")
    assert black.rate == Fraction(3, 10) and black.ratio == Fraction(1, 2) and black.adverse
    assert race.flagged == ("Black or African American",)
    assert _table(tables, "sex").undisclosed == 120
