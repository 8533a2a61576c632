"""Who may set up a region: its region administrator, over that region only."""

from typing import Any

from django.urls import reverse

from gezondewijk.permissions.roles import Role
from gezondewijk.regionsetup.models import ImportKind, ImportRun
from tests.access import (
    REDIRECT_TO_LOGIN,
    REGION_ADMIN_ELSEWHERE,
    REGION_ADMIN_HERE,
    ObjectCheck,
    Page,
    only,
)
from tests.conftest import World

ADMIN = [Role.REGION_ADMIN.value]
ADMIN_PAGE = only(ADMIN, 200, 403, REDIRECT_TO_LOGIN)


def _region(name: str) -> Any:
    return lambda world: reverse(name, args=[world.region.slug])


def _run_url(world: World) -> str:
    run = ImportRun.objects.create(
        region=world.region, kind=ImportKind.KEY_FIGURES, file_name="kwb-2023.csv"
    )
    return reverse("regionsetup:run", args=[world.region.slug, run.pk])


PAGES = {
    # The one region the administrator sets up: straight to it.
    "regionsetup:index": Page(only(ADMIN, 302, 403, REDIRECT_TO_LOGIN)),
    "regionsetup:region": Page(ADMIN_PAGE, url=_region("regionsetup:region")),
    "regionsetup:gemeenten": Page(ADMIN_PAGE, url=_region("regionsetup:gemeenten")),
    "regionsetup:upload": Page(ADMIN_PAGE, url=_region("regionsetup:upload")),
    "regionsetup:run": Page(ADMIN_PAGE, url=_run_url),
}
ENDPOINTS: dict[tuple[str, str], Any] = {}

# A region administrator of another region learns nothing about this one.
OBJECTS = {
    "region administrator opens the set-up of another region": ObjectCheck(
        REGION_ADMIN_HERE, REGION_ADMIN_ELSEWHERE, 200, 404, url=_region("regionsetup:region")
    ),
    "region administrator adds a gemeente to another region": ObjectCheck(
        REGION_ADMIN_HERE,
        REGION_ADMIN_ELSEWHERE,
        302,
        404,
        method="POST",
        url=_region("regionsetup:gemeenten"),
        body=lambda w: {"remove": w.gemeente.code},
    ),
    "region administrator follows an import of another region": ObjectCheck(
        REGION_ADMIN_HERE, REGION_ADMIN_ELSEWHERE, 200, 404, url=_run_url
    ),
    "region administrator uploads to another region": ObjectCheck(
        REGION_ADMIN_HERE, REGION_ADMIN_ELSEWHERE, 200, 404, url=_region("regionsetup:upload")
    ),
}
