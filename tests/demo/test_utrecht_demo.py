"""`gezondewijk demo`: gemeente Utrecht's real areas and figures, with invented content."""

import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.test import Client
from shapely.geometry import Point, shape

from gezondewijk.demo.builders.utrecht import population
from gezondewijk.demo.models import DemoBuild, DemoKind
from gezondewijk.indicators.models import Figure
from gezondewijk.initiatives.models import Initiative
from gezondewijk.places.models import (
    Buurt,
    Gemeente,
    KeyFigureSet,
    Region,
    StrategicLocation,
    Wijk,
)

pytestmark = pytest.mark.django_db

RESIDENTS = 300
WIJKEN = {
    "WK034401": "Wijk 01 West",
    "WK034402": "Wijk 02 Noordwest",
    "WK034403": "Wijk 03 Overvecht",
    "WK034404": "Wijk 04 Noordoost",
    "WK034405": "Wijk 05 Oost",
    "WK034406": "Wijk 06 Binnenstad",
    "WK034407": "Wijk 07 Zuid",
    "WK034408": "Wijk 08 Zuidwest",
    "WK034409": "Wijk 09 Leidsche Rijn",
    "WK034410": "Wijk 10 Vleuten-De Meern",
}


@pytest.fixture
def utrecht() -> str:
    out = StringIO()
    call_command("demo", "--residents", str(RESIDENTS), "-v0", stdout=out, stderr=StringIO())
    return out.getvalue()


# Two builds in all (a build takes a few seconds): what is real, and what is invented.


def test_the_areas_boundaries_and_figures_are_gemeente_utrecht_s_and_every_page_says_so(
    utrecht: str,
) -> None:
    region = Region.objects.get()
    assert region.name == "Regio Utrecht"
    gemeente = Gemeente.objects.get()
    assert (gemeente.code, gemeente.name, gemeente.region) == ("GM0344", "Utrecht", region)
    assert dict(Wijk.objects.values_list("code", "name")) == WIJKEN
    assert Buurt.objects.count() == 111
    assert Buurt.objects.get(code="BU03440111").name == "Welgelegen, Den Hommel"
    for model in (Gemeente, Wijk, Buurt):
        assert not model.objects.filter(boundary__isnull=True).exists(), model.__name__
    assert gemeente.boundary["type"] in {"Polygon", "MultiPolygon"}
    assert "wijken: 10" in utrecht
    assert "buurten: 111" in utrecht

    # Both CBS years side by side (Overvecht: 34 910 inhabitants in 2023, 35 255 in 2024); the
    # area shows the newest figure of each kind, so 2023's land area survives 2024's early
    # release, which has none.
    history = KeyFigureSet.objects.filter(area_code="WK034403").order_by("year")
    assert list(history.values_list("year", "inhabitants")) == [(2023, 34_910), (2024, 35_255)]
    assert KeyFigureSet.objects.filter(year=2023).count() == 122
    assert KeyFigureSet.objects.filter(year=2024).count() == 122
    overvecht = Wijk.objects.get(code="WK034403")
    assert (overvecht.inhabitants, overvecht.area_total_ha) == (35_255, 848)
    assert Gemeente.objects.get().inhabitants == 374_238
    # The benchmark's resident count: the buurten's inhabitants (CBS rounds each to 5).
    assert population() == sum(Buurt.objects.values_list("inhabitants", flat=True)) == 374_200
    # The GGD monitor's 2024 row of GM0344, as published (good experienced health 63.8%).
    health = Figure.objects.get(
        source="external", figure="GoedErvarenGezondheid_6", area_code="GM0344"
    )
    assert (health.period, health.value) == (2024, 63.8)
    # No figure is invented for the real city: only the GGD row is external.
    assert not Figure.objects.exclude(area_code="GM0344").filter(source="external").exists()
    assert not Figure.objects.filter(source="cbs").exists()

    # The footer, once per page: what is invented, what is real, with the credit.
    assert DemoBuild.objects.get().kind == DemoKind.UTRECHT
    page = Client().get("/inloggen/").content.decode()
    assert page.count('class="demo-note"') == 1
    assert "Bron: CBS, CC BY 4.0" in page
    assert "zijn verzonnen" in page


def test_the_invented_content_reads_like_the_city(utrecht: str) -> None:
    # Residents live in the buurten in proportion to their real inhabitants.
    buurten = Buurt.objects.annotate(
        # The generated residents (inwonerN@), not the log-ins placed in one buurt.
        n=models.Count("residents", filter=models.Q(residents__user__email__regex=r"^inwoner\d+@"))
    ).values_list("inhabitants", "n")
    total_inhabitants = sum(i or 0 for i, _ in buurten)
    total_residents = sum(r for _, r in buurten)
    assert total_residents == RESIDENTS
    for inhabitants, residents in buurten:
        expected = RESIDENTS * (inhabitants or 0) / total_inhabitants
        assert abs(residents - expected) <= 2, (inhabitants, residents)

    # Vindplaatsen lie inside their buurt's polygon, in every wijk, with a Utrecht address.
    locations = list(StrategicLocation.objects.select_related("buurt"))
    assert len(locations) > 100
    assert {loc.buurt.wijk_id for loc in locations} == set(
        Wijk.objects.values_list("pk", flat=True)
    )
    for loc in locations:
        point = Point(float(loc.longitude), float(loc.latitude))
        assert shape(loc.buurt.boundary).buffer(1e-6).contains(point), loc.name
        assert re.search(r", (35\d\d|345\d) [A-Z]{2} (Utrecht|De Meern|Vleuten)$", loc.address)

    # No initiative name twice in a wijk, and no lorem ipsum in any text of any model.
    names_per_wijk = Initiative.objects.values_list("wijken", "name")
    assert len(names_per_wijk) == len(set(names_per_wijk)) > 10
    for model in apps.get_models():
        text_fields = [
            f.name
            for f in model._meta.get_fields()
            if isinstance(f, models.CharField | models.TextField)
        ]
        for field in text_fields:
            hits = model._default_manager.filter(**{f"{field}__icontains": "lorem"})
            assert not hits.exists(), f"{model.__name__}.{field}"


def test_a_database_without_a_demo_has_no_demo_note(db: None) -> None:
    assert 'class="demo-note"' not in Client().get("/inloggen/").content.decode()
