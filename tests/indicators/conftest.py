"""Shared fixtures of the indicator tests."""

import pytest

from tests.conftest import World
from tests.indicators import factories as figure_factories


@pytest.fixture
def computed(world: World) -> World:
    """Good health and loneliness for both wijken over three years, computed."""
    for year, (health, lonely) in {
        2022: (60.0, 50.0),
        2023: (65.0, 45.0),
        2024: (72.0, 38.0),
    }.items():
        for code in (world.wijk.code, world.other_wijk.code):
            figure_factories.figures(
                ("external", "GoedErvarenGezondheid_6", code, "wijk", year, health),
                ("external", "EnigszinsTotSterkEenzaam_53", code, "wijk", year, lonely),
            )
    figure_factories.compute()
    return world
