"""The Gezondheidsplein: what organisations themselves run at the places residents go to.

Initiatives keep their own activities (`initiatives.Activity`); an organisation's weekly
walk or consultation hour lives here, so the calendar can show both side by side.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from gezondewijk.initiatives.models import Theme
from gezondewijk.people.models import Organisation
from gezondewijk.places.models import StrategicLocation


class OrganisationActivity(models.Model):
    # A stable key, so a social map exchanged with another platform updates, never doubles.
    code = models.SlugField(_("code"), max_length=80, unique=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="plein_activities",
    )
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    location = models.ForeignKey(
        StrategicLocation,
        verbose_name=_("strategic location"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plein_activities",
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="plein_activities"
    )

    class Meta:
        verbose_name = _("activity of an organisation")
        verbose_name_plural = _("activities of organisations")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=F("starts_at")),
                name="organisation_activity_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%Y-%m-%d %H:%M})"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("An activity ends after it starts.")})
