from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gezondewijk.finance.models import Decision
from gezondewijk.initiatives.models import Initiative, Theme
from gezondewijk.places.models import Wijk
from gezondewijk.projectbank.models import Intervention


def euro(label: Any, *, required: bool = True) -> forms.DecimalField:
    """A positive sum of euros and cents."""
    return forms.DecimalField(
        label=label, max_digits=12, decimal_places=2, min_value=Decimal("0.01"), required=required
    )


class ApplicationForm(forms.Form):
    wijk = forms.ModelChoiceField(queryset=Wijk.objects.none(), label=_("Wijk"))
    theme = forms.ModelChoiceField(queryset=Theme.objects.none(), label=_("Theme"))
    intervention = forms.ModelChoiceField(
        queryset=Intervention.objects.order_by("title"),
        label=_("Intervention from the project bank"),
        required=False,
    )
    amount = euro(_("Amount (EUR)"))
    expected_result = forms.CharField(label=_("Expected result"), widget=forms.Textarea)
    budget = forms.CharField(
        label=_("Budget lines"),
        widget=forms.Textarea,
        help_text=_("One line per item: description; amount. For example: Hall rent; 250.00"),
    )

    def __init__(self, *args: Any, initiative: Initiative, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["wijk"].queryset = initiative.wijken.all()  # type: ignore[attr-defined]
        self.fields["theme"].queryset = initiative.themes.all()  # type: ignore[attr-defined]

    def clean_budget(self) -> list[tuple[str, Decimal]]:
        lines = []
        for number, raw in enumerate(self.cleaned_data["budget"].splitlines(), start=1):
            if not raw.strip():
                continue
            text, sep, amount = raw.rpartition(";")
            try:
                value = Decimal(amount.strip().replace(",", "."))
            except ArithmeticError:
                value = None
            if not sep or value is None or not value.is_finite():
                raise forms.ValidationError(
                    _("Line %(n)s: write “description; amount”.") % {"n": number}
                )
            lines.append((text.strip(), value))
        return lines


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=Decision.choices, label=_("Decision"))
    approved_amount = euro(_("Approved amount (EUR)"), required=False)
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea, required=False)


class TrancheForm(forms.Form):
    amount = euro(_("Tranche (EUR)"))


class SpendingForm(forms.Form):
    amount = euro(_("Amount spent (EUR)"))
    description = forms.CharField(label=_("Spent on"), max_length=300)
    receipt = forms.FileField(label=_("Receipt (PDF, PNG or JPEG)"))


class ScenarioForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    base_premium = euro(_("Base premium per adult per month (EUR)"))
    collective_discount_pct = forms.DecimalField(
        label=_("Collective discount (%)"), min_value=0, max_value=100, decimal_places=2
    )
    market_premium = euro(_("Market premium per adult per month (EUR)"))
    base_uptake_pct = forms.DecimalField(
        label=_("Base uptake (%)"), min_value=0, max_value=100, decimal_places=2
    )
    uptake_per_euro_pct = forms.DecimalField(
        label=_("Extra uptake per euro cheaper (points)"), min_value=0, decimal_places=2
    )
    combination_pays = forms.DecimalField(
        label=_("Combination pays per member per month (EUR)"), min_value=0, decimal_places=2
    )
    partners = forms.CharField(
        label=_("Partners"),
        widget=forms.Textarea,
        help_text=_("One per line: name; share %; discount %; yearly spend per member"),
    )
    households = forms.CharField(
        label=_("Households"),
        widget=forms.Textarea,
        help_text=_(
            "One per line: type; number (alleenstaand, paar, gezin, eenoudergezin, anders)"
        ),
    )

    def clean_partners(self) -> list[dict[str, Any]]:
        partners = []
        for number, raw in enumerate(self.cleaned_data["partners"].splitlines(), start=1):
            if not raw.strip():
                continue
            parts = [p.strip() for p in raw.split(";")]
            try:
                name, share, discount, spend = parts
                numbers = [Decimal(x.replace(",", ".")) for x in (share, discount, spend)]
            except (ValueError, ArithmeticError) as error:
                raise forms.ValidationError(
                    _("Line %(n)s: write “name; share; discount; spend”.") % {"n": number}
                ) from error
            partners.append(
                {
                    "name": name,
                    "share_pct": numbers[0],
                    "discount_pct": numbers[1],
                    "spend": numbers[2],
                }
            )
        return partners

    def clean_households(self) -> dict[str, int]:
        households = {}
        for number, raw in enumerate(self.cleaned_data["households"].splitlines(), start=1):
            if not raw.strip():
                continue
            kind, _sep, count = raw.partition(";")
            if not count.strip().isdigit():
                raise forms.ValidationError(_("Line %(n)s: write “type; number”.") % {"n": number})
            households[kind.strip()] = int(count)
        return households
