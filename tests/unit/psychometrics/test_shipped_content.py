"""The shipped service-aptitude content loads and meets the required counts."""

from __future__ import annotations

from collections import Counter

from app.psychometrics import LikertItem, SjtItem, parse_catalog

from .samples import ASSESSMENTS

PERSONALITY = {
    "empathy",
    "resilience",
    "objectivity",
    "stress_resistance",
    "initiative",
    "responsiveness",
    "relationship_building",
    "problem_solving",
    "positive_attitude",
}


def test_whole_tree_is_valid():
    catalog, problems = parse_catalog(ASSESSMENTS)
    assert [str(p) for p in problems] == []
    assert set(catalog.job_profiles) >= {"contact-center-agent", "email-chat-specialist"}


def test_traits(shipped):
    instrument, norms, _ = shipped
    assert set(instrument.trait_ids) == PERSONALITY | {"integrity"}
    assert set(norms.traits) == set(instrument.trait_ids)


def test_likert_counts_and_reverse_keys(shipped):
    instrument, _, _ = shipped
    likert = [i for i in instrument.items if isinstance(i, LikertItem)]
    per_trait = Counter(i.trait for i in likert)
    reversed_ = Counter(i.trait for i in likert if i.reverse)
    assert set(per_trait) == PERSONALITY
    assert min(per_trait.values()) >= 8
    assert min(reversed_[t] for t in PERSONALITY) >= 2
    assert sum(1 for i in likert if i.pair_with) >= 3


def test_scenarios_ethics_forced_choice_and_work_sample(shipped):
    instrument, _, _ = shipped
    kinds = Counter(i.kind for i in instrument.items)
    sjt = [i for i in instrument.items if isinstance(i, SjtItem)]
    ethics = [i for i in sjt if i.theme == "ethics"]
    general = [i for i in sjt if i.theme != "ethics"]
    assert len(general) >= 12
    assert {i.setting for i in general} == {"phone", "email", "chat", "counter"}
    assert {"irate_customer", "cannot_afford", "escalation", "policy_conflict"} <= {
        i.theme for i in general
    }
    assert len(ethics) >= 4
    assert all(any("integrity" in o.points for o in i.options) for i in ethics)
    assert kinds["forced_choice"] >= 6
    assert kinds["work_sample"] == 1


def test_fits_in_25_minutes(shipped):
    instrument, _, _ = shipped
    assert instrument.time_limit_seconds <= 1500
    assert instrument.estimated_seconds() <= instrument.time_limit_seconds


def test_display_order_interleaves_the_likert_traits(shipped):
    instrument, _, _ = shipped
    first = instrument.sections[0].items[:9]
    assert len({i.trait for i in first}) == 9
    assert [s.id for s in instrument.sections] == [
        "about-you",
        "preferences",
        "situations",
        "written-reply",
    ]


def test_profiles_weights_and_cuts(shipped):
    _, _, profiles = shipped
    for profile in profiles.values():
        assert 30 <= profile.cut_score <= 60
        expected = {"service-aptitude": "service-aptitude-v1",
                    "service-aptitude-2": "service-aptitude-2-sim5"}
        assert profile.norm_table == expected[profile.instrument]
