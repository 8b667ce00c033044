"""Pure psychometrics core: content models, scoring, norms, quality and analytics.

Imports nothing from the web or database stack; plain data in, plain data out.
"""

from app.psychometrics.batch import (
    DECISIONS,
    BatchScores,
    ScoringPlan,
    compile_plan,
    encode_responses,
    score_batch,
)
from app.psychometrics.catalog import (
    Catalog,
    load_catalog,
    parse_catalog,
    parse_catalog_data,
    validate_file,
)
from app.psychometrics.feedback import FeedbackLine, candidate_feedback
from app.psychometrics.instrument import (
    Instrument,
    Section,
    Trait,
    load_instrument,
    parse_instrument_files,
)
from app.psychometrics.item_models import (
    ForcedChoiceItem,
    Item,
    LikertItem,
    SjtItem,
    WorkSampleItem,
)
from app.psychometrics.items import ITEM_KINDS, ItemKind
from app.psychometrics.norms import NormTable, load_norm_table, parse_norm_tables
from app.psychometrics.problems import ContentError, ContentProblem
from app.psychometrics.profiles import (
    JobProfile,
    check_profile,
    load_job_profiles,
    parse_job_profiles,
)
from app.psychometrics.quality import QualityReport, check_quality
from app.psychometrics.rescoring import RescoreReport, ScoringSetup, dry_run_diff, rescore
from app.psychometrics.scoring import AttemptScore, TraitScore, score_attempt
from app.psychometrics.work_sample import JudgedReply

__all__ = [
    "JudgedReply",
    "FeedbackLine",
    "candidate_feedback",
    "DECISIONS",
    "ITEM_KINDS",
    "AttemptScore",
    "BatchScores",
    "Catalog",
    "ContentError",
    "ContentProblem",
    "ForcedChoiceItem",
    "Instrument",
    "Item",
    "ItemKind",
    "JobProfile",
    "LikertItem",
    "NormTable",
    "QualityReport",
    "RescoreReport",
    "ScoringPlan",
    "ScoringSetup",
    "Section",
    "SjtItem",
    "Trait",
    "TraitScore",
    "WorkSampleItem",
    "check_profile",
    "check_quality",
    "compile_plan",
    "dry_run_diff",
    "encode_responses",
    "load_catalog",
    "load_instrument",
    "load_job_profiles",
    "load_norm_table",
    "parse_catalog",
    "parse_catalog_data",
    "parse_instrument_files",
    "parse_job_profiles",
    "parse_norm_tables",
    "rescore",
    "score_attempt",
    "score_batch",
    "validate_file",
]
