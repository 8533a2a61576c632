from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gezondewijk.places.geometry import boundary_problem
from gezondewijk.places.models import Buurt, StrategicLocation, Wijk


class AreaAdminForm(forms.ModelForm[Any]):
    """The admin's form for a gemeente, wijk or buurt: a boundary typed in passes the same
    check as an imported one (places/geometry.py), so a broken one cannot blank the map."""

    def clean_boundary(self) -> object:
        boundary = self.cleaned_data.get("boundary")
        if boundary is None:
            return None
        problem = boundary_problem(boundary)
        if problem is not None:
            raise ValidationError(
                _("This boundary cannot be used: %(reason)s.") % {"reason": problem},
                code="invalid_boundary",
            )
        return boundary


class LocationForm(forms.ModelForm[StrategicLocation]):
    class Meta:
        model = StrategicLocation
        fields = ["name", "kind", "buurt", "address", "latitude", "longitude", "description"]

    def __init__(self, *args: object, wijk: Wijk, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Only the buurten of this wijk can be chosen.
        self.fields["buurt"].queryset = Buurt.objects.filter(wijk=wijk)  # type: ignore[attr-defined]
