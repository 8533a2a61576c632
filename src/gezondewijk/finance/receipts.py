"""What a receipt may be: a PDF, PNG or JPEG of modest size, recognised by its content as
well as its name (a renamed executable is not a receipt)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from gezondewijk.web import uploads

# The extensions a receipt may have; its content must match (web.uploads knows the bytes).
EXTENSIONS = ("pdf", "png", "jpg", "jpeg")
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def max_bytes() -> int:
    return int(getattr(settings, "GEZONDEWIJK_RECEIPT_MAX_BYTES", DEFAULT_MAX_BYTES))


def check_receipt(upload: UploadedFile) -> None:
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTENSIONS:
        raise ValidationError(
            {
                "file": _("“%(name)s” is not a PDF, PNG or JPEG file; upload the receipt as one.")
                % {"name": name}
            }
        )
    if upload.size is None or upload.size > max_bytes():
        raise ValidationError(
            {
                "file": _("“%(name)s” is larger than %(mb)s MB.")
                % {"name": name, "mb": max_bytes() // (1024 * 1024)}
            }
        )
    upload.seek(0)
    head = upload.read(uploads.HEAD_BYTES)
    upload.seek(0)
    if uploads.kind_of(head) != uploads.KIND_OF_EXTENSION[extension]:
        raise ValidationError(
            {
                "file": _("“%(name)s” does not contain a %(type)s file.")
                % {"name": name, "type": extension.upper()}
            }
        )
