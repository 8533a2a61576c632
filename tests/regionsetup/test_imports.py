"""Uploading key figures in the product's pages: the import runs as a background task (a
real database worker here), shows its progress, and ends with the importer's report or its
refusal, after which nothing has changed."""

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from gezondewijk.permissions.roles import Role
from gezondewijk.places.models import Buurt, Gemeente, Wijk
from gezondewijk.regionsetup.models import ImportKind, ImportRun, ImportStatus
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db(transaction=True)

HEADER = "gwb_code_10,regio,recs,a_inw,a_man"
GOOD = f"""{HEADER}
GM9100,Teststad,Gemeente,1200,590
WK910001,Wijk 01 Noord,Wijk,700,340
WK910002,Wijk 02 Zuid,Wijk,500,250
BU91000101,Oude Kern,Buurt,400,190
BU91000102,Nieuwland,Buurt,300,150
BU91000201,Zuidpark,Buurt,500,250
"""
# Line 4 (the header is line 1) has a number of inhabitants that is not a number.
BAD = GOOD.replace("WK910002,Wijk 02 Zuid,Wijk,500", "WK910002,Wijk 02 Zuid,Wijk,veel")


@pytest.fixture
def admin(world: World) -> Client:
    client = Client()
    client.force_login(factories.user_with_role(Role.REGION_ADMIN, world.region))
    return client


def _upload(client: Client, world: World, content: bytes, name: str, **fields: Any) -> Any:
    data = {
        "kind": ImportKind.KEY_FIGURES,
        "kf-bestand": SimpleUploadedFile(name, content, content_type="text/csv"),
        "kf-join_region": "on",
        **fields,
    }
    return client.post(reverse("regionsetup:upload", args=[world.region.slug]), data)


def _work() -> None:
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)


def _state() -> list[tuple[str, str, int | None]]:
    return [
        (a.code, a.name, a.inhabitants)
        for model in (Gemeente, Wijk, Buurt)
        for a in model.objects.order_by("code")
    ]


def test_a_good_file_is_imported_by_the_worker_and_its_counts_shown(
    world: World, admin: Client
) -> None:
    response = _upload(admin, world, GOOD.encode(), "kwb_2023_teststad.csv")

    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert response["Location"] == reverse("regionsetup:run", args=[world.region.slug, run.pk])
    assert run.status == ImportStatus.QUEUED
    waiting = admin.get(response["Location"]).content.decode()
    assert "<progress" in waiting
    assert "hx-trigger" in waiting

    _work()

    run.refresh_from_db()
    assert run.status == ImportStatus.DONE, run.message
    assert run.report["counts"] == {"gemeente": 1, "wijk": 2, "buurt": 3}
    assert run.report["year"] == 2023
    assert bytes(run.content) == b""  # the file is not kept once imported
    assert Gemeente.objects.get(code="GM9100").region == world.region
    assert Buurt.objects.get(code="BU91000102").inhabitants == 300
    done = admin.get(response["Location"]).content.decode()
    assert "hx-trigger" not in done
    assert 'data-testid="count-wijk">2<' in done
    assert 'data-testid="count-buurt">3<' in done
    assert "1 gemeente toegevoegd aan regio Regio Test" in done


def test_a_bad_file_changes_nothing_and_its_message_is_shown(world: World, admin: Client) -> None:
    before = _state()

    response = _upload(admin, world, BAD.encode(), "kwb_2023_teststad.csv")
    _work()

    run = ImportRun.objects.get()
    assert run.status == ImportStatus.FAILED
    # The importer's own Dutch message: the file, the line and the column.
    assert "kwb_2023_teststad.csv" in run.message
    assert "regel 4" in run.message
    assert "a_inw" in run.message
    assert _state() == before
    assert not Gemeente.objects.filter(code="GM9100").exists()
    page = admin.get(response["Location"]).content.decode()
    assert "Er is niets geïmporteerd; er is niets veranderd." in page
    assert "regel 4" in page


def test_a_file_that_is_no_table_is_refused_at_the_door(world: World, admin: Client) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

    response = _upload(admin, world, png, "kwb_2023.csv")

    assert response.status_code == 400
    assert "is geen CSV/TXT of XLSX/DOCX/ODF-bestand" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_only_the_regions_gemeenten_needs_gemeenten(world: World, admin: Client) -> None:
    world.region.gemeenten.update(region=None)

    response = _upload(admin, world, GOOD.encode(), "kwb_2023.csv", **{"kf-only_region": "on"})

    assert response.status_code == 400
    assert "De regio heeft nog geen gemeenten" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_only_the_regions_gemeenten_leaves_the_rest_of_the_file_out(
    world: World, admin: Client
) -> None:
    other = GOOD + "GM9200,Elders,Gemeente,800,400\n"
    world.region.gemeenten.update(region=None)
    factories.GemeenteFactory(code="GM9100", name="Teststad", region=world.region)

    _upload(admin, world, other.encode(), "kwb_2023.csv", **{"kf-only_region": "on"})
    _work()

    run = ImportRun.objects.get()
    assert run.status == ImportStatus.DONE, run.message
    assert run.report["counts"]["gemeente"] == 1
    assert not Gemeente.objects.filter(code="GM9200").exists()


def test_a_gemeente_of_the_region_missing_from_the_file_is_named(
    world: World, admin: Client
) -> None:
    _upload(admin, world, GOOD.encode(), "kwb_2023.csv", **{"kf-only_region": "on"})
    _work()

    run = ImportRun.objects.get()
    assert run.status == ImportStatus.FAILED
    assert "GM9001 komt niet voor in het bestand" in run.message
    assert not Gemeente.objects.filter(code="GM9100").exists()


# -- boundaries ----------------------------------------------------------------------------


def _square(i: int, size: float = 0.01) -> dict[str, Any]:
    x, y = 5.10 + i * size, 52.09
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def _geojson(features: list[tuple[str, dict[str, Any]]]) -> bytes:
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": geometry, "properties": {"statcode": code}}
            for code, geometry in features
        ],
    }
    return json.dumps(collection).encode()


def _upload_boundaries(client: Client, world: World, content: bytes, **fields: Any) -> Any:
    data = {
        "kind": ImportKind.BOUNDARIES,
        "gr-bestand": SimpleUploadedFile("wijken_2023.geojson", content, "application/json"),
        **fields,
    }
    return client.post(reverse("regionsetup:upload", args=[world.region.slug]), data)


def test_boundaries_are_imported_and_the_commands_counts_shown(world: World, admin: Client) -> None:
    response = _upload_boundaries(admin, world, _geojson([(world.wijk.code, _square(0))]))
    _work()

    run = ImportRun.objects.get()
    assert run.status == ImportStatus.DONE, run.message
    assert run.report["matched"] == 1
    assert run.report["unknown"] == []
    assert run.report["without_boundary"] == 1  # the other wijk of the gemeente
    world.wijk.refresh_from_db()
    assert world.wijk.boundary is not None
    page = admin.get(response["Location"]).content.decode()
    assert 'data-testid="count-matched">1<' in page
    assert 'data-testid="count-without">1<' in page


def test_unknown_codes_are_listed_when_asked_to_skip_them(world: World, admin: Client) -> None:
    content = _geojson([(world.wijk.code, _square(0)), ("WK999901", _square(1))])
    response = _upload_boundaries(admin, world, content, **{"gr-skip_unknown": "on"})
    _work()

    run = ImportRun.objects.get()
    assert run.status == ImportStatus.DONE, run.message
    assert run.report["unknown"] == ["WK999901"]
    assert "WK999901" in admin.get(response["Location"]).content.decode()


def test_a_broken_feature_changes_nothing_and_is_named(world: World, admin: Client) -> None:
    open_ring = _square(1)
    open_ring["coordinates"][0] = open_ring["coordinates"][0][:-1]
    content = _geojson([(world.wijk.code, _square(0)), (world.other_wijk.code, open_ring)])

    response = _upload_boundaries(admin, world, content)
    _work()

    run = ImportRun.objects.get()
    assert run.status == ImportStatus.FAILED
    assert "wijken_2023.geojson" in run.message
    assert world.other_wijk.code in run.message
    assert not Wijk.objects.filter(boundary__isnull=False).exists()
    page = admin.get(response["Location"]).content.decode()
    assert "Er is niets geïmporteerd; er is niets veranderd." in page


def test_a_key_figures_table_is_not_taken_for_boundaries(world: World, admin: Client) -> None:
    response = _upload_boundaries(admin, world, GOOD.encode())

    assert response.status_code == 400
    assert "is geen JSON-bestand" in response.content.decode()
    assert not ImportRun.objects.exists()
