"""Who may open each endpoint, for the access-matrix test
(tests/integration/monitoring/test_access_matrix.py). A new slice adds its own module
here with an ENTRIES dict; a route with no entry fails that test."""

from __future__ import annotations

from app.identity.models import ROLES

ANON = "anonymous"
PUBLIC = frozenset(ROLES) | {ANON}
STAFF_HR = {"recruiter", "admin"}
TRAINING_ADMIN = {"trainer", "admin"}

ENTRIES: dict[str, set[str] | frozenset[str]] = {
    # site and identity
    "static": PUBLIC,
    "home": PUBLIC,
    "healthz": PUBLIC,
    "favicon": PUBLIC,
    "identity.login": PUBLIC,
    "identity.logout": PUBLIC,
    "identity.redeem_invitation": PUBLIC,
    "identity.change_password": frozenset(ROLES) - {"candidate"},
    "identity.forgot_password": PUBLIC,
    "identity.reset_password": PUBLIC,
    # admin
    "admin.index": {"admin"},
    "admin.create_user": {"admin"},
    "admin.edit_user": {"admin"},
    "admin.groups": {"admin"},
    "admin.create_group": {"admin"},
    "admin.add_member": {"admin"},
    "admin.audit_trail": {"admin"},
    "admin.outbox": {"admin"},
    "admin.outbox_message": {"admin"},
    "admin.outbox_message_html": {"admin"},
    "content.index": {"author", "admin"},
    # hiring
    "hiring.index": STAFF_HR,
    "hiring.list_openings": STAFF_HR,
    "hiring.show_opening": STAFF_HR,
    "hiring.invite_candidate": STAFF_HR,
    "hiring.import_candidates": STAFF_HR,
    "hiring.show_candidate": STAFF_HR,
    "hiring.act_on_candidate": STAFF_HR,
    "hiring.candidate_report": STAFF_HR,
    "hiring.export_pipeline": STAFF_HR,
    "hiring.invitation_mail": STAFF_HR,
    "hiring.invitation_mail_preview": STAFF_HR,
    "hiring.request_link": PUBLIC,
    "hiring.download_my_data": {"candidate"},
    "hiring.request_erasure": {"candidate"},
    "hiring.candidate_home": {"candidate"},
    "hiring.request_accommodation": {"candidate"},
    "hiring.request_review": {"candidate"},
    "hiring.start_test": {"candidate"},
    "hiring.take_test": {"candidate"},
    "hiring.save_answer": {"candidate"},
    "hiring.submit_test": {"candidate"},
    "hiring.test_done": {"candidate"},
    # training
    "training.my_learning": {"employee"},
    "training.my_rotation": {"employee"},
    "training.view_course": {"employee"},
    "training.resume_course": {"employee"},
    "training.view_step": {"employee"},
    "training.complete_step": {"employee"},
    "training.submit_check": {"employee"},
    "training.download_certificate": {"employee"},
    "training.verify_form": PUBLIC,
    "training.verify_certificate": PUBLIC,
    "training.trainer_home": {"trainer"},
    "training.all_cohorts": {"admin"},
    "training.enroll_cohort": TRAINING_ADMIN,
    "training.remind_cohort": TRAINING_ADMIN,
    "training.rotation_calendar": TRAINING_ADMIN,
    "training.plan_rotations": TRAINING_ADMIN,
    "training.export_rotations": TRAINING_ADMIN,
    "training.upload_blocked_dates": TRAINING_ADMIN,
    "training.upload_enrollments": TRAINING_ADMIN,
    "training.completion_overview": {"supervisor", "recruiter", "admin"},
    # practice and reports
    "reports.simlab": TRAINING_ADMIN,
    "reports.show_job": TRAINING_ADMIN,
    "reports.job_status": TRAINING_ADMIN,
    "reports.plan": TRAINING_ADMIN,
    "reports.sweep": TRAINING_ADMIN,
    "reports.cancel_job": TRAINING_ADMIN,
    # monitoring
    "monitoring.index": {"supervisor"},
    "monitoring.view_agent": {"supervisor"},
    "monitoring.new_evaluation": {"supervisor"},
    "monitoring.view_evaluation": {"supervisor", "employee"},
    "monitoring.evaluation_pdf": {"supervisor", "employee"},
    "monitoring.reply_evaluation": {"employee"},
    "monitoring.resolve_evaluation": {"supervisor"},
    "monitoring.my_evaluations": {"employee"},
    "monitoring.list_scorecards": {"supervisor", "employee"},
    "monitoring.team_dashboard": {"supervisor"},
    "monitoring.export_team": {"supervisor"},
    "monitoring.api_team_summary": {"supervisor"},
    "monitoring.import_metrics": {"supervisor"},
    "monitoring.search": {"supervisor"},
    "monitoring.list_calibrations": {"supervisor"},
    "monitoring.view_calibration": {"supervisor"},
}
