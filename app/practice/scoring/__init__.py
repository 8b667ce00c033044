"""Pure practice scoring: written replies through the shared reply scorer, phone role-plays
by their tags, and the feedback text. No Flask and no database here."""

from app.practice.scoring.dialogue import DialogueError, score_dialogue, walk
from app.practice.scoring.feedback import contact_feedback, handling_note, order_note
from app.practice.scoring.written import score_written
from app.replies import CRITERIA
from app.reply_text import LABELS

__all__ = [
    "CRITERIA",
    "LABELS",
    "DialogueError",
    "contact_feedback",
    "handling_note",
    "order_note",
    "score_dialogue",
    "score_written",
    "walk",
]
