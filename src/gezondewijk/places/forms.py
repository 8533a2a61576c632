from django import forms

from gezondewijk.places.models import Buurt, StrategicLocation, Wijk


class LocationForm(forms.ModelForm[StrategicLocation]):
    class Meta:
        model = StrategicLocation
        fields = ["name", "kind", "buurt", "address", "latitude", "longitude", "description"]

    def __init__(self, *args: object, wijk: Wijk, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Only the buurten of this wijk can be chosen.
        self.fields["buurt"].queryset = Buurt.objects.filter(wijk=wijk)  # type: ignore[attr-defined]
