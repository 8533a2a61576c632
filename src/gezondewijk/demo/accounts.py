"""The demo log-ins, one per role. Plain constants: `make run` prints them without Django set up."""

from __future__ import annotations

from typing import Literal, NamedTuple

from rich import box
from rich.console import Console
from rich.table import Table

DEMO_EMAIL_DOMAIN = "demo.gezondewijk.nl"
DEMO_PASSWORD = "demo-wachtwoord"

Scope = Literal["region", "gemeente", "wijk"]


class DemoAccount(NamedTuple):
    email: str
    label: str  # the role in Dutch, with its scope, as shown to whoever tries the demo
    password: str
    role: str  # a people.models.Role value; kept a string so this module needs no Django
    scope: Scope


def _account(local: str, label: str, role: str, scope: Scope) -> DemoAccount:
    return DemoAccount(f"{local}@{DEMO_EMAIL_DOMAIN}", label, DEMO_PASSWORD, role, scope)


DEMO_ACCOUNTS: list[DemoAccount] = [
    _account("inwoner", "Inwoner (buurt)", "inwoner", "wijk"),
    _account("initiatiefnemer", "Initiatiefnemer (wijk)", "initiatiefnemer", "wijk"),
    _account("coordinator", "Coördinator (regio)", "coordinator", "region"),
    _account("wijkcoordinator", "Wijkcoördinator (wijk)", "coordinator", "wijk"),
    _account("professional", "Huisarts (gemeente)", "professional", "gemeente"),
    _account("financier", "Financier (regio)", "financier", "region"),
    _account("onderzoeker", "Onderzoeker (regio)", "onderzoeker", "region"),
    _account("beheerder", "Regiobeheerder (regio)", "regiobeheerder", "region"),
]


# Log-ins that feature builders create beside the ones above (same password): named here so
# whoever tries the demo sees them too. (label, e-mail)
FEATURE_LOGINS: list[tuple[str, str]] = [
    ("Welzijnscoach (verwijzingen)", f"welzijnscoach@{DEMO_EMAIL_DOMAIN}"),
    ("Praktijkondersteuner (verwijzingen)", f"poh@{DEMO_EMAIL_DOMAIN}"),
]


def logins_table() -> Table:
    table = Table(title="Demo-accounts", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Rol")
    # Never cut an address short, even in an 80-column terminal: the roles wrap instead.
    table.add_column("E-mail", no_wrap=True, min_width=max(len(a.email) for a in DEMO_ACCOUNTS))
    table.add_column("Wachtwoord", no_wrap=True)
    for account in DEMO_ACCOUNTS:
        table.add_row(account.label, account.email, account.password)
    for label, email in FEATURE_LOGINS:
        table.add_row(label, email, DEMO_PASSWORD)
    return table


def print_logins(console: Console | None = None) -> None:
    (console or Console()).print(logins_table())
