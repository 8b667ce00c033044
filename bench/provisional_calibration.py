"""Write the provisional (simulated) calibration and norms of service-aptitude-2.

Run: ``.venv/bin/python bench/provisional_calibration.py [--version N]`` →
``assessments/norms/service-aptitude-2-sim<N>.yaml`` (a new version; earlier files stay,
so attempts scored with them stay readable). No applicant data exist yet, so item
parameters, trait norms and the random-answering threshold are fitted to simulated
applicants (two separate samples). It also prints the cut score of each profile on the
instrument that screens out the profile's design share (30 %) of the norm sample. Refit
from real pilot answers with ``flask hiring calibrate``.
"""

from __future__ import annotations

import argparse
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
    derive_cut,
    fit_flag_threshold,
    late_fit_threshold,
    score_traits,
)

ROOT = Path(__file__).resolve().parents[1] / "assessments"
NAMESPACE = uuid.UUID("0d5c3f0e-6a43-4d0b-9b8f-3e1f3f6f0a2c")


SCREEN_OUT = 0.30


def main(n: int = 3000, seed: int = 20261202, version: int = 2) -> None:
    table_id = f"service-aptitude-2-sim{version}"
    catalog = load_catalog(ROOT)
    instrument = catalog.instruments["service-aptitude-2"]
    plan = compile_plan(instrument)
    traits = model_traits(instrument)
    cal = answer(instrument, plan, draw_applicants(traits, n, seed), seed + 1)
    fit = calibrate(instrument, plan, cal.codes, version=table_id)
    norm = answer(instrument, plan, draw_applicants(traits, n, seed + 2), seed + 3)
    scores = score_traits(instrument, plan, fit.model, norm.codes)
    norms = TraitNorms.from_scores(scores, version=f"sim{version}")
    reliability = 1 - np.mean((scores.se / norms.sd) ** 2, axis=0)
    table = {
        "id": table_id,
        "uuid": str(uuid.uuid5(NAMESPACE, table_id)),
        "schema_version": 1,
        "instrument": instrument.id,
        "version": version,
        "standard_score": "T",
        "scoring": "thurstonian",
        "sample": {
            "size": norms.n,
            "collected": "2026-12-03",
            "description": (
                f"PROVISIONAL, SIMULATED calibration and norms. Item parameters from {fit.n:,} "
                f"simulated applicants (bench/applicant_simulation.py, seed {seed}), trait "
                f"norms and the random-answering threshold from another {n:,}; both samples "
                "hold 25 % fakers and 5 % careless responders and answer one fixed set of "
                "simulated item properties (from version 2 on). Refit with `flask hiring "
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
        "late_fit_threshold": round(late_fit_threshold(scores), 3),
        "calibration": fit.model.to_dict(),
    }
    out = ROOT / "norms" / f"{table_id}.yaml"
    out.write_text(yaml.safe_dump(table, sort_keys=False, width=100), encoding="utf-8")
    print(f"wrote {out} ({fit.rounds} calibration rounds)")
    for profile in catalog.job_profiles.values():
        if profile.instrument == instrument.id:
            cut = derive_cut(norms, scores, profile, SCREEN_OUT)
            print(f"{profile.id}: cut screening out {SCREEN_OUT:.0%} of the norm sample: "
                  f"{cut:.2f} (profile now {float(profile.cut_score):g})")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--version", type=int, default=2)
    main(version=parser.parse_args().version)
