"""Fetching "Kerncijfers wijken en buurten" from CBS's OData API, for `import-cbs --odata`.

The fetched rows are written to one OData JSON file and imported like any downloaded file,
so the fetch adds no second path through the checks. Names come from the table's
`WijkenEnBuurten` dimension (its `Title`). The API pages its answers (`odata.nextLink`); a
busy or briefly unreachable API is asked again a few times, with a growing pause.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import httpx
from django.conf import settings
from django.utils.translation import gettext as _

from gezondewijk.places.codes import PATTERNS, Level
from gezondewijk.places.importers.cbs_rows import CbsImportError

ATTEMPTS = 4
FIRST_PAUSE_S = 0.2
TIMEOUT_S = 30.0
RETRY_STATUS = {429, 500, 502, 503, 504}
MAX_PAGES = 1_000
TABLE_ID = re.compile(r"^\d{5}[A-Z]{3}$")


def _code_filter(gemeenten: Iterable[str], key: str) -> str:
    digits = [code[2:] for code in gemeenten]
    parts = [f"startswith({key},'{prefix}{d}')" for d in digits for prefix in ("GM", "WK", "BU")]
    return " or ".join(parts)


def _get(client: httpx.Client, url: str, params: dict[str, str] | None) -> dict[str, Any]:
    pause = FIRST_PAUSE_S
    for attempt in range(1, ATTEMPTS + 1):
        try:
            response = client.get(url, params=params)
        except httpx.TransportError as error:
            problem = str(error) or type(error).__name__
        else:
            if response.status_code not in RETRY_STATUS:
                if response.status_code != 200:
                    raise CbsImportError(
                        _("CBS OData API: %(url)s answered %(status)d")
                        % {"url": url, "status": response.status_code}
                    )
                try:
                    document = response.json()
                except ValueError as error:
                    raise CbsImportError(
                        _("CBS OData API: %(url)s did not answer JSON") % {"url": url}
                    ) from error
                if not isinstance(document, dict):
                    raise CbsImportError(
                        _("CBS OData API: %(url)s did not answer JSON") % {"url": url}
                    )
                return document
            problem = f"HTTP {response.status_code}"
        if attempt < ATTEMPTS:
            time.sleep(pause)
            pause *= 2
    raise CbsImportError(
        _("CBS OData API cannot be reached (%(problem)s, %(attempts)d attempts): %(url)s")
        % {"problem": problem, "attempts": ATTEMPTS, "url": url}
    )


def _all_pages(client: httpx.Client, url: str, params: dict[str, str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    next_url: str | None = url
    query: dict[str, str] | None = params
    for _page in range(MAX_PAGES):
        if next_url is None:
            return rows
        document = _get(client, next_url, query)
        page = document.get("value")
        if not isinstance(page, list):
            raise CbsImportError(
                _("CBS OData API: %(url)s answered without rows") % {"url": next_url}
            )
        rows += page
        next_url = document.get("odata.nextLink") or document.get("@odata.nextLink")
        query = None  # the next link carries its own query
    return rows


def fetch_table(
    *, table_id: str, gemeenten: Iterable[str], directory: Path, base_url: str | None = None
) -> Path:
    """The table's rows for these gemeenten (with their wijken and buurten) and their names,
    as an OData JSON file in `directory`; raises CbsImportError when CBS cannot answer."""
    codes = sorted({code.strip().upper() for code in gemeenten})
    if not codes:
        raise CbsImportError(_("--odata needs at least one --gemeente"))
    # Both go into the URL and its filter: only the forms CBS uses get there.
    for code in codes:
        if not PATTERNS[Level.GEMEENTE].match(code):
            raise CbsImportError(
                _("--gemeente %(code)s is not a gemeente code (expected e.g. GM0344)")
                % {"code": code}
            )
    table = table_id.strip().upper()
    if not TABLE_ID.match(table):
        raise CbsImportError(
            _("--odata %(table)s is not a CBS table id (expected e.g. 85984NED)")
            % {"table": table_id}
        )
    base = (base_url or settings.GEZONDEWIJK_CBS_ODATA_URL).rstrip("/")
    transport = httpx.HTTPTransport(retries=2)
    with httpx.Client(transport=transport, timeout=TIMEOUT_S, follow_redirects=True) as client:
        rows = _all_pages(
            client,
            f"{base}/{table}/TypedDataSet",
            {"$filter": _code_filter(codes, "WijkenEnBuurten"), "$format": "json"},
        )
        names = _all_pages(
            client,
            f"{base}/{table}/WijkenEnBuurten",
            {"$filter": _code_filter(codes, "Key"), "$format": "json"},
        )
    titles = {str(n.get("Key", "")).strip(): str(n.get("Title", "")).strip() for n in names}
    for row in rows:
        title = titles.get(str(row.get("WijkenEnBuurten", "")).strip())
        if title:
            row["Title"] = title
    path = directory / f"{table}_{'_'.join(codes)}.json"
    path.write_text(json.dumps({"value": rows}), encoding="utf-8")
    return path
