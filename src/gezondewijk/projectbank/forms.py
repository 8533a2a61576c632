"""Forms of the project bank pages; the services do the validating that matters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from gezondewijk.cycle.models import Step
from gezondewijk.projectbank.models import (
    BudgetCategory,
    Intervention,
    Phase,
    Recognition,
    Setting,
    Theme,
    WijkType,
)
from gezondewijk.web import uploads

# An exchange file holds a whole bank's interventions as JSON: a few MB at most.
MAX_EXCHANGE_BYTES = 20 * 1024 * 1024


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    theme = forms.MultipleChoiceField(
        label=_("Theme"), choices=Theme.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    setting = forms.MultipleChoiceField(
        label=_("Setting"),
        choices=Setting.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    recognition = forms.MultipleChoiceField(
        label=_("Recognition level"),
        choices=Recognition.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class InterventionForm(forms.ModelForm[Intervention]):
    themes = forms.MultipleChoiceField(
        label=_("Themes"), choices=Theme.choices, widget=forms.CheckboxSelectMultiple
    )
    settings = forms.MultipleChoiceField(
        label=_("Settings"),
        choices=Setting.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    evidence = forms.CharField(
        label=_("Evidence links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: a title, a space, then the link (https://…)."),
    )

    class Meta:
        model = Intervention
        fields = [
            "title",
            "summary",
            "aim",
            "target_group",
            "approach",
            "preconditions",
            "transferability",
            "costs",
            "cost_indication",
            "recognition",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("summary", "aim", "approach", "preconditions", "transferability", "costs")
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["themes"] = [t.theme for t in self.instance.themes.all()]
            self.initial["settings"] = [s.setting for s in self.instance.settings.all()]
            self.initial["evidence"] = "\n".join(
                f"{link.title} {link.url}" for link in self.instance.evidence_links.all()
            )

    def clean_evidence(self) -> list[dict[str, str]]:
        links = []
        for number, line in enumerate(self.cleaned_data["evidence"].splitlines(), start=1):
            if not line.strip():
                continue
            title, _space, url = line.strip().rpartition(" ")
            if not url.startswith(("http://", "https://")):
                raise forms.ValidationError(
                    _("Line %(n)s: end the line with a link that starts with https://.")
                    % {"n": number}
                )
            links.append({"title": title.strip() or url, "url": url})
        return links


class StepForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    duration_weeks = forms.IntegerField(label=_("Duration (weeks)"), min_value=1, max_value=520)
    roles = forms.CharField(
        label=_("Roles"), required=False, max_length=300, help_text=_("Separated by commas.")
    )
    position = forms.IntegerField(
        label=_("Position"), min_value=1, required=False, help_text=_("Empty: at the end.")
    )


class BudgetLineForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=BudgetCategory.choices)
    description = forms.CharField(label=_("Description"), max_length=200)
    amount = forms.DecimalField(
        label=_("Amount (EUR)"), min_value=0, max_digits=10, decimal_places=2
    )


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"))
    step = forms.TypedChoiceField(label=_("Step"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, steps: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [("", _("the playbook as a whole")), *steps]  # type: ignore[attr-defined]


class ExperienceForm(forms.Form):
    wijk_type = forms.ChoiceField(label=_("Type of wijk"), choices=WijkType.choices)
    target_group = forms.CharField(label=_("Target group"), max_length=200)
    what_worked = forms.CharField(label=_("What worked"), widget=forms.Textarea(attrs={"rows": 3}))
    what_did_not = forms.CharField(
        label=_("What did not work"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 6)],
        help_text=_("1 = did not work for us, 5 = worked very well."),
    )
    cycle_step = forms.ModelChoiceField(
        label=_("Step of the cycle"),
        queryset=Step.objects.order_by("order"),
        to_field_name="key",
        required=False,
        help_text=_("The step of the implementation cycle this experience belongs to, if any."),
    )

    def __init__(self, *args: Any, step_fixed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if step_fixed:  # on a step's own page the step is given
            del self.fields["cycle_step"]


class EndorseForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("On behalf of"), coerce=int)

    def __init__(self, *args: Any, organisations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = organisations  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Export file of another bank (JSON)"))

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        uploads.check_upload(upload, accepted={"json"}, max_bytes=MAX_EXCHANGE_BYTES)
        return upload
