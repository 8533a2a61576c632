from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gezondewijk.pioneers.models import Competency, Level


class MeetingForm(forms.Form):
    agenda = forms.CharField(
        label=_("Agenda (cases)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class AttendanceForm(forms.Form):
    present = forms.TypedMultipleChoiceField(
        label=_("Present"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, members: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = members  # type: ignore[attr-defined]


class ReadingItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    author = forms.CharField(label=_("Author"), max_length=200, required=False)
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")


class ScheduleForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)


class SelfAssessmentForm(forms.Form):
    competency = forms.ChoiceField(label=_("Competency"), choices=Competency.choices)
    level = forms.TypedChoiceField(label=_("Level"), coerce=int, choices=Level.choices)
    note = forms.CharField(
        label=_("Note to yourself"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
