"""What the site needs to know about a demo build: that the database holds one, and which."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoKind(models.TextChoices):
    UTRECHT = "utrecht", _("real city (Utrecht) with invented content")
    FICTIONAL = "fictional", _("fictional region")


class DemoBuild(models.Model):
    """Written by `gezondewijk demo`: the footer of every page then says what is invented."""

    kind = models.CharField(_("kind"), max_length=20, choices=DemoKind.choices)
    seed = models.IntegerField(_("seed"))
    residents = models.PositiveIntegerField(_("residents"))
    built_at = models.DateTimeField(_("built at"), auto_now_add=True)

    class Meta:
        verbose_name = _("demo build")
        verbose_name_plural = _("demo builds")

    def __str__(self) -> str:
        return f"{self.kind} ({self.built_at:%Y-%m-%d})"
