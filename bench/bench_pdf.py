"""Candidate-report PDF time: our helper (template + chart + WeasyPrint with the
restricted fetcher) against a bare WeasyPrint render of the same HTML, side by side.

    .venv/bin/python bench/bench_pdf.py [--reports 50]

Prints the median seconds per PDF for both and their ratio (target: <= 0.5 s and
within 1.5x of the bare render)."""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from flask import render_template
from flask_migrate import upgrade
from weasyprint import CSS, HTML

from app import create_app
from app.content.loader import sync_content
from app.extensions import db
from app.hiring import services
from app.hiring.catalog import setup_for
from app.hiring.demo import _answer
from app.hiring.report import candidate_report_context, render_candidate_pdf
from app.identity.services import create_user

ROOT = Path(__file__).resolve().parent.parent


def build(app, n: int) -> list:
    recruiter = create_user("bench-recruiter@example.test", "Bench Recruiter", {"recruiter"},
                            password="bench-password-123")
    opening = services.create_opening(recruiter, "Bench opening", "contact-center-agent")
    setup = setup_for(opening.job_profile)
    rng = random.Random(1)
    invitations = []
    for i in range(n):
        inv, _ = services.invite_candidate(opening, f"Candidate {i:03d}", f"c{i}@example.test")
        services.record_consent(inv, None)
        attempt = services.start_attempt(inv)
        lean = rng.random()
        for item in setup.instrument.items:
            services.save_answer(attempt, item.id, _answer(item, lean, rng), 1, 5000)
        services.submit_attempt(attempt)
        invitations.append(inv)
    db.session.commit()
    return invitations


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({
            "TESTING": True, "SECRET_KEY": "bench-secret-key-0123456789abcdefghij",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/b.db",
            "SQLALCHEMY_BINDS": {"practice": f"sqlite:///{tmp}/p.db"},
            "CONTENT_ROOT": str(ROOT), "SERVER_NAME": "bench.local",
        })
        with app.app_context():
            upgrade(directory=str(ROOT / "migrations"), revision="heads")
        with app.app_context(), app.test_request_context():
            sync_content(ROOT)
            invitations = build(app, args.reports)
            css = CSS(filename=str(Path(app.static_folder) / "css" / "print.css"))
            ours, bare = [], []
            render_candidate_pdf(invitations[0])  # warm-up: fonts and caches
            for inv in invitations:
                start = time.perf_counter()
                render_candidate_pdf(inv)
                ours.append(time.perf_counter() - start)
                html = render_template("hiring/report_pdf.html", inv=inv,
                                       generated=inv.created_at,
                                       **candidate_report_context(inv))
                start = time.perf_counter()
                HTML(string=html).write_pdf(stylesheets=[css])
                bare.append(time.perf_counter() - start)
    ours_m, bare_m = statistics.median(ours), statistics.median(bare)
    print(f"candidate reports rendered: {len(ours)}")
    print(f"our PDF helper : median {ours_m:.3f} s per PDF (p90 "
          f"{statistics.quantiles(ours, n=10)[-1]:.3f} s)")
    print(f"bare WeasyPrint: median {bare_m:.3f} s per PDF (same HTML, no app work)")
    print(f"ratio ours/bare: {ours_m / bare_m:.2f}x   (targets: <= 0.5 s, <= 1.5x)")


if __name__ == "__main__":
    main()
