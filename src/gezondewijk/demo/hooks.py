"""What the demo app gives to its own registry: the builders every demo starts from.

They go first (places, organisations, residents, accounts); apps higher up register theirs in
their own hooks.py, so this app never needs to know their names.
"""

from gezondewijk import hooks
from gezondewijk.demo import engine, registry
from gezondewijk.demo.builders.accounts import build_accounts
from gezondewijk.demo.builders.organisations import build_organisations
from gezondewijk.demo.builders.residents import build_residents


def register() -> None:
    for builder in (
        registry.DemoBuilder("places", engine.build_demo_places, registry.ORDER_PLACES),
        registry.DemoBuilder("organisations", build_organisations, registry.ORDER_ORGANISATIONS),
        registry.DemoBuilder("residents", build_residents, registry.ORDER_RESIDENTS),
        registry.DemoBuilder("accounts", build_accounts, registry.ORDER_ACCOUNTS),
    ):
        hooks.register(registry.BUILDERS, builder)
