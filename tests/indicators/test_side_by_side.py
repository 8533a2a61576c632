"""Health beside the living environment: two maps, a scatter chart and their rank correlation."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from gezondewijk.indicators import selectors
from gezondewijk.indicators.models import Domain, Indicator
from tests import factories
from tests.conftest import World
from tests.indicators import factories as figure_factories

# Seven wijken: green space rises with the wijk, good health falls with it except in one,
# so the ranks of the two disagree by a known amount.
GREEN = [8.0, 10.0, 12.0, 14.0, 16.0, 18.0, 20.0]
HEALTH = [70.0, 68.0, 66.0, 67.0, 60.0, 58.0, 55.0]


def _spearman_by_hand(x: list[float], y: list[float]) -> float:
    def ranks(values: list[float]) -> list[int]:
        order = sorted(range(len(values)), key=values.__getitem__)
        out = [0] * len(values)
        for rank, i in enumerate(order, start=1):
            out[i] = rank
        return out

    rx, ry, n = ranks(x), ranks(y), len(x)
    d2 = sum((a - b) ** 2 for a, b in zip(rx, ry, strict=True))
    return 1 - 6 * d2 / (n * (n * n - 1))


@pytest.fixture
def seven_wijken(world: World) -> list[str]:
    codes = [world.wijk.code, world.other_wijk.code]
    for n in range(3, 8):
        wijk = factories.WijkFactory(
            code=f"WK9001{n:02d}", name=f"Wijk {n}", gemeente=world.gemeente
        )
        # The area tree is read from the buurten up: a wijk exists through its buurten.
        factories.BuurtFactory(code=f"BU9001{n:02d}01", name=f"Buurt {n}", wijk=wijk)
        codes.append(wijk.code)
    for code, green, health in zip(codes, GREEN, HEALTH, strict=True):
        figure_factories.figures(
            ("external", "env-green-space", code, "wijk", 2025, green),
            ("external", "GoedErvarenGezondheid_6", code, "wijk", 2025, health),
        )
    figure_factories.compute()
    return codes


def test_the_pairs_and_their_rank_correlation_match_a_hand_computation(
    seven_wijken: list[str],
) -> None:
    result = selectors.side_by_side(
        health=Indicator.objects.get(code="ggd-good-health"),
        environment=Indicator.objects.get(code="env-green-space"),
        level="wijk",
        period=2025,
    )
    assert len(result.pairs) == 7
    assert result.spearman == pytest.approx(_spearman_by_hand(GREEN, HEALTH))
    assert result.spearman == pytest.approx(1 - 6 * 110 / (7 * 48))  # sum of d² is 110
    by_code = {p["code"]: p for p in result.pairs}
    assert by_code[seven_wijken[0]]["environment"] == 8.0


def test_the_page_shows_two_maps_the_chart_and_the_table_in_dutch(
    seven_wijken: list[str], world: World
) -> None:
    client = Client()
    client.force_login(world.coordinator)
    response = client.get(
        reverse("indicators:side_by_side"),
        {"health": "ggd-good-health", "environment": "env-green-space", "level": "wijk"},
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="pairs-chart"' in html
    assert 'data-testid="pairs-table"' in html
    assert "Groen" in html  # the default name of env-green-space, translated
    assert "Spearman" in html
    assert 'value="env-green-space" selected' in html


def test_only_health_indicators_go_left_and_environment_ones_right(world: World) -> None:
    client = Client()
    client.force_login(world.coordinator)
    html = client.get(reverse("indicators:side_by_side")).content.decode()
    health_select = html.split('data-testid="health-select"')[1].split("</select>")[0]
    environment_select = html.split('data-testid="environment-select"')[1].split("</select>")[0]
    assert "ggd-lonely" in health_select
    assert "env-noise" not in health_select
    assert "env-noise" in environment_select
    assert "ggd-lonely" not in environment_select
    assert "cbs-65-plus" not in health_select + environment_select
    assert 'data-testid="side-by-side-empty"' in html  # no values computed yet


def test_default_indicators_know_their_domain_and_speak_dutch(db: None) -> None:
    assert Indicator.objects.get(code="ggd-lonely").domain == Domain.HEALTH
    assert Indicator.objects.get(code="env-no2").domain == Domain.ENVIRONMENT
    assert Indicator.objects.get(code="cbs-density").domain == Domain.PROFILE
    lonely = Indicator.objects.get(code="ggd-lonely")
    with translation.override("nl"):
        assert lonely.label != lonely.name  # stored in English, shown in Dutch
        assert str(lonely) == lonely.label
    with translation.override("en"):
        assert lonely.label == lonely.name
    lonely.name = "Eenzaam in onze wijk"  # a region's own name shows as typed
    assert lonely.label == "Eenzaam in onze wijk"
