"""Form validators shared by the slices."""

import re

from wtforms.validators import Regexp

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
EMAIL = Regexp(EMAIL_PATTERN, message="Enter an e-mail address like name@example.com.")
