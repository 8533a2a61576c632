"""Forms of "mijn wijk": adding and describing a tie, and the resident's choices."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from gezondewijk.network.models import SUPPORT_LABELS, Frequency, TargetType, TieKind
from gezondewijk.network.services import TieDetails

SUPPORT_CHOICES = list(SUPPORT_LABELS.items())


class TieDetailsForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=TieKind.choices)
    strength = forms.TypedChoiceField(
        label=_("How close"),
        coerce=int,
        choices=[(1, _("weak")), (2, _("medium")), (3, _("strong"))],
        initial=2,
    )
    frequency = forms.ChoiceField(
        label=_("How often do you meet?"), choices=Frequency.choices, initial=Frequency.WEEKLY
    )
    supports = forms.MultipleChoiceField(
        label=_("What does this tie give you?"),
        choices=SUPPORT_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def details(self) -> TieDetails:
        data = self.cleaned_data
        return TieDetails(
            kind=data["kind"],
            strength=data["strength"],
            frequency=data["frequency"],
            supports=frozenset(data["supports"]),
        )


class TieForm(TieDetailsForm):
    """A new tie: first with whom, then how it is."""

    target_type = forms.ChoiceField(label=_("With"), choices=TargetType.choices)
    connect_code = forms.CharField(
        label=_("Their connect code"),
        required=False,
        max_length=8,
        help_text=_("Ask the other resident for the code on their own “mijn wijk” page."),
    )
    contact_label = forms.CharField(
        label=_("Name or description (only you see this)"), required=False, max_length=80
    )
    organisation = forms.TypedChoiceField(
        label=_("Organisation"), coerce=int, required=False, empty_value=None
    )
    location = forms.TypedChoiceField(
        label=_("Place"), coerce=int, required=False, empty_value=None
    )
    initiative = forms.TypedChoiceField(
        label=_("Initiative"), coerce=int, required=False, empty_value=None
    )

    field_order = [
        "target_type",
        "connect_code",
        "contact_label",
        "organisation",
        "location",
        "initiative",
        "kind",
        "strength",
        "frequency",
        "supports",
    ]

    def __init__(self, *args: Any, choices: dict[str, list[tuple[int, str]]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        blank: list[tuple[Any, str]] = [("", "—")]
        for name, key in (
            ("organisation", "organisations"),
            ("location", "locations"),
            ("initiative", "initiatives"),
        ):
            cast(forms.ChoiceField, self.fields[name]).choices = blank + choices[key]
        if not choices["initiatives"]:
            del self.fields["initiative"]
            cast(forms.ChoiceField, self.fields["target_type"]).choices = [
                c for c in TargetType.choices if c[0] != TargetType.INITIATIVE
            ]


class ChoicesForm(forms.Form):
    counts_in_analysis = forms.BooleanField(
        label=_(
            "Count my ties in the network figures of the neighbourhood (never shown individually)"
        ),
        required=False,
    )
    visible_as_connector = forms.BooleanField(
        label=_("Coordinators may see me as a connector (verbinder) between groups"),
        required=False,
    )
