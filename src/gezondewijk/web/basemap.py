"""The base map under every map: which tile service, and what the Content Security Policy must
allow for it. No Django imports here: settings.py derives the policy from these functions."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

# PDOK's BRT-Achtergrondkaart in web mercator, the Dutch government's own base map.
PDOK_TILES = (
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"
)
PDOK_ATTRIBUTION = "Kaartgegevens © Kadaster"


def tile_source(url: str) -> str | None:
    """The Content Security Policy source (scheme and host) that lets the browser load tiles
    from a Leaflet URL template; None when the base map is off (an empty setting). Leaflet's
    `{s}` subdomain placeholder becomes a wildcard."""
    url = url.strip()
    if not url:
        return None
    parts = urlsplit(url.replace("{s}", "s"))
    if parts.scheme not in {"http", "https"} or not parts.netloc or "{" in parts.netloc:
        raise ValueError(
            f"{url!r} is not a tile URL template such as https://host/{{z}}/{{x}}/{{y}}.png"
        )
    host = parts.netloc
    if url.split("//", 1)[1].startswith("{s}."):
        host = "*." + host.split(".", 1)[1]
    return f"{parts.scheme}://{host}"


def policy_with_tiles(policy: dict[str, Any], url: str) -> dict[str, Any]:
    """A copy of a django-csp CONTENT_SECURITY_POLICY whose img-src also allows the tile host."""
    source = tile_source(url)
    directives = dict(policy["DIRECTIVES"])
    directives["img-src"] = [*directives.get("img-src", ["'self'"]), *([source] if source else [])]
    return {**policy, "DIRECTIVES": directives}
