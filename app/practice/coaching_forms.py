"""Forms of coaching: a comment on an attempt, a hand-in, a trainer's feedback.
Lengths and file types are checked by the services, which say what is wrong."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SubmitField, TextAreaField


class CommentForm(FlaskForm):
    text = TextAreaField("Your comment (only this learner and you see it)")


class HandInForm(FlaskForm):
    text = TextAreaField("Your text")
    file = FileField("Attach a file (optional: PDF, PNG, JPEG, .txt or .docx, at most 5 MB)")


class FeedbackForm(FlaskForm):
    feedback = TextAreaField("Your feedback for the learner")
    send = SubmitField("Send feedback")
    complete = SubmitField("Send feedback and complete")
