from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gezondewijk.initiatives.models import Activity, MemberRole, Status, TargetGroup, Theme
from gezondewijk.people.models import Organisation
from gezondewijk.places.models import StrategicLocation, Wijk


class InitiativeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=160)
    description = forms.CharField(label=_("What do you want to do?"), widget=forms.Textarea)
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
    )
    wijken = forms.ModelMultipleChoiceField(
        label=_("Wijken"), queryset=Wijk.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner organisations"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args: Any, wijken: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["wijken"].queryset = wijken  # type: ignore[attr-defined]
        self.fields["partners"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            gemeente__wijken__in=wijken
        ).distinct()

    def for_service(self) -> dict[str, Any]:
        """The cleaned data as the initiative services take it."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "description": data["description"],
            "themes": list(data["themes"]),
            "wijken": list(data["wijken"]),
            "partners": list(data["partners"]),
        }


class JoinForm(forms.Form):
    role = forms.ChoiceField(
        label=_("How do you want to take part?"),
        choices=[(v, label) for v, label in MemberRole.choices if v != MemberRole.INITIATIEFNEMER],
        initial=MemberRole.DEELNEMER,
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, allowed: frozenset[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if allowed is not None:  # offer only the statuses that may follow the current one
            self.fields["status"].choices = [  # type: ignore[attr-defined]
                (value, label) for value, label in Status.choices if value in allowed
            ]


class ActivityForm(forms.ModelForm[Activity]):
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups reached"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Activity
        fields = ["title", "date", "location", "participants", "target_groups"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, wijken: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = StrategicLocation.objects.filter(  # type: ignore[attr-defined]
            buurt__wijk__in=wijken
        )


class BeliefsForm(forms.Form):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes I believe in"),
        queryset=Theme.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
