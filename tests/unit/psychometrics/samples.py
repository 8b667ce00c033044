"""Shared test data: the content folder, a complete mini attempt and two e-mail replies."""

from pathlib import Path

ASSESSMENTS = Path(__file__).resolve().parents[3] / "assessments"

# A complete attempt of the mini instrument (see conftest.MINI_FILES).
FULL = {
    "a1": "5",
    "a2": "2",
    "a3": "3",
    "b1": "4",
    "b2": "1",
    "s1": "y",
    "f1": "p",
    "w1": "hello there friend",
}

GOOD_REPLY = """Dear Ms Okafor,

I am so sorry. You took a day off for us and nobody came or called - I completely
understand why you are disappointed.

I have checked your order BH-20417. The sofa is in our warehouse and the delivery was
cancelled by a scheduling mistake on our side. I have booked a new delivery for Thursday
between 8 am and 12 noon. If another day suits you better, just reply and I will change
it. If you would still prefer to cancel, I will arrange a full refund straight away.

I will call you on Wednesday afternoon to confirm the driver's time.

Kind regards,
Sam"""

POOR_REPLY = (
    "Hi, as per our policy deliveries may be rescheduled. Your ticket number is 55. "
    "You should have called earlier. Sorry."
)
