"""Shared fixtures: a small region with a wijk, a resident and a coordinator."""

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core import signals
from django.db import close_old_connections

from gezondewijk.people.models import User
from gezondewijk.permissions.roles import Role
from gezondewijk.places.models import Buurt, Gemeente, Region, Wijk
from tests import factories

SHARED_DATA = Path(
    os.environ.get(
        "GEZONDEWIJK_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared/data/external"
    )
)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Argon2 is deliberately slow; tests create many accounts and do not test its strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _own_cache(settings: Any) -> None:
    # Each test starts with an empty cache of its own, in memory: the file cache that the
    # server's processes share would carry one test's rendered panels into the next.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-{uuid.uuid4().hex}",
        }
    }


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    # Uploaded files go to a throwaway folder of each test, not the developer's var/media,
    # which the parallel test processes (pytest-xdist) would otherwise share.
    settings.MEDIA_ROOT = tmp_path / "media"


@dataclass
class World:
    region: Region
    gemeente: Gemeente
    wijk: Wijk
    buurt: Buurt
    other_wijk: Wijk
    other_buurt: Buurt
    resident: User
    coordinator: User


@pytest.fixture
def world(db: None) -> World:
    region = factories.RegionFactory(name="Regio Test", slug="regio-test")
    gemeente = factories.GemeenteFactory(code="GM9001", name="Testdorp", region=region)
    wijk = factories.WijkFactory(code="WK900101", name="Centrum", gemeente=gemeente)
    buurt = factories.BuurtFactory(code="BU90010101", name="Oude Kern", wijk=wijk)
    other_wijk = factories.WijkFactory(code="WK900102", name="Noord", gemeente=gemeente)
    other_buurt = factories.BuurtFactory(code="BU90010201", name="Noordpark", wijk=other_wijk)
    resident = factories.ResidentProfileFactory(buurt=buurt).user
    from gezondewijk.people.services import role_grant

    role_grant(user=resident, role=Role.RESIDENT, scope=wijk)
    coordinator = factories.user_with_role(Role.COORDINATOR, wijk)
    return World(region, gemeente, wijk, buurt, other_wijk, other_buurt, resident, coordinator)


@pytest.fixture
def shared_data() -> Path:
    """The real public data in ../shared; CI must have it, a laptop may not."""
    if not SHARED_DATA.is_dir():
        if os.environ.get("CI") or os.environ.get("GEZONDEWIJK_REQUIRE_SHARED"):
            pytest.fail(f"Validation data is required in CI but missing: {SHARED_DATA}")
        pytest.skip(f"validation data not present at {SHARED_DATA} (../shared is absent)")
    return SHARED_DATA


@pytest.fixture
def wsgi_in_test_transaction() -> Iterator[None]:
    """Requests through the WSGI handler itself (schemathesis, werkzeug) close the database
    connection when they end, which on PostgreSQL ends the test's transaction; Django's test
    client keeps it open the same way, by unhooking the closing while the test runs."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
