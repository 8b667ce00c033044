"""Fuzz every /api/v1 operation with schemathesis against the served OpenAPI document.

Run: ``.venv/bin/python bench/bench_api_fuzz.py [--examples 100] [--database-url URL]``
(SQLite in a temporary folder by default; a PostgreSQL URL is migrated from scratch, so
give it a database of its own).

For each operation it generates `--examples` schema-valid requests and as many invalid
ones (hypothesis, random seed unless --seed), sends them over WSGI with an admin token
(the role every operation admits), and runs every schemathesis check on each answer.
Prints, per operation: requests, status codes seen, 5xx, status codes the document does
not list, and the failed checks by name. Exit status 1 on any 5xx or undocumented code.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, given, seed, settings
from schemathesis import GenerationMode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build_app(database_url: str | None, folder: Path):
    from flask_migrate import upgrade

    from app import create_app
    from app.api import services as api
    from app.config import normalize_db_url, practice_url_for
    from app.content.loader import sync_content
    from app.extensions import db
    from app.hiring import services as hiring
    from app.identity import services as identity
    from tests.fixtures.app import reset_postgres

    if database_url:
        main, practice = normalize_db_url(database_url), normalize_db_url(
            practice_url_for(database_url))
        reset_postgres(main)
    else:
        main, practice = f"sqlite:///{folder / 'fuzz.db'}", f"sqlite:///{folder / 'p.db'}"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": main,
                      "SQLALCHEMY_BINDS": {"practice": practice}, "WTF_CSRF_ENABLED": False,
                      "CONTENT_ROOT": str(ROOT), "PASSWORD_HASH_FAST": True,
                      "API_RATE_LIMIT": "1000000 per minute"})
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"), revision="heads")
        sync_content(ROOT)
        admin = identity.create_user("admin@example.test", "Fuzz Admin", {"admin"})
        recruiter = identity.create_user("rec@example.test", "Fuzz Recruiter", {"recruiter"})
        opening = hiring.create_opening(recruiter, "Fuzzed", "contact-center-agent")
        hiring.invite_candidate(opening, "Fuzz Candidate", "fuzz@example.test")
        _, raw = api.create_token(admin, "fuzz", "admin")
        db.session.commit()
    return app, {"Authorization": f"Bearer {raw}"}


def _runner(operation, mode: GenerationMode, headers: dict[str, str],
            examples: int, statuses: Counter[int], failed: Counter[str]):
    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case) -> None:
        response = case.call(headers=headers)
        statuses[response.status_code] += 1
        try:
            case.validate_response(response, headers=headers)
        except (AssertionError, BaseExceptionGroup) as exc:  # every failed check counts
            for failure in getattr(exc, "exceptions", [exc]):
                failed[f"{mode.value[:3]}:{type(failure).__name__}"] += 1

    return run


def fuzz_operation(operation, headers: dict[str, str], examples: int,
                   rng_seed: int | None) -> dict[str, object]:
    documented = set(operation.definition.raw["responses"])
    statuses: Counter[int] = Counter()
    failed: Counter[str] = Counter()

    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        run = _runner(operation, mode, headers, examples, statuses, failed)
        if rng_seed is not None:
            run = seed(rng_seed)(run)
        run()
    server_errors = sum(n for code, n in statuses.items() if code >= 500)
    undocumented = sum(n for code, n in statuses.items()
                       if str(code) not in documented and "default" not in documented)
    return {"requests": sum(statuses.values()), "statuses": dict(sorted(statuses.items())),
            "5xx": server_errors, "undocumented": undocumented, "failed": dict(failed)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100,
                        help="examples per operation and generation mode")
    parser.add_argument("--database-url")
    parser.add_argument("--seed", type=int)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app, headers = build_app(args.database_url, Path(tmp))
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
        total = Counter()
        print(f"{'operation':48} {'requests':>8} {'5xx':>4} {'undoc':>5}  statuses / failed checks")
        for result in schema.get_all_operations():
            operation = result.ok()
            out = fuzz_operation(operation, headers, args.examples, args.seed)
            total.update({k: out[k] for k in ("requests", "5xx", "undocumented")})
            print(f"{operation.label:48} {out['requests']:>8} {out['5xx']:>4} "
                  f"{out['undocumented']:>5}  {out['statuses']} {out['failed'] or ''}")
        print(f"{'TOTAL':48} {total['requests']:>8} {total['5xx']:>4} {total['undocumented']:>5}")
    return 1 if total["5xx"] or total["undocumented"] else 0


if __name__ == "__main__":
    sys.exit(main())
