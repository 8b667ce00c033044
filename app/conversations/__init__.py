"""Pure simulated customers: a customer written as content talks back, turn by turn.

Plain data in, plain data out; no Flask, no database (import-linter contract).
"""

from app.conversations.acts import ACTS, Understanding, understand
from app.conversations.play import ConversationError, case_of, mood_label, respond, start
from app.conversations.report import score_transcript
from app.conversations.schema import CustomerSpec, customer_problems

__all__ = [
    "ACTS",
    "ConversationError",
    "CustomerSpec",
    "Understanding",
    "case_of",
    "customer_problems",
    "mood_label",
    "respond",
    "score_transcript",
    "start",
    "understand",
]
