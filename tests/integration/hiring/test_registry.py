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


def test_a_ranking_block_offers_every_ordering_and_its_value_validates(content):
    from app.hiring.catalog import current_catalog
    from app.hiring.item_forms import build_test_form
    from app.psychometrics import ITEM_KINDS

    blocks = [i for inst in current_catalog().instruments.values() for i in inst.items
              if i.kind == "ranking_block"]
    assert blocks
    form, views = build_test_form(blocks[:1], {})
    choices = [value for value, _ in form[views[0].field_name].choices]
    n = len(blocks[0].statements)
    assert len(choices) == len(set(choices)) == (6 if n == 3 else 24)
    assert ITEM_KINDS["ranking_block"].validate(blocks[0], choices[-1]) == tuple(
        choices[-1].split(">"))
