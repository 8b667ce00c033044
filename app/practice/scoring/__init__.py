"""Pure practice scoring: the transparent rubric, phone role-plays, feedback text and the
learned text model. No Flask and no database here."""

from app.practice.scoring.dialogue import DialogueError, score_dialogue, walk
from app.practice.scoring.feedback import contact_feedback, handling_note, order_note
from app.practice.scoring.model import Evaluation, Example, TextModel, evaluate, fit, qwk
from app.practice.scoring.rubric import CRITERIA, LABELS, RubricResult, score_text

__all__ = [
    "CRITERIA",
    "LABELS",
    "DialogueError",
    "Evaluation",
    "Example",
    "RubricResult",
    "TextModel",
    "contact_feedback",
    "evaluate",
    "fit",
    "handling_note",
    "order_note",
    "qwk",
    "score_dialogue",
    "score_text",
    "walk",
]
