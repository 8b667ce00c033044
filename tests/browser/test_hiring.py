"""The whole hiring flow in Chromium: invite, take the test, close and resume, submit,
review the ranked result and the PDF report."""

import re
import shutil
import subprocess
import time

import pytest

from tests.fixtures.browser import sign_in

pytestmark = pytest.mark.browser


def _clock_seconds(page) -> int:
    minutes, seconds = page.locator("#clock").inner_text().split(":")
    return int(minutes) * 60 + int(seconds)


def test_invite_take_resume_submit_and_review(browser, live_server, tmp_path):
    recruiter = browser.new_context(base_url=live_server.url)
    rpage = recruiter.new_page()
    sign_in(rpage, "recruiter@demo.serviceacademy.test")
    rpage.get_by_role("link", name="Openings", exact=True).click()
    rpage.get_by_role("link", name="Customer-care agent (phone)").click()
    rpage.get_by_label("Candidate name").fill("Bea Browser")
    rpage.get_by_label("E-mail").fill("bea.browser@example.test")
    rpage.get_by_role("button", name="Invite", exact=True).click()
    link = rpage.locator("code.invite-link").inner_text()
    assert re.search(r"/i/[\w-]{40,}$", link)

    phone = {"width": 390, "height": 844}
    candidate = browser.new_context(base_url=live_server.url, viewport=phone)
    page = candidate.new_page()
    page.goto(link)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Welcome, Bea Browser").wait_for()
    assert "/i/" not in page.url
    page.get_by_label(re.compile("I have read the privacy notice")).check()
    page.get_by_role("button", name="Start the test").click()
    page.locator("#test-bar").wait_for()
    items = page.locator("fieldset.item-likert")
    for i in range(3):
        items.nth(i).locator("label.option").nth(3).click()
    page.get_by_text("All answers saved").wait_for()
    assert page.get_by_text("3 of").is_visible()
    page.screenshot(path=str(tmp_path / "test-page.png"))
    before = _clock_seconds(page)
    page.close()

    time.sleep(3)
    page = candidate.new_page()
    page.goto("/candidate/")
    page.locator("#test-bar").wait_for()
    after = _clock_seconds(page)
    assert before - 12 <= after <= before - 2, (before, after)
    assert page.locator("fieldset.item-likert input:checked").count() == 3
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit my answers").click()
    page.get_by_role("heading", name="Thank you, Bea Browser").wait_for()

    rpage.goto("/hiring/")
    row = rpage.locator("tr", has_text="Bea Browser")
    row.wait_for()
    assert rpage.locator("tbody tr").count() >= 2
    row.get_by_role("link", name="Bea Browser").click()
    rpage.get_by_role("heading", name="Trait profile").wait_for()
    rpage.screenshot(path=str(tmp_path / "candidate-page.png"), full_page=True)
    pdf_url = rpage.get_by_role("link", name="PDF report").get_attribute("href")
    response = recruiter.request.get(live_server.url + pdf_url)
    assert response.ok and response.body().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        pdf = tmp_path / "report.pdf"
        pdf.write_bytes(response.body())
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                              text=True).stdout
        for word in ("Bea Browser", "Empathy", "stress", "Integrity", "Trait profile"):
            assert word in text
    recruiter.close()
    candidate.close()


def test_recruiter_reads_and_rates_a_work_sample(page, tmp_path):
    sign_in(page, "recruiter@demo.serviceacademy.test")
    page.goto("/hiring/openings")
    page.get_by_role("link", name="Customer-care agent (phone)").click()
    page.get_by_role("link", name="Maya Lindqvist").click()
    sample = page.locator("section.work-sample")
    sample.wait_for()
    text = sample.inner_text()
    assert "The candidate replied" in text
    assert "I will call you on Wednesday afternoon to confirm the time." in text
    assert "Gives the key facts accurately" in text and "Automatic score:" in text
    automatic = int(re.search(r"Automatic score: (\d)/5", text).group(1))
    human = 5 if automatic <= 3 else 1
    sample.get_by_label(str(human), exact=True).check()
    sample.get_by_label("Note (optional)").fill("Every fact right, and warm.")
    sample.get_by_role("button", name="Save rating").click()
    page.get_by_text(f"Your rating {human}/5 is recorded").wait_for()
    rated = page.locator("section.work-sample").inner_text()
    assert f"Human rating: {human}/5 by" in rated and "Every fact right, and warm." in rated
    assert f"{human}/5 counts in the composite" in rated and "disagree by" in rated
    page.screenshot(path=str(tmp_path / "work-sample.png"), full_page=True)
