"""The REST API, version 1: one NinjaAPI that gathers each app's router."""

from django.http import HttpRequest, HttpResponse, RawPostDataException
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext_lazy as _
from ninja.errors import AuthenticationError, HttpError, ValidationError

from gezondewijk.api_errors import DocumentedErrorsAPI
from gezondewijk.api_text import TextParser
from gezondewijk.checks.api import router as checks_router
from gezondewijk.couplings.api import router as couplings_router
from gezondewijk.cycle.api import router as cycle_router
from gezondewijk.finance.api import router as finance_router
from gezondewijk.indicators.api import router as indicators_router
from gezondewijk.initiatives.api import router as initiatives_router
from gezondewijk.network.api import router as network_router
from gezondewijk.people.api import router as organisations_router
from gezondewijk.permissions.api_auth import AUTH
from gezondewijk.pioneers.api import router as pioneers_router
from gezondewijk.places.api import router as places_router
from gezondewijk.privacy.api import router as privacy_router
from gezondewijk.projectbank.api import router as projectbank_router
from gezondewijk.referrals.api import router as referrals_router

api = DocumentedErrorsAPI(
    title="Gezonde Wijk API",
    version="1",
    description=str(
        _(
            "Places with their CBS codes, strategic locations and organisations of a region. "
            "Authenticate with an organisation's API key (header X-API-Key or "
            "Authorization: Bearer) or a logged-in session."
        )
    ),
    auth=AUTH,
    parser=TextParser(),
    urls_namespace="api-1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("/", places_router)
api.add_router("/organisations", organisations_router)
api.add_router("/me", privacy_router)
api.add_router("/network", network_router)
api.add_router("/checks", checks_router)
api.add_router("/", initiatives_router)
api.add_router("/", cycle_router)
api.add_router("/projectbank", projectbank_router)
api.add_router("/pioneers", pioneers_router)
api.add_router("/indicators", indicators_router)
api.add_router("/couplings", couplings_router)
api.add_router("/referrals", referrals_router)
api.add_router("/finance", finance_router)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(
        request, {"detail": "Authentication required: an API key or a session."}, status=401
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    # Each error names its field by path, e.g. ["body", "payload", "latitude"].
    errors = [
        {"loc": list(e.get("loc", [])), "msg": e.get("msg", ""), "type": e.get("type", "")}
        for e in exc.errors
    ]
    return api.create_response(request, {"detail": errors}, status=422)


def _unparseable(request: HttpRequest) -> HttpResponse:
    return api.create_response(request, {"detail": "Cannot parse request body"}, status=400)


@api.exception_handler(MultiPartParserError)
def _bad_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    # A multipart body without a boundary, or cut off: the client's error, not ours.
    return _unparseable(request)


@api.exception_handler(RawPostDataException)
def _body_already_read(request: HttpRequest, exc: RawPostDataException) -> HttpResponse:
    # A form sent where the operation reads a document as its body: the CSRF check of a
    # session has read the form, so the body is gone. Also the client's error.
    return _unparseable(request)
