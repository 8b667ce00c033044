"""Who may open the measurement pages."""

from tests.access.core import STAFF_HR

AUTHORS = {"author", "admin"}

ENTRIES = {
    "measurement.index": {"recruiter", "author", "admin"},
    "measurement.about_you": {"candidate"},
    "measurement.adverse_impact": STAFF_HR,
    "measurement.cut_score": STAFF_HR,
    "measurement.preview_cut_score": STAFF_HR,
    "measurement.validity": STAFF_HR,
    "measurement.apply_weights": STAFF_HR,
    "measurement.technical_report": STAFF_HR,
    "measurement.show_decision": {"recruiter", "author", "admin"},
    "measurement.download_decision": {"recruiter", "author", "admin"},
    "measurement.item_analysis": AUTHORS,
    "measurement.structure": AUTHORS,
    "measurement.build_norms": AUTHORS,
    "measurement.switch_norms": AUTHORS,
}
