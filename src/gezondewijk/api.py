"""The REST API, version 1: one NinjaAPI that gathers each app's router."""

from django.utils.translation import gettext_lazy as _

from gezondewijk.api_errors import DocumentedErrorsAPI, install
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
# One translation of every error an endpoint lets through: see api_errors.
install(api)
