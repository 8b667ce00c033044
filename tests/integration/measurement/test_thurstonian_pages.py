"""The measurement pages work with attempts scored by the Thurstonian model
(contact-center-agent-2 on service-aptitude-2), not only with summed-key attempts."""

import random

from app.extensions import db
from app.hiring import services
from app.hiring.catalog import setup_for
from app.hiring.demo import _answer
from app.measurement.models import SelfIdentification

PROFILE = "contact-center-agent-2"
INSTRUMENT = "service-aptitude-2"


def _seed(users, n: int = 30) -> list:
    opening = services.create_opening(users["recruiter"], "V2 phone agents", PROFILE)
    setup = setup_for(PROFILE)
    rng = random.Random(4)
    attempts = []
    for k in range(n):
        invitation, _ = services.invite_candidate(opening, f"Ranker {k}", f"r{k}@example.test")
        services.record_consent(invitation, None)
        attempt = services.start_attempt(invitation)
        lean = 0.9 * k / n
        for item in setup.instrument.items:
            if rng.random() < 0.03:  # a few skipped answers
                continue
            services.save_answer(attempt, item.id, _answer(item, lean, rng), 1, 8000)
        services.submit_attempt(attempt)
        db.session.flush()
        db.session.add(SelfIdentification(invitation_id=invitation.id,
                                          sex="female" if k % 2 else "male"))
        attempts.append(attempt)
    db.session.commit()
    return attempts


def test_every_measurement_page_opens_with_thurstonian_attempts(client, login_as, users,
                                                                 content):
    attempts = _seed(users)
    assert all(a.status == "scored" and a.score["scoring"] == "thurstonian" for a in attempts)
    login_as(client, users["recruiter"])
    passing = sum(a.recommendation == "pass" for a in attempts)
    assert 0 < passing < len(attempts)
    for path, expected in [
        ("/measurement/", "Predictive validity"),
        (f"/measurement/profiles/{PROFILE}/impact", " of 15 ("),
        # the what-if at the current cut reproduces the stored recommendations
        (f"/measurement/profiles/{PROFILE}/cut-score", f"{passing} of {len(attempts)}"),
        (f"/measurement/profiles/{PROFILE}/cut-score/preview?cut=20", "Pass rate at 20"),
        (f"/measurement/profiles/{PROFILE}/validity", "validity study needs"),
    ]:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert expected in response.get_data(as_text=True), path
    pdf = client.get(f"/measurement/instruments/{INSTRUMENT}/report.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    login_as(client, users["author"])
    items = client.get(f"/measurement/instruments/{INSTRUMENT}/items")
    page = items.get_data(as_text=True)
    assert items.status_code == 200 and "im-01" in page
    blocks = sum(i.kind == "ranking_block" for i in setup_for(PROFILE).instrument.items)
    assert f"The {blocks} ranking sets are left out" in page
    structure = client.get(f"/measurement/instruments/{INSTRUMENT}/structure")
    assert structure.status_code == 200
    assert "load most strongly on their own trait" in structure.get_data(as_text=True)
    norms = client.get(f"/measurement/instruments/{INSTRUMENT}/norms")

    assert norms.status_code == 200, norms.get_data(as_text=True)[:500]
