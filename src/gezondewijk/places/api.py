"""API for places: gemeenten, wijken, buurten with key figures, and strategic locations."""

from decimal import Decimal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from gezondewijk.api_pagination import BoundedLimitOffset
from gezondewijk.errors import unknown
from gezondewijk.permissions.api_auth import require
from gezondewijk.permissions.policy import Permission
from gezondewijk.places import selectors, services
from gezondewijk.places.models import Buurt, Gemeente, LocationKind, StrategicLocation, Wijk

router = Router(tags=["places"])


class KeyFiguresOut(Schema):
    figures_year: int | None
    inhabitants: int | None
    households: int | None
    single_person_households: int | None
    age_65_plus: int | None
    low_income_households_pct: Decimal | None
    income_per_inhabitant: Decimal | None
    area_land_ha: int | None
    urbanity: int | None


class AreaOut(Schema):
    code: str
    name: str
    division_year: int | None = Field(None, description="year of the CBS area division")
    historic_since: int | None = Field(
        None, description="first CBS area division without this code (a historic area)"
    )
    key_figures: KeyFiguresOut

    @staticmethod
    def resolve_key_figures(obj: Gemeente | Wijk | Buurt) -> Gemeente | Wijk | Buurt:
        # The key figures are fields of the area itself; the API nests them for clarity.
        return obj


class GemeenteOut(AreaOut):
    region: str | None = Field(None, alias="region.name")


class WijkOut(AreaOut):
    gemeente: str = Field(..., alias="gemeente.code")


class BuurtOut(AreaOut):
    wijk: str = Field(..., alias="wijk.code")


class LocationOut(Schema):
    id: int
    name: str
    kind: str
    buurt: str = Field(..., alias="buurt.code")
    address: str
    latitude: Decimal
    longitude: Decimal
    description: str


class LocationIn(Schema):
    name: str = Field(..., min_length=1, max_length=160)
    kind: LocationKind
    buurt: str = Field(..., description="CBS buurt code, e.g. BU03440111")
    latitude: Decimal = Field(..., ge=Decimal("50.7"), le=Decimal("53.6"))
    longitude: Decimal = Field(..., ge=Decimal("3.3"), le=Decimal("7.3"))
    address: str = Field("", max_length=200)
    description: str = ""


class LocationPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=160)
    kind: LocationKind | None = None
    latitude: Decimal | None = Field(None, ge=Decimal("50.7"), le=Decimal("53.6"))
    longitude: Decimal | None = Field(None, ge=Decimal("3.3"), le=Decimal("7.3"))
    address: str | None = Field(None, max_length=200)
    description: str | None = None


@router.get("/gemeenten", response=list[GemeenteOut])
@paginate(BoundedLimitOffset)
def gemeenten(request: HttpRequest, region: str | None = None) -> QuerySet[Gemeente]:
    require(request, Permission.VIEW_AREAS)
    return selectors.gemeenten_list(region_slug=region)


@router.get("/gemeenten/{code}", response=GemeenteOut)
def gemeente(request: HttpRequest, code: str) -> Gemeente:
    require(request, Permission.VIEW_AREAS)
    found = Gemeente.objects.select_related("region").filter(code=code).first()
    if found is None:
        raise HttpError(404, "Not found.")
    return found


@router.get("/wijken", response=list[WijkOut])
@paginate(BoundedLimitOffset)
def wijken(request: HttpRequest, gemeente: str | None = None) -> QuerySet[Wijk]:
    require(request, Permission.VIEW_AREAS)
    return selectors.wijken_list(gemeente_code=gemeente)


@router.get("/wijken/{code}", response=WijkOut)
def wijk(request: HttpRequest, code: str) -> Wijk:
    require(request, Permission.VIEW_AREAS)
    found = selectors.wijk_get(code=code)
    if found is None:
        raise HttpError(404, "Not found.")
    return found


@router.get("/buurten", response=list[BuurtOut])
@paginate(BoundedLimitOffset)
def buurten(request: HttpRequest, wijk: str | None = None) -> QuerySet[Buurt]:
    require(request, Permission.VIEW_AREAS)
    return selectors.buurten_list(wijk_code=wijk)


@router.get("/buurten/{code}", response=BuurtOut)
def buurt(request: HttpRequest, code: str) -> Buurt:
    require(request, Permission.VIEW_AREAS)
    found = Buurt.objects.select_related("wijk").filter(code=code).first()
    if found is None:
        raise HttpError(404, "Not found.")
    return found


class FigureValueOut(Schema):
    year: int
    value: float
    source: str = Field(..., description="CBS table id or file the figure came from")


class KeyFigureOut(Schema):
    figure: str
    label: str
    newest: FigureValueOut
    history: list[FigureValueOut]


@router.get("/areas/{code}/key-figures", response=list[KeyFigureOut])
def area_key_figures(request: HttpRequest, code: str) -> list[selectors.KeyFigure]:
    """Every key figure of a gemeente, wijk or buurt with its year and source: the newest
    value and each year's (per year the most recently imported source that gives it)."""
    require(request, Permission.VIEW_AREAS)
    if not any(m.objects.filter(code=code).exists() for m in (Gemeente, Wijk, Buurt)):
        raise HttpError(404, "Not found.")
    return selectors.key_figures_of(code=code)


@router.get("/locations", response=list[LocationOut], tags=["locations"])
@paginate(BoundedLimitOffset)
def locations(
    request: HttpRequest,
    wijk: str | None = None,
    buurt: str | None = None,
    kind: LocationKind | None = None,
) -> QuerySet[StrategicLocation]:
    require(request, Permission.VIEW_LOCATIONS)
    return selectors.locations_list(wijk_code=wijk, buurt_code=buurt, kind=kind)


@router.get("/locations/{location_id}", response=LocationOut, tags=["locations"])
def location(request: HttpRequest, location_id: int) -> StrategicLocation:
    require(request, Permission.VIEW_LOCATIONS)
    found = selectors.locations_list().filter(pk=location_id).first()
    if found is None:
        raise HttpError(404, "Not found.")
    return found


@router.post("/locations", response={201: LocationOut}, tags=["locations"])
def location_create(request: HttpRequest, payload: LocationIn) -> Status[StrategicLocation]:
    caller = require(request, Permission.MANAGE_LOCATIONS)
    target = Buurt.objects.select_related("wijk__gemeente").filter(code=payload.buurt).first()
    # A buurt outside the caller's scope is reported exactly like one that does not exist.
    if target is None or not caller.allows(Permission.MANAGE_LOCATIONS, target):
        raise unknown("buurt", "Unknown buurt.")
    created = services.location_create(**payload.dict(exclude={"buurt"}), buurt=target)
    return Status(201, created)


@router.patch("/locations/{location_id}", response=LocationOut, tags=["locations"])
def location_update(
    request: HttpRequest, location_id: int, payload: LocationPatch
) -> StrategicLocation:
    caller = require(request, Permission.MANAGE_LOCATIONS)
    found = StrategicLocation.objects.filter(pk=location_id).first()
    if found is None or not caller.allows(Permission.MANAGE_LOCATIONS, found):
        raise HttpError(404, "Not found.")
    return services.location_update(location=found, **payload.dict(exclude_unset=True))
