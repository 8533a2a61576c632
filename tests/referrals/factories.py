"""Helpers for referral tests: professionals with a profession, and a referral between them."""

from typing import Any

from gezondewijk.people.models import Organisation, OrganisationType, Profession, User
from gezondewijk.permissions.roles import Role
from gezondewijk.referrals import services
from gezondewijk.referrals.models import Reason, Referral
from tests import factories
from tests.conftest import World


def professional(
    world: World, profession: str, organisation: Organisation | None = None, **kwargs: Any
) -> User:
    """A professional with a role over the world's gemeente and a profile at `organisation`."""
    user = factories.user_with_role(Role.PROFESSIONAL, world.gemeente, **kwargs)
    organisation = organisation or factories.OrganisationFactory(
        gemeente=world.gemeente,
        type=OrganisationType.WELZIJN
        if profession == Profession.WELZIJNSCOACH
        else OrganisationType.HUISARTSENPRAKTIJK,
    )
    factories.ProfessionalProfileFactory(
        user=user, organisation=organisation, profession=profession
    )
    return user


def gp(world: World, **kwargs: Any) -> User:
    return professional(world, Profession.HUISARTS, **kwargs)


def coach(world: World, **kwargs: Any) -> User:
    return professional(world, Profession.WELZIJNSCOACH, **kwargs)


def referral(
    world: World,
    *,
    referrer: User | None = None,
    to: User | None = None,
    resident: User | None = None,
    reason: str = Reason.EENZAAMHEID,
    **kwargs: Any,
) -> Referral:
    """The world's resident referred by a GP to a coach (new ones unless given)."""
    return services.referral_create(
        referrer=referrer or gp(world),
        resident=resident or world.resident,
        reason=reason,
        resident_consented=True,
        coach=to or coach(world),
        **kwargs,
    )
