"""Write the provisional (simulated) calibration and norms of service-aptitude-2.

Run: ``.venv/bin/python bench/provisional_calibration.py`` → ``assessments/norms/
service-aptitude-2-sim1.yaml``. No applicant data exist yet, so item parameters, trait
norms and the random-answering threshold are fitted to simulated applicants (two
separate samples). Refit from real pilot answers with ``flask hiring calibrate``.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import numpy as np
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from applicant_simulation import answer, draw_applicants  # noqa: E402

from app.psychometrics import compile_plan, load_catalog  # noqa: E402
from app.psychometrics.thurstonian import calibrate, model_traits  # noqa: E402
from app.psychometrics.trait_scoring import (  # noqa: E402
    TraitNorms,
    fit_flag_threshold,
    score_traits,
)

ROOT = Path(__file__).resolve().parents[1] / "assessments"
NAMESPACE = uuid.UUID("0d5c3f0e-6a43-4d0b-9b8f-3e1f3f6f0a2c")


def main(n: int = 3000, seed: int = 20261202) -> None:
    instrument = load_catalog(ROOT).instruments["service-aptitude-2"]
    plan = compile_plan(instrument)
    traits = model_traits(instrument)
    cal = answer(instrument, plan, draw_applicants(traits, n, seed), seed + 1)
    fit = calibrate(instrument, plan, cal.codes, version="service-aptitude-2-sim1")
    norm = answer(instrument, plan, draw_applicants(traits, n, seed + 2), seed + 3)
    scores = score_traits(instrument, plan, fit.model, norm.codes)
    norms = TraitNorms.from_scores(scores, version="sim1")
    reliability = 1 - np.mean((scores.se / norms.sd) ** 2, axis=0)
    table = {
        "id": "service-aptitude-2-sim1",
        "uuid": str(uuid.uuid5(NAMESPACE, "service-aptitude-2-sim1")),
        "schema_version": 1,
        "instrument": instrument.id,
        "version": 1,
        "standard_score": "T",
        "scoring": "thurstonian",
        "sample": {
            "size": norms.n,
            "collected": "2026-12-02",
            "description": (
                f"PROVISIONAL, SIMULATED calibration and norms. Item parameters from {fit.n:,} "
                f"simulated applicants (bench/applicant_simulation.py, seed {seed}), trait "
                f"norms and the random-answering threshold from another {n:,}; both samples "
                "hold 25 % fakers and 5 % careless responders. Refit with `flask hiring "
                "calibrate` from the first real pilot (at least 300 attempts)."
            ),
        },
        "traits": {
            t: {
                "mean": round(float(m), 4),
                "sd": round(float(s), 4),
                "reliability": round(float(r), 3),
            }
            for t, m, s, r in zip(traits, norms.mean, norms.sd, reliability, strict=True)
        },
        "fit_threshold": round(fit_flag_threshold(scores), 3),
        "calibration": fit.model.to_dict(),
    }
    out = ROOT / "norms" / "service-aptitude-2-sim1.yaml"
    out.write_text(yaml.safe_dump(table, sort_keys=False, width=100), encoding="utf-8")
    print(f"wrote {out} ({fit.rounds} calibration rounds)")


if __name__ == "__main__":
    main()
