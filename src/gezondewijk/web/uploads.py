"""Uploaded files: recognised by their first bytes, never by their name alone, and bounded in
size. Every upload form and view goes through `check_upload` (or, for a file type chosen by its
extension, through `kind_of` and `KIND_OF_EXTENSION`), so a renamed executable or a 1 GB file is
refused with a message that says why."""

from __future__ import annotations

from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

# The bytes every file of a binary kind starts with.
SIGNATURES: dict[str, bytes] = {
    "pdf": b"%PDF-",
    "png": b"\x89PNG\r\n\x1a\n",
    "jpeg": b"\xff\xd8\xff",
    # XLSX, DOCX, PPTX and the OpenDocument formats are ZIP archives.
    "zip": b"PK\x03\x04",
}
# Extension -> the kind its content must be ("text": UTF-8 text without NUL bytes).
KIND_OF_EXTENSION: dict[str, str] = {
    "pdf": "pdf",
    "png": "png",
    "jpg": "jpeg",
    "jpeg": "jpeg",
    "docx": "zip",
    "xlsx": "zip",
    "pptx": "zip",
    "odt": "zip",
    "ods": "zip",
    "odp": "zip",
    "txt": "text",
    "csv": "text",
    "json": "json",
}
# How each kind is named to the person uploading.
KIND_NAMES: dict[str, str] = {
    "pdf": "PDF",
    "png": "PNG",
    "jpeg": "JPEG",
    "zip": "XLSX/DOCX/ODF",
    "text": "CSV/TXT",
    "json": "JSON",
}
HEAD_BYTES = 4096
MB = 1024 * 1024


def _is_text(head: bytes, *, complete: bool) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A cut after HEAD_BYTES may split a character; only an error before the last few
        # bytes counts.
        if complete or error.start < len(head) - 4:
            return False
    return True


def kind_of(head: bytes, *, complete: bool = False) -> str:
    """What the first bytes of a file say it is: a key of SIGNATURES, "json", "text" or
    "unknown". `complete` when `head` is the whole file."""
    for kind, signature in SIGNATURES.items():
        if head.startswith(signature):
            return kind
    if not _is_text(head, complete=complete):
        return "unknown"
    if head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] in (b"{", b"["):
        return "json"
    return "text"


def check_upload(upload: UploadedFile, *, accepted: Collection[str], max_bytes: int) -> None:
    """Refuses an empty file, a file over `max_bytes`, and one whose content is not one of the
    `accepted` kinds ("json" counts as "text" too). Raises ValidationError; the file is left
    at its start."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("The file is empty."))
    if size > max_bytes:
        raise ValidationError(
            _("The file is larger than %(mb)s MB.") % {"mb": f"{max_bytes / MB:g}"}
        )
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    kind = kind_of(head, complete=size <= HEAD_BYTES)
    if kind == "json" and "text" in accepted:
        return
    if kind not in accepted:
        raise ValidationError(
            _("The content of “%(name)s” is not a %(kinds)s file.")
            % {
                "name": upload.name or "?",
                "kinds": _(" or ").join(KIND_NAMES[k] for k in sorted(accepted)),
            }
        )
