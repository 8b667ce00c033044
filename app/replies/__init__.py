"""Pure reply scorer: judges a written reply against a contact's plain-sentence facts."""

from app.replies.scorer import CRITERIA, ReplyScore, score_reply

__all__ = ["CRITERIA", "ReplyScore", "score_reply"]
