from app.hiring.item_forms import FIELD_BUILDERS
from app.psychometrics import ITEM_KINDS


def test_every_scored_kind_has_a_form_field_and_back():
    assert set(FIELD_BUILDERS) == set(ITEM_KINDS)


def test_every_shipped_item_builds_a_field(content):
    from app.hiring.catalog import current_catalog
    from app.hiring.item_forms import build_test_form

    instrument = current_catalog().instruments["service-aptitude"]
    form, views = build_test_form(instrument.items, {})
    assert len(views) == len(instrument.items)
    assert all(form[v.field_name].label.text for v in views)
