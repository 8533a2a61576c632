"""The roles a person may hold over a scope (a region, a gemeente or a wijk)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESIDENT = "inwoner", _("resident")
    INITIATIVE_LEAD = "initiatiefnemer", _("initiative lead")
    COORDINATOR = "coordinator", _("coordinator")
    PROFESSIONAL = "professional", _("professional")
    FUNDER = "financier", _("funder")
    RESEARCHER = "onderzoeker", _("researcher")
    REGION_ADMIN = "regiobeheerder", _("region administrator")
