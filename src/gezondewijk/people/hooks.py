"""What the people app gives to the apps below it."""

from gezondewijk import hooks
from gezondewijk.people import personal_data, selectors
from gezondewijk.permissions import api_auth
from gezondewijk.privacy import registry


def register() -> None:
    # The API's authentication (below this app) knows a key only through this lookup.
    hooks.register(api_auth.API_KEY_LOOKUP, selectors.live_api_key)
    hooks.register(registry.PERSONAL_DATA, personal_data.PROVIDER)
