"""The indicator pages and API with computed values: map, benchmark, report, PDF."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gezondewijk.indicators.models import IndicatorValue
from gezondewijk.permissions.roles import Role
from tests import factories
from tests.conftest import World
from tests.indicators import factories as figure_factories
from tests.indicators.pdf import has_charts, page_count


def _coordinator(world: World) -> Client:
    client = Client()
    client.force_login(world.coordinator)
    return client


def test_map_switches_indicator_and_shows_a_table(computed: World) -> None:
    response = _coordinator(computed).get(
        reverse("indicators:map"), {"indicator": "ggd-lonely", "level": "wijk", "period": 2024}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="ggd-lonely" selected' in html
    assert "38,0" in html  # the table beside (or instead of) the map, in Dutch notation
    assert reverse("indicators:wijk", args=[computed.wijk.code]) in html


def test_benchmark_page_shows_bloom_history_growing(computed: World) -> None:
    response = _coordinator(computed).get(reverse("indicators:wijk", args=[computed.wijk.code]))
    html = response.content.decode()
    assert response.status_code == 200
    # 2022: health 60 (bronze), lonely 50 (bronze); 2024: 72 (silver), 38 (silver).
    history = [
        (v.period, v.bloom)
        for v in IndicatorValue.objects.filter(
            area_code=computed.wijk.code, indicator__code="ggd-good-health"
        ).order_by("period")
    ]
    assert history == [(2022, 1), (2023, 1), (2024, 2)]
    assert 'data-testid="bloom-history"' in html
    assert "benchmark-data" in html


def test_pdf_report_has_pages_with_drawn_charts(computed: World) -> None:
    response = _coordinator(computed).get(
        reverse("indicators:report_pdf", args=[computed.wijk.code])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = response.content
    assert body.startswith(b"%PDF")
    assert page_count(body) >= 1
    assert has_charts(body)


def test_api_values_hide_suppressed_figures(world: World) -> None:
    figure_factories.figures(
        ("network", "isolated", world.buurt.code, "buurt", 2025, 2),
        ("network", "residents", world.buurt.code, "buurt", 2025, 4),
    )
    figure_factories.compute()
    client = Client()
    client.force_login(factories.user_with_role(Role.RESEARCHER, world.region))
    response = client.get(
        "/api/v1/indicators/values", {"indicator": "network-isolation", "level": "buurt"}
    )
    assert response.status_code == 200
    [value] = response.json()
    assert value["suppressed"] is True
    assert value["value"] is None
    assert value["n"] is None


def test_the_benchmark_api_is_kept_until_the_figures_change(computed: World) -> None:
    url = f"/api/v1/indicators/wijken/{computed.wijk.code}/benchmark"
    client = _coordinator(computed)

    def good_health_2025() -> list[float]:
        rows = client.get(url).json()
        return [
            r["value"] for r in rows if r["indicator"] == "ggd-good-health" and r["period"] == 2025
        ]

    assert good_health_2025() == []
    with CaptureQueriesContext(connection) as again:
        assert good_health_2025() == []
    assert len(again) <= 4  # session, user, roles, wijk: the rows came from the cache
    # An import writes in bulk, without model signals; the next call still sees it.
    figure_factories.figures(
        ("external", "GoedErvarenGezondheid_6", computed.wijk.code, "wijk", 2025, 80.0)
    )
    assert good_health_2025() == [80.0]


def _outside_wijk(*, buurten: bool = False) -> tuple[Client, str]:
    """A wijk of a gemeente outside any region (as after the national import), and a client
    of its coordinator."""
    gemeente = factories.GemeenteFactory(code="GM0363", name="Amsterdam", region=None)
    wijk = factories.WijkFactory(code="WK036300", name="Burgwallen-Nieuwe Zijde", gemeente=gemeente)
    if buurten:
        factories.BuurtFactory(code="BU03630000", wijk=wijk)
    client = Client()
    client.force_login(factories.user_with_role(Role.COORDINATOR, wijk))
    return client, wijk.code


def test_a_wijk_without_figures_says_so_in_words(world: World) -> None:
    client, code = _outside_wijk()
    for name in ("indicators:wijk", "indicators:report"):
        response = client.get(reverse(name, args=[code]))
        html = response.content.decode()
        assert response.status_code == 200
        assert "None" not in html
        assert 'data-testid="no-figures"' in html
        assert "nog geen cijfers" in html
        assert "geen kerncijfers (CBS) ingelezen" in html
    pdf = client.get(reverse("indicators:report_pdf", args=[code]))
    assert pdf.status_code == 200


def test_a_wijk_outside_the_region_without_buurten_shows_its_own_figures(world: World) -> None:
    client, code = _outside_wijk()
    figure_factories.figures(
        ("external", "GoedErvarenGezondheid_6", code, "wijk", 2023, 70.0),
        ("external", "EnigszinsTotSterkEenzaam_53", code, "wijk", 2022, 41.0),
    )
    html = client.get(reverse("indicators:wijk", args=[code])).content.decode()
    assert "Indicatoren in 2023" in html
    assert "None" not in html
    assert "70,0" in html
    assert '41,0 <span class="muted">(2022)</span>' in html  # a row of another year says so
    assert 'data-testid="no-figures"' not in html
