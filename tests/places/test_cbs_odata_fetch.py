"""`import-cbs --odata TABLE`: the fetch path against a local stand-in for CBS's OData API.

The stand-in is a real HTTP server on 127.0.0.1 answering with pages in the shape CBS's API
gives (`value`, `odata.nextLink`), written for this test; nothing reaches the internet.
"""

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import translation

from gezondewijk.places.models import Gemeente, KeyFigureSet, Wijk

pytestmark = pytest.mark.django_db

PAGE_1 = [
    {"ID": 1, "WijkenEnBuurten": "GM9100    ", "AantalInwoners_5": 1200, "Woningvoorraad_35": 560},
    {"ID": 2, "WijkenEnBuurten": "WK910001  ", "AantalInwoners_5": 700, "Woningvoorraad_35": 330},
]
PAGE_2 = [
    {"ID": 3, "WijkenEnBuurten": "WK910002  ", "AantalInwoners_5": 500, "Woningvoorraad_35": 230},
]
NAMES = [
    {"Key": "GM9100    ", "Title": "Teststad"},
    {"Key": "WK910001  ", "Title": "Wijk 01 Noord"},
    {"Key": "WK910002  ", "Title": "Wijk 02 Zuid"},
]


class StandIn(BaseHTTPRequestHandler):
    requests: list[str] = []
    failures_left = 0

    def do_GET(self) -> None:
        StandIn.requests.append(self.path)
        url = urlparse(self.path)
        if StandIn.failures_left:
            StandIn.failures_left -= 1
            self.send_response(503)
            self.end_headers()
            return
        base = f"http://{self.headers['Host']}/odata/85984NED"
        if url.path.endswith("/TypedDataSet") and "$skip" in parse_qs(url.query):
            body = {"value": PAGE_2}
        elif url.path.endswith("/TypedDataSet"):
            body = {"value": PAGE_1, "odata.nextLink": f"{base}/TypedDataSet?$skip=2"}
        elif url.path.endswith("/WijkenEnBuurten"):
            body = {"value": NAMES}
        else:
            self.send_response(404)
            self.end_headers()
            return
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture
def odata_url() -> Iterator[str]:
    StandIn.requests = []
    StandIn.failures_left = 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with override_settings(
        GEZONDEWIJK_CBS_ODATA_URL=f"http://127.0.0.1:{server.server_port}/odata"
    ):
        yield f"http://127.0.0.1:{server.server_port}/odata"
    server.shutdown()


def fetch(*args: str) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("import_cbs", "--odata", "85984NED", *args, stdout=out)
    return out.getvalue()


def test_fetch_reads_every_page_names_the_areas_and_keeps_table_and_year(odata_url: str) -> None:
    output = fetch("--gemeente", "GM9100")

    assert output.splitlines()[-3:] == ["gemeente: 1", "wijk: 2", "buurt: 0"]
    assert Wijk.objects.get(code="WK910002").name == "Wijk 02 Zuid"
    assert Gemeente.objects.get(code="GM9100").dwellings == 560
    assert set(KeyFigureSet.objects.values_list("source", "year")) == {("85984NED", 2024)}
    asked = StandIn.requests[0]
    assert "startswith(WijkenEnBuurten,'WK9100')" in parse_qs(urlparse(asked).query)["$filter"][0]


def test_a_busy_api_is_asked_again(odata_url: str) -> None:
    StandIn.failures_left = 2

    fetch("--gemeente", "GM9100")

    assert Wijk.objects.count() == 2


def test_an_unreachable_api_is_refused_with_the_reason_and_changes_nothing() -> None:
    with (
        override_settings(GEZONDEWIJK_CBS_ODATA_URL="http://127.0.0.1:9/odata"),
        pytest.raises(CommandError, match="cannot be reached"),
    ):
        fetch("--gemeente", "GM9100")
    assert Gemeente.objects.count() == 0


def test_odata_needs_a_gemeente_and_excludes_a_file(odata_url: str) -> None:
    with pytest.raises(CommandError, match="at least one --gemeente"):
        fetch()
    with translation.override("en"), pytest.raises(CommandError, match="one of the two"):
        call_command("import_cbs", "kwb_2024.csv", "--odata", "85984NED")


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (("--gemeente", "GM9100') or ('"), "not a gemeente code"),
        (("--gemeente", "GM9100"), "not a CBS table id"),
    ],
)
def test_what_goes_into_the_url_is_checked_first(
    odata_url: str, args: tuple[str, ...], reason: str
) -> None:
    table = "../85984NED" if reason == "not a CBS table id" else "85984NED"
    with translation.override("en"), pytest.raises(CommandError, match=reason):
        call_command("import_cbs", "--odata", table, *args)
    assert StandIn.requests == []
