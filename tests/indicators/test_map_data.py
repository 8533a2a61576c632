"""What the indicator map receives: every wijk with a boundary is drawn, with its class, and a
wijk without a figure or with a suppressed one says so instead of vanishing or reading zero."""

from django.test import Client
from django.urls import reverse

from gezondewijk.indicators import selectors
from gezondewijk.indicators.models import Indicator, IndicatorValue
from tests import factories
from tests.conftest import World


def _square(x: float, y: float) -> dict[str, object]:
    ring = [[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def _with_boundaries(world: World) -> None:
    for i, wijk in enumerate([world.wijk, world.other_wijk]):
        wijk.boundary = _square(5.1 + i * 0.01, 52.09)
        wijk.save()
    factories.WijkFactory(
        code="WK900199", name="Zonder cijfers", gemeente=world.gemeente, boundary=_square(5.2, 52.1)
    )


def test_every_wijk_with_a_boundary_is_drawn_and_one_without_figures_reads_no_data(
    computed: World,
) -> None:
    _with_boundaries(computed)
    lonely = Indicator.objects.get(code="ggd-lonely")

    data = selectors.map_data(indicator=lonely, level="wijk", period=2024)

    by_code = {f["properties"]["code"]: f["properties"] for f in data.features}
    assert set(by_code) == {computed.wijk.code, computed.other_wijk.code, "WK900199"}
    assert by_code["WK900199"]["status"] == "missing"
    assert by_code["WK900199"]["class"] is None
    assert by_code[computed.wijk.code] == {
        "code": computed.wijk.code,
        "name": "Centrum",
        "value": 38.0,
        "status": "value",
        "class": 0,
    }
    assert data.legend["unit"] == "%"
    assert data.legend["missing"] == 1
    assert data.legend["classes"] == [{"low": 38.0, "high": 38.0, "count": 2}]
    assert [r["code"] for r in data.rows] == [computed.wijk.code, computed.other_wijk.code]


def test_a_suppressed_value_is_drawn_as_suppressed_not_as_a_value(computed: World) -> None:
    _with_boundaries(computed)
    IndicatorValue.objects.filter(
        indicator__code="ggd-lonely", area_code=computed.other_wijk.code, period=2024
    ).update(suppressed=True, value=None)
    lonely = Indicator.objects.get(code="ggd-lonely")

    data = selectors.map_data(indicator=lonely, level="wijk", period=2024)

    other = next(f for f in data.features if f["properties"]["code"] == computed.other_wijk.code)
    assert other["properties"]["status"] == "suppressed"
    assert other["properties"]["value"] is None
    assert data.legend["suppressed"] == 1
    assert sum(c["count"] for c in data.legend["classes"]) == 1


def test_the_map_page_hands_features_legend_and_base_map_to_the_script(computed: World) -> None:
    _with_boundaries(computed)
    client = Client()
    client.force_login(computed.coordinator)

    html = client.get(reverse("indicators:map"), {"indicator": "ggd-lonely"}).content.decode()

    assert 'id="map-features"' in html
    assert '"legend"' in html
    assert 'id="map-config"' in html
    assert "service.pdok.nl" in html
    assert "web/basemap.js" in html
