"""One import of a region's data (key figures or boundaries) run in the background."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gezondewijk.places.models import Region


class ImportKind(models.TextChoices):
    KEY_FIGURES = "kerncijfers", _("key figures")
    BOUNDARIES = "grenzen", _("boundaries")


class ImportStatus(models.TextChoices):
    QUEUED = "wachtrij", _("queued")
    RUNNING = "bezig", _("running")
    DONE = "klaar", _("done")
    FAILED = "mislukt", _("failed")


# The importers' stages (places.importers.cbs.Stage and the boundary import's), as shown.
STAGE_LABELS = {
    "read": _("reading the file"),
    "validate": _("checking"),
    "check": _("checking"),
    "write": _("writing"),
    "done": _("done"),
}


class ImportRun(models.Model):
    """An uploaded file on its way into the database, with its progress and its outcome.

    The file travels in the row itself, so a worker on another machine can read it; it is
    emptied when the run ends. `report` holds the importer's counts (the same the commands
    print), `message` the importer's refusal when the file was bad (nothing was changed then).
    """

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="import_runs"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ImportKind.choices)
    file_name = models.CharField(_("file"), max_length=255)
    content = models.BinaryField(default=b"", editable=False)
    # The importer's keyword options as chosen on the form (year, level, gemeenten, ...).
    options = models.JSONField(default=dict, blank=True)
    # The language of the person who started it: the importer's messages are in it.
    language = models.CharField(max_length=8, default="nl")
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    stage = models.CharField(_("stage"), max_length=60, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=1)
    report = models.JSONField(default=dict, blank=True)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def busy(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def stage_label(self) -> str:
        return str(STAGE_LABELS.get(self.stage, self.stage))
