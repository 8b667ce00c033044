"""The scorer answers every input: no sentence of a contact or a reply makes it raise
(a crash in the batch command would lose a whole QA export's line)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.replies import CRITERIA, score_reply
from app.replies.facts import _firm

PIECES = ["no", "not", "never", "without", "none", "non-", "n't", "-", "—", '"', "(", ")", "/",
          ",", ".", ";", ":", "£5", "$20.00", "€45", "1 May", "Tuesday", "3 pm", "24h",
          "twenty-two", "a fortnight", "fee", "free", "refund", "charge", "will", "I", "you",
          "your", "order", "can", "be", "moved", "quibble", "for-profit", "is", "the", "a"]

@st.composite
def sentences(draw) -> str:
    """Words joined by spaces, hyphens or nothing, so negators get glued to other words."""
    words = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14))
    glue = draw(st.lists(st.sampled_from([" ", " ", " ", "-", ""]), min_size=len(words),
                         max_size=len(words)))
    return "".join(w + g for w, g in zip(words, glue, strict=True)).strip()



@pytest.mark.parametrize("clause", ['a "no quibble" refund of £5', "no-quibble refund of £5",
                                    "it is not-for-profit at £5", "without-charge £5"])
def test_a_negator_glued_to_punctuation_affirms_no_value(clause):
    assert _firm(clause) == set()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(facts=st.lists(sentences(), min_size=1, max_size=3),
       disclose=st.lists(sentences(), max_size=2),
       must_not=st.lists(sentences(), min_size=1, max_size=2),
       reply=st.lists(sentences(), max_size=6))
def test_any_contact_and_reply_get_a_score(facts, disclose, must_not, reply):
    contact = {"channel": "email", "customer_name": "Ada Lee", "purchase": "order 12",
               "message": "Where is my refund of £5?", "key_facts": facts,
               "must_disclose": disclose, "must_not": must_not, "jargon": ["RMA"]}
    score = score_reply(contact, ". ".join(reply))
    assert 1 <= score.overall <= 5
    assert set(score.criteria) == set(CRITERIA)
