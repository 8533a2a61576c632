"""The resident's own network ("mijn wijk") and the aggregated results of network analysis.

A tie belongs to the resident who records it. Another resident appears in the analysis only
when both recorded and confirmed the tie and both consented to network analysis. Results are
stored as counts per community, buurt, wijk and place; never a person's ties.
"""

from __future__ import annotations

import operator
import secrets
from functools import reduce

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gezondewijk.people.models import Organisation
from gezondewijk.places.models import Region, StrategicLocation

MAX_TIES_PER_RESIDENT = 150  # about Dunbar's number: beyond this a "tie" means little


class TieKind(models.TextChoices):
    FAMILIE = "familie", _("family")
    VRIEND = "vriend", _("friend")
    BUUR = "buur", _("neighbour")
    COLLEGA = "collega", _("colleague")
    KENNIS = "kennis", _("acquaintance")
    HULPVERLENER = "hulpverlener", _("care or welfare professional")
    PLEK = "plek", _("place I visit")
    INITIATIEF = "initiatief", _("initiative I take part in")
    ANDERS = "anders", _("other")


class Frequency(models.TextChoices):
    DAILY = "dagelijks", _("daily")
    WEEKLY = "wekelijks", _("weekly")
    MONTHLY = "maandelijks", _("monthly")
    RARELY = "zelden", _("a few times a year or less")


class TargetType(models.TextChoices):
    RESIDENT = "inwoner", _("a resident on the platform")
    CONTACT = "contact", _("someone not on the platform")
    ORGANISATION = "organisatie", _("a professional or organisation")
    LOCATION = "plek", _("a place")
    INITIATIVE = "initiatief", _("an initiative")


# What a tie gives: the boolean fields of a Tie, with the Dutch codes used in exports.
SUPPORT_FIELDS: dict[str, str] = {
    "practical_help": "praktische_hulp",
    "emotional_support": "emotionele_steun",
    "information": "informatie",
    "company": "gezelligheid",
}
SUPPORT_LABELS = {
    "practical_help": _("practical help"),
    "emotional_support": _("emotional support"),
    "information": _("information"),
    "company": _("good company"),
}


def _new_connect_code() -> str:
    # Eight characters from an alphabet without look-alikes (0/O, 1/l/I).
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(8))


class NetworkProfile(models.Model):
    """A resident's choices about their network: how others connect, whether to be visible."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_profile"
    )
    # Residents connect by sharing this code, so nobody can look others up by name or e-mail.
    connect_code = models.CharField(
        _("connect code"), max_length=8, unique=True, default=_new_connect_code
    )
    visible_as_connector = models.BooleanField(
        _("coordinators may see me as a connector (verbinder)"), default=False
    )

    class Meta:
        verbose_name = _("network profile")
        verbose_name_plural = _("network profiles")

    def __str__(self) -> str:
        return str(self.user)


# Which field holds the target of each type; a contact has none (only its private label).
TARGET_FIELDS: dict[str, str | None] = {
    TargetType.RESIDENT: "resident",
    TargetType.CONTACT: None,
    TargetType.ORGANISATION: "organisation",
    TargetType.LOCATION: "location",
    TargetType.INITIATIVE: "initiative_id",
}


def _exactly_the_target_of_its_type() -> Q:
    fields = [f for f in TARGET_FIELDS.values() if f]
    return reduce(
        operator.or_,
        (
            Q(target_type=target_type, **{f"{f}__isnull": f != own for f in fields})
            for target_type, own in TARGET_FIELDS.items()
        ),
    )


class Tie(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ties"
    )
    target_type = models.CharField(_("with"), max_length=12, choices=TargetType.choices)
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="ties_to_me",
    )
    # A contact who is not on the platform: a label only the owner sees ("buurvrouw Ans").
    contact_label = models.CharField(_("name or description"), max_length=80, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="ties",
    )
    location = models.ForeignKey(
        StrategicLocation,
        verbose_name=_("place"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="ties",
    )
    # Initiatives live in a higher app; it registers itself as a target source (sources.py).
    initiative_id = models.PositiveBigIntegerField(_("initiative"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=TieKind.choices)
    strength = models.PositiveSmallIntegerField(
        _("strength"), choices=[(1, _("weak")), (2, _("medium")), (3, _("strong"))], default=2
    )
    frequency = models.CharField(
        _("how often we meet"), max_length=12, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    practical_help = models.BooleanField(_("practical help"), default=False)
    emotional_support = models.BooleanField(_("emotional support"), default=False)
    information = models.BooleanField(_("information"), default=False)
    company = models.BooleanField(_("good company"), default=False)
    # For a tie to another resident: set when that resident confirmed it.
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # Set when that resident said they do not know the owner: no longer offered to confirm.
    declined_at = models.DateTimeField(_("declined"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("tie")
        verbose_name_plural = _("ties")
        ordering = ["-strength", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(strength__gte=1, strength__lte=3), name="tie_strength_1_to_3"
            ),
            models.CheckConstraint(
                condition=_exactly_the_target_of_its_type(),
                name="tie_has_exactly_the_target_of_its_type",
            ),
            models.CheckConstraint(
                condition=~Q(owner=models.F("resident")), name="tie_not_to_oneself"
            ),
            models.UniqueConstraint(
                fields=["owner", "resident"],
                condition=Q(resident__isnull=False),
                name="tie_unique_resident",
            ),
            models.UniqueConstraint(
                fields=["owner", "organisation"],
                condition=Q(organisation__isnull=False),
                name="tie_unique_organisation",
            ),
            models.UniqueConstraint(
                fields=["owner", "location"],
                condition=Q(location__isnull=False),
                name="tie_unique_location",
            ),
            models.UniqueConstraint(
                fields=["owner", "initiative_id"],
                condition=Q(initiative_id__isnull=False),
                name="tie_unique_initiative",
            ),
            models.UniqueConstraint(
                fields=["owner", "contact_label"],
                condition=Q(target_type="contact"),
                name="tie_unique_contact_label",
            ),
        ]
        indexes = [models.Index(fields=["resident", "owner"], name="tie_reverse_idx")]

    def __str__(self) -> str:
        return f"{self.owner_id} → {self.target_type} ({self.get_kind_display()})"

    @property
    def supports(self) -> list[str]:
        return [code for field, code in SUPPORT_FIELDS.items() if getattr(self, field)]


class RunStatus(models.TextChoices):
    QUEUED = "wachtrij", _("queued")
    RUNNING = "bezig", _("running")
    DONE = "klaar", _("done")
    FAILED = "mislukt", _("failed")


class NetworkRun(models.Model):
    """One computation of the network analysis of a region, with its progress and results.

    `results` holds counts only (see engine.NetworkResults): communities per wijk, links
    between communities, reach of places, isolation per buurt, connectors by user id (shown
    only for those who chose to be visible). Suppression happens when they are read, so a
    change of k applies to old runs too.
    """

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="network_runs")
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    stage = models.CharField(_("stage"), max_length=60, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=1)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    results = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("network analysis run")
        verbose_name_plural = _("network analysis runs")
        ordering = ["-created_at"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"{self.region} {self.created_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done / max(self.total, 1)))
