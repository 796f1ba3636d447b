"""Validators: plain functions that raise ValidationError, reusable by any field
(a form field, a model field, a DRF serializer field)."""

from django.core.exceptions import ValidationError


def validate_not_shouting(value):
    """Refuse a title written in capitals: "BEST EVER PIE".

    A title shouts when it has at least 4 letters and every letter is a capital.
    "BLT sandwich" (lower-case letters) and "BLT" (3 letters) are fine.
    Error code: "shouting".
    """
    letters = [char for char in value if char.isalpha()]
    if len(letters) >= 4 and all(char.isupper() for char in letters):
        # The code is the contract (clients and specs match on it); the message is for
        # people and may be reworded or translated.
        raise ValidationError(
            "Please don't shout: write the title in normal case.", code="shouting"
        )
