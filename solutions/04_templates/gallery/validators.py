"""Validators for uploaded recipe images.

Never trust what the browser says about a file: its name and its Content-Type
header are whatever the sender chose. Look at the bytes.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

# The first bytes of each accepted format (the "magic number").
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"


def validate_image_size(upload):
    """Refuse a file larger than settings.RECIPE_IMAGE_MAX_BYTES (code "too_large")."""
    # upload.size is known without reading the file. Read the setting here, at call
    # time, so override_settings (and a changed deploy) apply.
    limit = settings.RECIPE_IMAGE_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            "The picture is %(size)s; the limit is %(limit)s.",
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )


def validate_image_type(upload):
    """Refuse anything but a PNG or a JPEG, judged by its first bytes (code "not_an_image").

    Leave the file as you found it, at its first byte, for whoever reads it next.
    """
    upload.seek(0)
    head = upload.read(len(PNG_SIGNATURE))
    # Rewind for whoever reads next. Django's storage rewinds by itself (File.chunks()
    # seeks to 0), but a checksum or a resize step reading upload.read() may not.
    upload.seek(0)
    if not head.startswith((PNG_SIGNATURE, JPEG_SIGNATURE)):
        raise ValidationError("Upload a PNG or a JPEG picture.", code="not_an_image")
