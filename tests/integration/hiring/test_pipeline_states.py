"""The pipeline tells each invitation's real state, and a closed one offers no actions."""

from datetime import timedelta

from app.extensions import db
from app.hiring import services
from app.hiring.extra_time import describe
from app.orm import utcnow


def test_expired_invitation_shows_as_expired(client, login_as, users, invite):
    invitation, _ = invite()
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert invitation.stage == "expired"
    login_as(client, users["recruiter"])
    page = client.get("/hiring/").get_data(as_text=True)
    assert ">Expired</span>" in page and ">Invited</span>" not in page
    assert "casey@example.test" in client.get("/hiring/?stage=expired").get_data(as_text=True)


def test_pending_extra_time_request_is_visible_in_the_pipeline(client, login_as, users, invite):
    invitation, _ = invite()
    invitation.accommodation_request = "Screen reader; please allow more time."
    db.session.commit()
    login_as(client, users["recruiter"])
    assert "extra time requested" in client.get("/hiring/").get_data(as_text=True)
    services.set_time_factor(invitation, "5/4")
    services.record_consent(invitation, None)
    services.start_attempt(invitation)
    db.session.commit()
    assert "extra time requested" not in client.get("/hiring/").get_data(as_text=True)


def test_revoked_invitation_offers_no_revoke_extend_or_grant(client, login_as, users, invite):
    invitation, _ = invite()
    login_as(client, users["recruiter"])
    url = f"/hiring/candidates/{invitation.id}"
    live = client.get(url).get_data(as_text=True)
    assert "Revoke</button>" in live and "Extend</button>" in live and "Grant time</button>" in live
    services.revoke_invitation(invitation)
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert "Revoke</button>" not in page and "Extend</button>" not in page
    assert "Grant time</button>" not in page and "This invitation is revoked" in page


def test_extra_time_is_said_in_words_with_the_total():
    assert describe("5/4", 1500) == "25 % extra time (31 min 15 s)"
    assert describe("3/2", 1500) == "50 % extra time (37 min 30 s)"
    assert describe("1", 1500) == "standard time (25 min)"
    assert describe("5/4", 1501) == "25 % extra time (31 min 17 s)"  # rounded up, never down


def test_candidate_page_says_extra_time_in_words(client, login_as, users, invite):
    invitation, _ = invite(factor="5/4")
    login_as(client, users["recruiter"])
    page = client.get(f"/hiring/candidates/{invitation.id}").get_data(as_text=True)
    assert "25 % extra time (31 min 15 s)" in page and "× 5/4" not in page


def test_pipeline_pages_and_keeps_the_rank_when_sorted(client, login_as, users, invite):
    for i in range(53):
        invite(name=f"Cand {i:02d}", email=f"cand{i:02d}@example.test")
    login_as(client, users["recruiter"])
    first = client.get("/hiring/").get_data(as_text=True)
    assert "Page 1 of 2" in first and "53 candidates" in first
    by_name = client.get("/hiring/?sort=name&dir=desc&page=2").get_data(as_text=True)
    assert "Page 2 of 2" in by_name and "Cand 00" in by_name and "Cand 52" not in by_name
    filtered = client.get("/hiring/?q=cand0&sort=name").get_data(as_text=True)
    assert "Page" not in filtered.split("</table>")[1][:200]  # 10 rows: one page, no pager
