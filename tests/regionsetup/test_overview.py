"""Per gemeente of the region: what is present and what is missing."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gezondewijk.indicators.models import Figure
from gezondewijk.permissions.roles import Role
from gezondewijk.places.models import Buurt, KeyFigureSet, Wijk
from gezondewijk.regionsetup import selectors
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db

SQUARE = {"type": "Polygon", "coordinates": [[[5.1, 52.0], [5.2, 52.0], [5.2, 52.1], [5.1, 52.0]]]}


@pytest.fixture
def filled(world: World) -> World:
    """Key figures of 2024 on the areas, a kept 2023 set for one wijk, one wijk boundary,
    GGD figures for the gemeente and a wijk, and the same for a gemeente outside."""
    Wijk.objects.filter(gemeente=world.gemeente).update(figures_year=2024)
    Buurt.objects.filter(pk=world.buurt.pk).update(figures_year=2024)
    KeyFigureSet.objects.create(area_code=world.wijk.code, level="wijk", year=2023, source="x")
    Wijk.objects.filter(pk=world.wijk.pk).update(boundary=SQUARE)
    for code, level in ((world.gemeente.code, "gemeente"), (world.wijk.code, "wijk")):
        for period in (2020, 2022):
            Figure.objects.create(
                source="ggd",
                figure="good-health",
                area_code=code,
                level=level,
                period=period,
                value=70.0,
            )
    Figure.objects.create(
        source="ggd",
        figure="good-health",
        area_code="GM0344",
        level="gemeente",
        period=2022,
        value=71.0,
    )
    return world


def test_the_overview_counts_areas_years_boundaries_and_external_figures(filled: World) -> None:
    factories.GemeenteFactory(code="GM9002", name="Leegdorp", region=filled.region)

    with CaptureQueriesContext(connection) as queries:
        overview = {s.gemeente.code: s for s in selectors.region_overview(region=filled.region)}
    assert len(queries) <= 10  # aggregates, not a query per area

    here = overview["GM9001"]
    assert (here.wijken, here.buurten) == (2, 2)
    assert here.key_figure_rows == [(2024, 0, 2, 1), (2023, 0, 1, 0)]
    boundaries = {label: (b.present, b.missing) for label, b in here.boundary_rows}
    assert boundaries == {"gemeente": (0, 1), "wijken": (1, 1), "buurten": (0, 2)}
    [ggd] = here.external
    assert (ggd.source, ggd.figures, ggd.areas, ggd.first, ggd.last) == ("ggd", 4, 2, 2020, 2022)
    assert "geen GGD- of andere externe cijfers" not in here.missing

    empty = overview["GM9002"]
    assert (empty.wijken, empty.buurten, empty.key_figures, empty.external) == (0, 0, {}, [])
    assert empty.missing == [
        "geen wijken",
        "geen buurten",
        "geen kerncijfers",
        "grenzen ontbreken: gemeente 1 van 1",
        "geen GGD- of andere externe cijfers",
    ]


def test_the_region_page_shows_each_gemeente_and_the_recompute_link(filled: World) -> None:
    client = Client()
    client.force_login(factories.user_with_role(Role.REGION_ADMIN, filled.region))

    page = client.get(reverse("regionsetup:region", args=[filled.region.slug]))

    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="gemeente-GM9001"' in html
    assert 'data-testid="wijken">2<' in html
    assert 'data-testid="buurten">2<' in html
    assert "ggd: 4 cijfers voor 2 gebied(en), 2020–2022" in html
    assert "grenzen ontbreken: wijken 1 van 2" in html
    assert reverse("indicators:compute") in html
    assert "GM0344" not in html  # a gemeente outside the region is not counted
