"""What a receipt may be: a PDF, PNG or JPEG of modest size, recognised by its content as
well as its name (a renamed executable is not a receipt)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

# Extension -> the bytes every file of that type starts with.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def max_bytes() -> int:
    return int(getattr(settings, "GEZONDEWIJK_RECEIPT_MAX_BYTES", DEFAULT_MAX_BYTES))


def check_receipt(upload: UploadedFile) -> None:
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in SIGNATURES:
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
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(SIGNATURES[extension]):
        raise ValidationError(
            {
                "file": _("“%(name)s” does not contain a %(type)s file.")
                % {"name": name, "type": extension.upper()}
            }
        )
