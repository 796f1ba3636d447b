"""Validators for uploaded recipe images.

Never trust what the browser says about a file: its name and its Content-Type
header are whatever the sender chose. Look at the bytes.
"""

from django.conf import settings
from django.core.exceptions import ValidationError

# The first bytes of each accepted format (the "magic number").
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"


def validate_image_size(upload):
    """Refuse a file larger than settings.RECIPE_IMAGE_MAX_BYTES (code "too_large")."""
    # TODO: [static_media] refuse files over the limit.


def validate_image_type(upload):
    """Refuse anything but a PNG or a JPEG, judged by its first bytes (code "not_an_image").

    Leave the file as you found it, at its first byte, for whoever reads it next.
    """
    # TODO: [static_media] read the first bytes and compare them with the signatures.
