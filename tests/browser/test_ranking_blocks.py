"""A candidate on the faking-resistant test (service-aptitude-2) answers a ranking set:
most and least like me give the full order, which is saved and counted as answered."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390])
def test_candidate_ranks_a_set_of_three(browser, live_server, width):
    from sqlalchemy import select

    from app.extensions import db
    from app.hiring import services
    from app.hiring.models import Attempt, Invitation, JobOpening

    with live_server.app.app_context():
        opening = db.session.scalar(
            select(JobOpening).where(JobOpening.job_profile == "contact-center-agent-2")
        )
        if opening is None:
            recruiter = db.session.scalar(select(JobOpening)).recruiter
            opening = services.create_opening(recruiter, "V2 test", "contact-center-agent-2")
        email = f"ranker.{width}@example.test"
        invitation, raw = services.invite_candidate(opening, f"Ranker {width}", email)
        db.session.commit()
        invitation_id = invitation.id
    context = browser.new_context(base_url=live_server.url,
                                  viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"/i/{raw}")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("I have read the privacy notice", exact=False).check()
    page.get_by_role("button", name="Start the test").click()
    page.locator("#test-bar").wait_for()
    total = int(page.locator("#test-bar").get_attribute("data-total"))
    block = page.locator("fieldset.item-ranking_block").first
    item_id = block.get_attribute("data-item")
    most = block.locator("input.rank-most")
    least = block.locator("input.rank-least")
    assert most.count() == least.count() == 3
    most.nth(1).check()
    assert page.locator("#progress-text").inner_text() == f"0 of {total} answered"
    least.nth(1).check()  # same statement: the "most" choice is moved away
    assert not most.nth(1).is_checked()
    most.nth(2).check()
    page.get_by_text("All answers saved").wait_for()
    assert page.locator("#progress-text").inner_text() == f"1 of {total} answered"
    assert block.bounding_box()["width"] <= width
    with live_server.app.app_context():
        attempt = db.session.scalar(select(Attempt).where(Attempt.invitation_id == invitation_id))
        saved = {r.item_id: r.value for r in attempt.responses}
        assert db.session.get(Invitation, invitation_id) is not None
    ids = [block.locator("input.rank-most").nth(i).get_attribute("value") for i in range(3)]
    assert saved[item_id] == [ids[2], ids[0], ids[1]]
    context.close()
