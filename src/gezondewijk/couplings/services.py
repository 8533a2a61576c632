"""Writes and files of the couplings that pages and the API share."""

from __future__ import annotations

from typing import Any

import polars as pl
from django.http import HttpResponse

from gezondewijk.couplings import socialmap, socialmap_format
from gezondewijk.permissions.api_auth import Caller
from gezondewijk.permissions.policy import Permission, allows
from gezondewijk.places.models import Gemeente


def import_gemeenten(*, user: Any = None, caller: Caller | None = None) -> set[int]:
    """The gemeenten whose social map this person or system may change."""
    if caller is not None and caller.key is not None:
        return {caller.key.organisation.gemeente_id}
    person = caller.user if caller is not None else user
    return {g.pk for g in Gemeente.objects.all() if allows(person, Permission.IMPORT_SOCIAL_MAP, g)}


def socialmap_import(
    *, tables: dict[str, pl.DataFrame], caller: Caller | None = None, user: Any = None
) -> dict[str, int]:
    return socialmap.social_map_import(
        tables=tables, gemeente_ids=import_gemeenten(user=user, caller=caller)
    )


def socialmap_file(*, format: str, table: str | None) -> HttpResponse:
    frames = socialmap.social_map_export()
    if format == "csv" and table:
        body = socialmap_format.write_csv(frames[table])
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="sociale-kaart-{table}.csv"'
        return response
    response = HttpResponse(
        socialmap_format.write_xlsx(frames), content_type=socialmap_format.XLSX_TYPE
    )
    response["Content-Disposition"] = 'attachment; filename="sociale-kaart.xlsx"'
    return response
