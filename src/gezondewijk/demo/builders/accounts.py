"""The demo log-ins of accounts.DEMO_ACCOUNTS, placed where they make sense together.

The resident, the initiative lead and the wijk coordinator share one wijk (the centre of the
largest gemeente); the GP works at that wijk's practice, so one demo story connects them.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.contrib.auth.hashers import make_password

from gezondewijk.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from gezondewijk.demo.registry import DemoContext
from gezondewijk.people.models import (
    BirthYearBand,
    HouseholdType,
    Organisation,
    OrganisationType,
    Profession,
    ProfessionalProfile,
    ResidentProfile,
    RoleGrant,
    User,
)
from gezondewijk.permissions.roles import Role
from gezondewijk.places.models import Wijk

# A fixed moment rather than now(), so the same seed gives the same rows.
DEMO_JOINED = datetime(2025, 9, 1, 9, 0, tzinfo=UTC)
RESIDENT_ROLES = {Role.RESIDENT, Role.INITIATIVE_LEAD}  # an initiative lead lives there too


def build_accounts(ctx: DemoContext) -> None:
    region = ctx.require_region()
    wijk = Wijk.objects.filter(gemeente__region=region).select_related("gemeente").first()
    assert wijk is not None
    buurt = wijk.buurten.order_by("-inhabitants", "code").first()
    practice = (
        Organisation.objects.filter(type=OrganisationType.HUISARTSENPRAKTIJK, wijken=wijk)
        .order_by("name")
        .first()
    )
    assert buurt is not None
    assert practice is not None
    scopes: dict[str, dict[str, object]] = {
        "region": {"region": region},
        "gemeente": {"gemeente": wijk.gemeente},
        "wijk": {"wijk": wijk},
    }
    # Hashed once: argon2 is slow on purpose, and these accounts share the one demo password.
    password = make_password(DEMO_PASSWORD)
    for account in DEMO_ACCOUNTS:
        role = Role(account.role)
        name = ctx.faker.name()
        user = User(
            email=account.email, display_name=name, password=password, date_joined=DEMO_JOINED
        )
        user.full_clean()
        user.save()
        _grant(user, role, scopes[account.scope])
        if role in RESIDENT_ROLES:
            ResidentProfile.objects.create(
                user=user,
                pseudonym=name.split()[0],
                buurt=buurt,
                birth_year_band=ctx.rng.choice([BirthYearBand.B30_44, BirthYearBand.B45_64]),
                household_type=ctx.rng.choice(
                    [HouseholdType.COUPLE_WITH_CHILDREN, HouseholdType.SINGLE]
                ),
            )
            _grant(user, Role.RESIDENT, {"wijk": wijk})
        if role is Role.PROFESSIONAL:
            ProfessionalProfile.objects.create(
                user=user, organisation=practice, profession=Profession.HUISARTS
            )
    ctx.count("demo accounts", len(DEMO_ACCOUNTS))


def _grant(user: User, role: Role, scope: dict[str, object]) -> None:
    # Direct rather than people.services.role_grant, to give the grant a fixed timestamp.
    grant, _ = RoleGrant.objects.get_or_create(
        user=user, role=role, **scope, defaults={"granted_at": DEMO_JOINED}
    )
    grant.full_clean()
