"""The base map's tile service decides what the Content Security Policy lets images come from."""

import pytest
from django.conf import settings

from gezondewijk.web.basemap import PDOK_TILES, policy_with_tiles, tile_source


def test_the_default_allows_pdok_and_nothing_else_beyond_the_site() -> None:
    assert settings.GEZONDEWIJK_MAP_TILES == PDOK_TILES
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] == [
        "'self'",
        "data:",
        "https://service.pdok.nl",
    ]


@pytest.mark.parametrize(
    ("url", "source"),
    [
        (PDOK_TILES, "https://service.pdok.nl"),
        ("http://127.0.0.1:9/{z}/{x}/{y}.png", "http://127.0.0.1:9"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("", None),
        ("   ", None),
    ],
)
def test_tile_source_is_scheme_and_host_of_the_template(url: str, source: str | None) -> None:
    assert tile_source(url) == source


@pytest.mark.parametrize("url", ["service.pdok.nl/{z}/{x}/{y}.png", "ftp://host/{z}.png"])
def test_a_template_without_http_host_is_refused(url: str) -> None:
    with pytest.raises(ValueError, match="tile URL template"):
        tile_source(url)


def test_an_empty_setting_adds_no_image_source() -> None:
    policy = {"DIRECTIVES": {"img-src": ["'self'"], "script-src": ["'self'"]}}

    assert policy_with_tiles(policy, "")["DIRECTIVES"]["img-src"] == ["'self'"]
    assert policy_with_tiles(policy, "https://t.example/{z}/{x}/{y}.png")["DIRECTIVES"][
        "img-src"
    ] == ["'self'", "https://t.example"]
    assert policy["DIRECTIVES"]["img-src"] == ["'self'"]  # the original is left alone
