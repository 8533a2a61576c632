"""The upload forms of the region set-up: the file and the importer's options."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gezondewijk.places.codes import Level

FIRST_YEAR, LAST_YEAR = 1990, 2100


class KeyFiguresForm(forms.Form):
    bestand = forms.FileField(
        label=_("Key-figures file"),
        help_text=_(
            "CBS 'Kerncijfers wijken en buurten' as CSV or XLSX, or a StatLine/OData table "
            "as CSV or JSON."
        ),
    )
    year = forms.IntegerField(
        label=_("Year of the figures"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text=_("Leave empty to take the year from the file."),
    )
    only_region = forms.BooleanField(
        label=_("Only the gemeenten of this region (and their wijken and buurten)"),
        required=False,
        help_text=_("Each of them must be in the file."),
    )
    join_region = forms.BooleanField(
        label=_("Add the file's gemeenten that belong to no region yet to this region"),
        required=False,
        initial=True,
    )


class BoundariesForm(forms.Form):
    bestand = forms.FileField(
        label=_("Boundary file"),
        help_text=_("GeoJSON as CBS and PDOK publish it (features with a statcode)."),
    )
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("as the file says")), *((lvl.value, lvl.value) for lvl in Level)],
    )
    year = forms.IntegerField(
        label=_("Year of the area division"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
    )
    skip_unknown = forms.BooleanField(
        label=_("Skip features whose code the platform does not know"),
        required=False,
        help_text=_("Otherwise an unknown code refuses the whole file."),
    )
