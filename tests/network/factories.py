"""Residents with a network: profile, resident role and (by default) consent to analysis."""

from gezondewijk.network import services
from gezondewijk.network.models import TargetType, Tie
from gezondewijk.people.models import User
from gezondewijk.people.services import role_grant
from gezondewijk.permissions.roles import Role
from gezondewijk.places.models import Buurt
from gezondewijk.privacy.models import Purpose
from gezondewijk.privacy.services import consent_grant
from tests import factories


def resident(buurt: Buurt, *, consent: bool = True, visible: bool = False) -> User:
    user = factories.ResidentProfileFactory(buurt=buurt).user
    role_grant(user=user, role=Role.RESIDENT, scope=buurt.wijk)
    if consent:
        consent_grant(user=user, purpose=Purpose.NETWORK_ANALYSIS)
    if visible:
        profile = services.network_profile_get(user=user)
        profile.visible_as_connector = True
        profile.save()
    return user


def befriend(a: User, b: User, strength: int = 2) -> None:
    """A mutual tie: both residents record it."""
    details = services.TieDetails(strength=strength)
    for owner, other in ((a, b), (b, a)):
        services.tie_create(
            owner=owner,
            target_type=TargetType.RESIDENT,
            details=details,
            connect_code=services.network_profile_get(user=other).connect_code,
        )


def visits(user: User, location_id: int) -> Tie:
    return services.tie_create(
        owner=user,
        target_type=TargetType.LOCATION,
        details=services.TieDetails(kind="plek"),
        location_id=location_id,
    )
