"""The work sample on the candidate page and in the PDF: the reply in full, the automatic
criteria, and a recruiter's rating that replaces the automatic score in the composite."""

import shutil
import subprocess

import pytest

from app.extensions import db
from app.hiring import services
from app.hiring.catalog import setup_for
from app.hiring.models import WorkSampleRating
from app.hiring.work_sample import automatic

REPLY = """Dear Ms Okafor,

I'm Sam from Brightline Home, and I am so sorry: you took a day off for us and nobody came
or called. I understand why you are disappointed.

I have checked your order BH-20417. Your sofa is safe in our warehouse. The Saturday
delivery was cancelled by a scheduling error on our side, not by you or the driver. I have
booked a new delivery for Thursday between 8 am and 12 noon. If that day does not suit
you, reply to this e-mail and I will change it.

I will call you on Wednesday afternoon to confirm the time.

Kind regards,
Sam"""


def _item():
    return next(i for i in setup_for("contact-center-agent").instrument.items
                if i.kind == "work_sample")


def _finished(invite, reply=REPLY):
    invitation, _ = invite(name="Wren Writer", email="wren@example.test")
    services.record_consent(invitation, None)
    attempt = services.start_attempt(invitation)
    for item in setup_for("contact-center-agent").instrument.items:
        services.save_answer(attempt, item.id, _answer(item, reply), 1)
    services.submit_attempt(attempt)
    db.session.commit()
    return invitation


def _answer(item, reply):
    """A complete attempt, so that the composite is computed."""
    if item.kind == "likert":
        return "3"
    if item.kind == "ranking_block":
        return ">".join(s.id for s in item.statements)
    if item.kind == "work_sample":
        return reply
    return item.options[0].id


def _other_than(auto: int) -> int:
    return 5 if auto <= 3 else 1


def test_the_page_shows_the_reply_in_full_with_the_automatic_criteria(client, login_as,
                                                                      users, invite):
    invitation = _finished(invite)
    auto = automatic(_item(), REPLY)
    work = invitation.attempt.score["work_sample"][_item().id]
    assert work == {"overall": auto.overall, "source": "automatic", "automatic": auto.overall,
                    "human": None, "disagree": False}
    login_as(client, users["recruiter"])
    page = client.get(f"/hiring/candidates/{invitation.id}").get_data(as_text=True)
    assert "Dana Okafor" in page and "Where is my sofa" in page
    assert "I will call you on Wednesday afternoon to confirm the time." in page
    assert f"Automatic score: {auto.overall}/5" in page
    assert "Gives the key facts accurately" in page and "Clear next step" in page
    assert "Rate this reply yourself" in page and "found “" not in page


def test_a_recruiter_rating_replaces_the_automatic_score_and_flags_disagreement(
        client, login_as, users, invite):
    invitation = _finished(invite)
    attempt = invitation.attempt
    auto = attempt.score["work_sample"][_item().id]["automatic"]
    before = attempt.composite
    human = _other_than(auto)
    login_as(client, users["recruiter"])
    done = client.post(f"/hiring/candidates/{invitation.id}/rate",
                       data={"item_id": _item().id, "overall": str(human),
                             "note": "Facts right; warm."})
    assert done.status_code == 302
    rating = db.session.scalars(db.select(WorkSampleRating)).one()
    assert (rating.overall, rating.automatic, rating.note) == (human, auto, "Facts right; warm.")
    assert rating.rated_by_id == users["recruiter"].id and rating.rated_at is not None
    db.session.refresh(attempt)
    work = attempt.score["work_sample"][_item().id]
    assert work["overall"] == human and work["source"] == "recruiter" and work["disagree"]
    assert (attempt.composite > before) == (human > auto)
    page = client.get(f"/hiring/candidates/{invitation.id}").get_data(as_text=True)
    assert f"Human rating: <strong>{human}/5</strong> by {users['recruiter'].name}" in page
    assert "disagree by" in page and "Change your rating" in page


def test_ratings_are_refused_out_of_range_and_to_other_recruiters(
        client, login_as, users, create_user, invite):
    invitation = _finished(invite)
    login_as(client, users["recruiter"])
    client.post(f"/hiring/candidates/{invitation.id}/rate",
                data={"item_id": _item().id, "overall": "7"})
    client.post(f"/hiring/candidates/{invitation.id}/rate",
                data={"item_id": "no-such-item", "overall": "3"})
    login_as(client, create_user("recruiter"))
    other = client.post(f"/hiring/candidates/{invitation.id}/rate",
                        data={"item_id": _item().id, "overall": "3"})
    assert other.status_code == 404
    assert db.session.scalars(db.select(WorkSampleRating)).all() == []


def test_the_rating_form_needs_a_csrf_token(csrf_app, login_as, users, invite):
    invitation = _finished(invite)
    client = csrf_app.test_client()
    login_as(client, users["recruiter"])
    client.post(f"/hiring/candidates/{invitation.id}/rate",
                data={"item_id": _item().id, "overall": "3"})
    assert db.session.scalars(db.select(WorkSampleRating)).all() == []


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_pdf_shows_the_reply_the_criteria_and_the_rating(client, login_as, users, invite,
                                                              tmp_path):
    invitation = _finished(invite)
    login_as(client, users["recruiter"])
    auto = invitation.attempt.score["work_sample"][_item().id]["automatic"]
    client.post(f"/hiring/candidates/{invitation.id}/rate",
                data={"item_id": _item().id, "overall": str(_other_than(auto))})
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(client.get(f"/hiring/candidates/{invitation.id}/report.pdf").data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    for words in ("The candidate replied", "to confirm the time.", "Gives the key facts",
                  f"Human rating: {_other_than(auto)}/5", "disagree by"):
        assert words in text, words
