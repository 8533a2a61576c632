"""API for organisations."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from gezondewijk.api_pagination import BoundedLimitOffset
from gezondewijk.people import selectors
from gezondewijk.people.models import Organisation, OrganisationType
from gezondewijk.permissions.api_auth import require
from gezondewijk.permissions.policy import Permission

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    id: int
    name: str
    type: str
    gemeente: str = Field(..., alias="gemeente.code")
    wijken: list[str]
    website: str
    description: str

    @staticmethod
    def resolve_wijken(obj: Organisation) -> list[str]:
        return [w.code for w in obj.wijken.all()]


@router.get("", response=list[OrganisationOut])
@paginate(BoundedLimitOffset)
def organisations(
    request: HttpRequest,
    type: OrganisationType | None = None,
    gemeente: str | None = None,
    wijk: str | None = None,
) -> QuerySet[Organisation]:
    require(request, Permission.VIEW_ORGANISATIONS)
    return selectors.organisations_list(type=type, gemeente_code=gemeente, wijk_code=wijk)


@router.get("/{organisation_id}", response=OrganisationOut)
def organisation(request: HttpRequest, organisation_id: int) -> Organisation:
    require(request, Permission.VIEW_ORGANISATIONS)
    found = selectors.organisations_list().filter(pk=organisation_id).first()
    if found is None:
        raise HttpError(404, "Not found.")
    return found
