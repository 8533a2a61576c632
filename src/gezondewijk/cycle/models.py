"""The implementation cycle: steps as data, each wijk's steps taken, the region's strategy."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gezondewijk.places.models import Region, Wijk


class Step(models.Model):
    """A step of the cycle. The region administrator edits them; `key` ties advice to a step."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    order = models.PositiveSmallIntegerField(_("order"), unique=True)
    focus = models.CharField(_("what it is about"), max_length=200, blank=True)
    # Energy (0–100) a wijk should have before this step is advised.
    min_energy = models.PositiveSmallIntegerField(_("energy needed"), default=0)

    class Meta:
        verbose_name = _("cycle step")
        verbose_name_plural = _("cycle steps")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class Strategy(models.TextChoices):
    GOVERNMENT = "overheid", _("government and subsidy driven")
    COMMUNITY = "community", _("consumer and community driven")


class RegionStrategy(models.Model):
    region = models.OneToOneField(Region, on_delete=models.CASCADE, related_name="strategy")
    strategy = models.CharField(
        _("main strategy"), max_length=12, choices=Strategy.choices, default=Strategy.COMMUNITY
    )

    class Meta:
        verbose_name = _("region strategy")
        verbose_name_plural = _("region strategies")

    def __str__(self) -> str:
        return f"{self.region}: {self.get_strategy_display()}"


class CycleEntry(models.Model):
    """A wijk entered a step; the newest entry is its current step."""

    wijk = models.ForeignKey(Wijk, on_delete=models.CASCADE, related_name="cycle_entries")
    step = models.ForeignKey(Step, on_delete=models.PROTECT, related_name="entries")
    entered_at = models.DateTimeField(_("entered"), default=timezone.now)
    notes = models.TextField(_("notes"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("cycle entry")
        verbose_name_plural = _("cycle history")
        ordering = ["-entered_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.wijk_id}: {self.step_id} ({self.entered_at:%Y-%m-%d})"
