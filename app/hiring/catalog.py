"""The assessment catalog as stored in the database (instruments, norms, job profiles).

Content rows hold each assessment file's data; the psychometrics core parses them as a
mapping of file path to data (``parse_catalog_data``) — the same validation path as for
files on disk. The result is cached by the rows' checksums, so a `flask content load`
is picked up without a restart.
"""

from __future__ import annotations

import hashlib
import time

from sqlalchemy import select

from app.content import sources
from app.content.models import ContentDocument
from app.extensions import db
from app.psychometrics import Catalog, parse_catalog_data
from app.psychometrics.rescoring import ScoringSetup

ASSESSMENT_KINDS = tuple(sources.ASSESSMENT_KINDS.values())
_cache: dict[str, Catalog] = {}
_checked_at = [float("-inf")]  # monotonic time of the last checksum check


class CatalogError(LookupError):
    """A job profile, instrument or norm table is missing from the loaded content."""


def current_catalog(recheck_after: float = 0) -> Catalog:
    """Checks the rows' checksums (cheap; skipped if the last check is less than
    `recheck_after` seconds old) and parses only when they changed."""
    if _cache and time.monotonic() - _checked_at[0] < recheck_after:
        return next(iter(_cache.values()))
    live = (ContentDocument.kind.in_(ASSESSMENT_KINDS), ContentDocument.deleted_at.is_(None))
    sums = db.session.scalars(
        select(ContentDocument.checksum).where(*live).order_by(ContentDocument.path)
    ).all()
    key = hashlib.sha256("".join(sums).encode()).hexdigest()
    if key not in _cache:
        data = db.session.scalars(
            select(ContentDocument.data).where(*live).order_by(ContentDocument.path)
        ).all()
        _cache.clear()
        _cache[key] = _parse_rows(list(data))
    _checked_at[0] = time.monotonic()
    return _cache[key]


def _parse_rows(documents: list[dict]) -> Catalog:
    catalog, _ = parse_catalog_data({doc["file"]: doc["data"] for doc in documents})
    return catalog


def setup_for(profile_id: str, recheck_after: float = 0) -> ScoringSetup:
    """Instrument, norm table and job profile that score candidates for `profile_id`."""
    catalog = current_catalog(recheck_after)
    profile = catalog.job_profiles.get(profile_id)
    if profile is None:
        raise CatalogError(f"Job profile '{profile_id}' is not loaded. Run `flask content load`.")
    return ScoringSetup(
        instrument=catalog.instruments[profile.instrument],
        norms=catalog.norm_tables[profile.norm_table],
        profile=profile,
    )
