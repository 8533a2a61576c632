"""In a real browser: every map has the base map from the settings, a legend, and areas with
their names; where no tile can be loaded the areas, names and legend still show. Tile requests
never leave this machine: they are routed and refused (see conftest.keep_offline)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from playwright.sync_api import Page, Route, expect

from gezondewijk.demo.accounts import DEMO_EMAIL_DOMAIN
from gezondewijk.people.models import User
from gezondewijk.permissions.policy import Permission
from gezondewijk.places.access import wijken_in_scope
from gezondewijk.places.models import Wijk
from gezondewijk.web.basemap import policy_with_tiles
from tests.browser.conftest import log_in_demo
from tests.conftest import World
from tests.factories import StrategicLocationFactory

pytestmark = [
    pytest.mark.usefixtures("demo_themes_and_steps"),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

UNREACHABLE = "http://127.0.0.1:9/{z}/{x}/{y}.png"


def _log_in(page: Page, server: str, local: str) -> None:
    log_in_demo(page, server, local)
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()


def _tile_requests(page: Page, prefix: str) -> list[str]:
    """The tile URLs the page asks for; each is refused at once."""
    asked: list[str] = []

    def refuse(route: Route) -> None:
        asked.append(route.request.url)
        route.abort("connectionrefused")

    page.route(lambda url: url.startswith(prefix), refuse)
    return asked


def _expect_base_layer_and_legend(page: Page, map_selector: str) -> None:
    the_map = page.locator(map_selector)
    expect(the_map).to_have_attribute("data-ready", "1")
    expect(the_map).to_have_attribute("data-tiles", settings.GEZONDEWIJK_MAP_TILES)
    expect(the_map.locator(".leaflet-tile-pane .gw-tiles")).to_have_count(1)
    expect(the_map.locator(".leaflet-control-attribution")).to_contain_text("Kadaster")
    expect(the_map.get_by_test_id("map-legend")).to_be_visible()


def test_indicator_map_draws_every_wijk_with_legend_and_base_map_even_without_tiles(
    live_server: object, page: Page
) -> None:
    call_command("demo", "--residents", "50", "--seed", "7")
    wijken = list(Wijk.objects.order_by("code").values_list("name", flat=True))
    server = str(live_server)
    pdok = settings.GEZONDEWIJK_MAP_TILES.split("{", 1)[0]
    asked = _tile_requests(page, pdok)
    _log_in(page, server, "coordinator")

    page.goto(f"{server}{reverse('indicators:map')}?indicator=cbs-65-plus&level=wijk")
    _expect_base_layer_and_legend(page, "#map")
    shapes = page.locator("#map path.leaflet-interactive")
    expect(shapes).to_have_count(len(wijken))
    expect(page.locator("#map")).to_have_attribute("data-features", str(len(wijken)))
    legend = page.get_by_test_id("map-legend")
    classes = legend.locator("li:not([data-kind])")
    assert classes.count() >= 1
    # Class bounds in Dutch notation with the unit, and the unit named.
    expect(classes.first).to_contain_text("%")
    expect(classes.first).to_contain_text(",")
    expect(legend.locator(".gw-legend-unit")).to_have_text("percentage")
    expect(page.locator("#map .leaflet-control-attribution")).to_contain_text("Bron: CBS")
    assert asked, "the base map asked for no tiles"
    assert all(url.startswith(pdok) for url in asked)

    # The tile service is out of reach (an intranet, an outage): the site does not wait on it.
    unreachable = policy_with_tiles(settings.CONTENT_SECURITY_POLICY, UNREACHABLE)
    with override_settings(GEZONDEWIJK_MAP_TILES=UNREACHABLE, CONTENT_SECURITY_POLICY=unreachable):
        page.goto(f"{server}{reverse('indicators:map')}?indicator=cbs-65-plus&level=wijk")
        expect(page.locator("#map")).to_have_attribute("data-tiles", UNREACHABLE)
        expect(page.locator("#map[data-ready='1'] path.leaflet-interactive")).to_have_count(
            len(wijken)
        )
        expect(page.get_by_test_id("map-legend")).to_be_visible()
        labels = page.locator("#map .gw-area-label")
        expect(labels).to_have_count(len(wijken))
        assert sorted(labels.all_inner_texts()) == sorted(wijken)
        # Hovering an area names it, with its value and unit (or says it has none).
        page.locator("#map path.leaflet-interactive").first.hover()
        tooltip = page.locator("#map .leaflet-tooltip:not(.gw-area-label)")
        expect(tooltip).to_contain_text(":")
        assert tooltip.inner_text().split(":")[0] in wijken
        page.screenshot(path="var/screenshots/indicator-map-no-tiles.png", full_page=True)


def test_plein_map_has_the_base_map_a_legend_and_the_wijk_by_name(
    live_server: object, page: Page, world: World
) -> None:
    ring = [[5.11, 52.08], [5.13, 52.08], [5.13, 52.10], [5.11, 52.10], [5.11, 52.08]]
    world.wijk.boundary = {"type": "Polygon", "coordinates": [ring]}
    world.wijk.save()
    StrategicLocationFactory(name="Buurthuis De Linde", buurt=world.buurt)
    _tile_requests(page, settings.GEZONDEWIJK_MAP_TILES.split("{", 1)[0])

    page.goto(f"{live_server}{reverse('plein:wijk', args=[world.wijk.code])}")

    _expect_base_layer_and_legend(page, "#plein-map")
    legend = page.locator("#plein-map").get_by_test_id("map-legend")
    expect(legend.locator("li[data-kind=point]")).to_have_count(1)
    expect(legend.locator("li[data-kind=outline]")).to_contain_text(world.wijk.name)
    expect(page.locator("#plein-map .gw-area-label")).to_have_text(world.wijk.name)


def test_reach_map_has_the_base_map_and_a_legend_with_no_data(
    live_server: object, page: Page
) -> None:
    call_command("demo", "--residents", "40", "--seed", "7")
    coordinator = User.objects.get(email=f"wijkcoordinator@{DEMO_EMAIL_DOMAIN}")
    wijk = wijken_in_scope(coordinator, Permission.VIEW_DASHBOARD).get()
    _tile_requests(page, settings.GEZONDEWIJK_MAP_TILES.split("{", 1)[0])
    _log_in(page, str(live_server), "wijkcoordinator")

    page.goto(f"{live_server}{reverse('initiatives:reach_map', args=[wijk.code])}")

    _expect_base_layer_and_legend(page, "#reach-map")
    legend = page.locator("#reach-map").get_by_test_id("map-legend")
    expect(legend.locator("li")).to_have_count(5)
    expect(legend.locator("li[data-kind=missing]")).to_contain_text("geen gegevens")
    expect(page.locator("#reach-map")).to_have_attribute("data-features", str(wijk.buurten.count()))
