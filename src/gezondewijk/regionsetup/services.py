"""Writes of the region set-up: choosing the region's gemeenten, and starting an import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import translation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.places.models import Gemeente, Region
from gezondewijk.regionsetup.models import ImportKind, ImportRun
from gezondewijk.web import uploads

MAX_UPLOAD = 50 * uploads.MB
# What each kind of file must be, by its content: key figures as CSV, OData JSON or XLSX;
# boundaries as GeoJSON.
ACCEPTED: dict[str, set[str]] = {
    ImportKind.KEY_FIGURES: {"text", "zip"},
    ImportKind.BOUNDARIES: {"json"},
}


def _require(user: Any, region: Region) -> None:
    if not policy.allows(user, Permission.SET_UP_REGION, region):
        raise PermissionDenied


def _gemeente(code: str) -> Gemeente:
    gemeente = Gemeente.objects.select_related("region").filter(code=code.strip().upper()).first()
    if gemeente is None:
        raise ValidationError(_("The platform does not know gemeente %(code)s.") % {"code": code})
    return gemeente


def gemeente_add(*, user: Any, region: Region, code: str) -> Gemeente:
    """Make the gemeente part of `region`; one that belongs to another region is refused
    (a gemeente belongs to at most one region)."""
    _require(user, region)
    with transaction.atomic():
        gemeente = _gemeente(code)
        changed = Gemeente.objects.filter(pk=gemeente.pk, region__isnull=True).update(region=region)
        if not changed and gemeente.region_id != region.pk:
            assert gemeente.region is not None
            raise ValidationError(
                _("%(gemeente)s already belongs to region %(region)s.")
                % {"gemeente": gemeente, "region": gemeente.region.name}
            )
    gemeente.region = region
    return gemeente


def gemeente_remove(*, user: Any, region: Region, code: str) -> Gemeente:
    """Take the gemeente out of `region`; its areas and figures stay in the platform."""
    _require(user, region)
    gemeente = _gemeente(code)
    if gemeente.region_id != region.pk:
        raise ValidationError(
            _("%(gemeente)s is not part of region %(region)s.")
            % {"gemeente": gemeente, "region": region.name}
        )
    Gemeente.objects.filter(pk=gemeente.pk).update(region=None)
    gemeente.region = None
    return gemeente


def _file_name(name: str | None) -> str:
    """The uploaded file's own name, made safe; the importers read the year from it."""
    try:
        return get_valid_filename(Path(name or "").name)[-255:]
    except SuspiciousFileOperation:
        return "bestand"


def key_figure_options(
    *, region: Region, year: int | None, only_region: bool, join_region: bool
) -> dict[str, Any]:
    """The keyword options of `import_cbs_file` for an upload to `region`: the whole file or
    only the region's gemeenten; new gemeenten of the file into the region or not."""
    gemeenten: list[str] = []
    if only_region:
        gemeenten = list(region.gemeenten.order_by("code").values_list("code", flat=True))
        if not gemeenten:
            raise ValidationError(
                _(
                    "The region has no gemeenten yet: choose them first, or import every "
                    "gemeente in the file."
                )
            )
    return {
        "year": year,
        "gemeenten": gemeenten,
        "region_name": region.name if join_region else None,
    }


def boundary_options(*, level: str | None, year: int | None, skip_unknown: bool) -> dict[str, Any]:
    """The keyword options of `import_boundaries_file`."""
    return {"level": level or None, "year": year, "skip_unknown": skip_unknown}


def import_run_start(
    *, user: Any, region: Region, kind: str, upload: UploadedFile, options: dict[str, Any]
) -> ImportRun:
    """Check the upload (its content, its size) and queue its import; the import itself runs
    in the background and reports on the run."""
    _require(user, region)
    if kind not in ACCEPTED:
        raise ValidationError(_("Unknown kind of import."))
    uploads.check_upload(upload, accepted=ACCEPTED[kind], max_bytes=MAX_UPLOAD)
    from gezondewijk.regionsetup import tasks  # the task module imports the runs

    name = _file_name(upload.name)
    with transaction.atomic():
        run = ImportRun.objects.create(
            region=region,
            kind=kind,
            file_name=name,
            content=upload.read(),
            options=options,
            language=translation.get_language() or "nl",
        )
        transaction.on_commit(lambda: tasks.run_import.enqueue(run_id=run.pk))
    return run
