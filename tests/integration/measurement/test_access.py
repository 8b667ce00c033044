"""Role walls of the measurement pages (the full route × role matrix lives in
tests/access/measurement.py and runs in the monitoring access-matrix test)."""

import pytest

PROFILE_PAGES = [
    "/measurement/profiles/contact-center-agent/impact",
    "/measurement/profiles/contact-center-agent/cut-score",
    "/measurement/profiles/contact-center-agent/cut-score/preview?cut=50",
    "/measurement/profiles/contact-center-agent/validity",
    "/measurement/instruments/service-aptitude/report.pdf",
]
AUTHOR_PAGES = [
    "/measurement/instruments/service-aptitude/items",
    "/measurement/instruments/service-aptitude/structure",
    "/measurement/instruments/service-aptitude/norms",
]


@pytest.mark.parametrize("role", ["author", "trainer", "supervisor", "employee", "candidate"])
def test_only_hr_sees_fairness_and_validity(client, login_as, users, opening, role):
    login_as(client, users[role])
    for url in PROFILE_PAGES:
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("role", ["recruiter", "trainer", "supervisor", "employee",
                                  "candidate"])
def test_only_authors_see_item_statistics_and_norms(client, login_as, users, content, role):
    login_as(client, users[role])
    for url in AUTHOR_PAGES:
        assert client.get(url).status_code == 403, url


def test_anonymous_visitors_are_sent_to_sign_in(client, content):
    for url in [*PROFILE_PAGES, *AUTHOR_PAGES, "/measurement/about-you", "/measurement/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


def test_unknown_profiles_and_instruments_are_404(client, login_as, users, opening):
    login_as(client, users["admin"])
    assert client.get("/measurement/profiles/nope/impact").status_code == 404
    assert client.get("/measurement/instruments/nope/items").status_code == 404
    assert client.get("/measurement/instruments/nope/report.pdf").status_code == 404


def test_staff_cannot_open_the_candidate_form(client, login_as, users):
    login_as(client, users["recruiter"])
    assert client.get("/measurement/about-you").status_code == 403


def test_saving_needs_the_csrf_token(csrf_app, login_as, users, opening):
    client = csrf_app.test_client()
    login_as(client, users["recruiter"])
    response = client.post("/measurement/profiles/contact-center-agent/cut-score",
                           data={"cut_score": "50", "reason": "Capacity is limited.",
                                 "acknowledge": "y"})
    assert response.status_code == 400
    page = client.get("/measurement/profiles/contact-center-agent/cut-score")
    assert 'name="csrf_token"' in page.get_data(as_text=True)
