from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gezondewijk.people.models import Organisation, OrganisationType
from gezondewijk.pioneers.models import AssignmentStatus, Competency, Level, Obstacle


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


class AssignmentForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name")
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 4}))
    obstacle = forms.ChoiceField(label=_("Obstacle"), choices=Obstacle.choices)
    solution = forms.CharField(label=_("Solution to work on"), max_length=200, required=False)


class AssignStudentsForm(forms.Form):
    hogeschool = forms.ModelChoiceField(
        label=_("Hogeschool"),
        queryset=Organisation.objects.filter(type=OrganisationType.HOGESCHOOL).order_by("name"),
    )
    students = forms.CharField(
        label=_("Students"), max_length=300, help_text=_("Names, separated by commas.")
    )


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=AssignmentStatus.choices)
    deliverable_url = forms.URLField(
        label=_("Deliverable (link)"), required=False, assume_scheme="https"
    )
    deliverable_summary = forms.CharField(
        label=_("Deliverable (summary)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
