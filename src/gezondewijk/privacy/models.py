"""Consent and the access log: the records that make privacy checkable."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    """What a resident may agree their data is used for; each is asked for separately."""

    NEIGHBOURHOOD_AGGREGATES = "wijkcijfers", _("count in neighbourhood figures")
    PANEL = "wijkpanel", _("take part in the neighbourhood panel")
    RESEARCH = "onderzoek", _("use in research by the region")
    REFERRAL_FEEDBACK = "terugkoppeling", _("let my referrer hear how it went")
    NETWORK_ANALYSIS = "netwerkanalyse", _("count my ties in network figures of the neighbourhood")


class Consent(models.Model):
    """One grant of consent; withdrawing keeps the record and sets withdrawn_at."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(_("purpose"), max_length=32, choices=Purpose.choices)
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-granted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "purpose"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_active_consent_per_purpose",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.granted_at:%Y-%m-%d})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class AccessLog(models.Model):
    """Every read of another person's personal data: who, whose, what and why."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="accesses_made",
    )
    # An organisation's system (an API key) reads without a person: the log names it instead,
    # so the resident still sees who looked.
    system = models.CharField(_("system"), max_length=200, blank=True)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="accesses_to_me",
    )
    resource = models.CharField(_("what was read"), max_length=120)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.reader} → {self.subject}: {self.resource}"

    @property
    def reader(self) -> str:
        """Who read: the person, or the organisation's system; "?" once an actor is erased."""
        return str(self.actor or self.system or "?")
