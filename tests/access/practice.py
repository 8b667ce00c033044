"""Practice routes: the learner's own shifts; the cohort trainer's coaching views."""

EMPLOYEE = {"employee"}

ENTRIES = {
    "practice.index": EMPLOYEE,
    "practice.start_shift": EMPLOYEE,
    "practice.show_shift": EMPLOYEE,
    "practice.shift_json": EMPLOYEE,
    "practice.open_contact": EMPLOYEE,
    "practice.show_contact": EMPLOYEE,
    "practice.choose": EMPLOYEE,
    "practice.say": EMPLOYEE,
    "practice.submit_reply": EMPLOYEE,
    "practice.end_shift": EMPLOYEE,
    "practice.show_response": {"employee", "trainer"},
    "practice.review_shift": {"employee", "trainer"},
    "practice.retry_contact": EMPLOYEE,
    "practice.compare_attempts": EMPLOYEE,
    "practice.progress_page": EMPLOYEE,
    "practice.coaching_home": {"trainer"},
    "practice.coaching_learner": {"trainer"},
    "practice.rate_example": {"trainer"},
    "practice.scorer_agreement": {"trainer"},
    "practice.scorer_refit": {"trainer"},
    "practice.review_queue": {"trainer"},
    # coaching behind the wall: comments on attempts, hand-ins with trainer feedback
    "practice.add_comment": {"trainer"},
    "practice.my_comments": EMPLOYEE,
    "practice.handin": EMPLOYEE,
    "practice.handin_file": {"employee", "trainer"},
    "practice.coaching_handins": {"trainer"},
    "practice.coaching_handin": {"trainer"},
}
