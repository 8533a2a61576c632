"""Who may see and do what with one referral, next to the roles in permissions/policy.py.

policy.allows() answers "may this person refer at all"; a referral is personal data of one
resident, so the object-level question is answered here, and every view and endpoint asks it:
only the resident, the referrer and the receiving coach ever read a referral. A coordinator,
another GP or another coach is told it does not exist.

A practice's information system (an API key with referrals:exchange) stands in for its
referrers: it refers on behalf of its own professionals and reads the referrals made at the
practice, with no more than their referrer sees.
"""

from __future__ import annotations

from typing import Any

from gezondewijk.people.models import Organisation, ProfessionalProfile
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.referrals.models import (
    RECEIVING_PROFESSIONS,
    REFERRING_PROFESSIONS,
    Referral,
)


def _profession(user: Any) -> str | None:
    cached: str | None = getattr(user, "_referral_profession", "")
    if cached != "":
        return cached
    found = (
        ProfessionalProfile.objects.filter(user_id=user.pk).values_list("profession", flat=True)
    ).first()
    user._referral_profession = found
    return found


def may_refer(user: Any) -> bool:
    """A GP, practice nurse, district nurse or social worker with a professional role."""
    return policy.allows(user, Permission.REFER) and _profession(user) in REFERRING_PROFESSIONS


def may_refer_for(organisation: Organisation, user: Any) -> bool:
    """A practice's system refers on behalf of a professional who works there and may refer;
    never for someone of another organisation, whatever they may do themselves."""
    return (
        may_refer(user)
        and ProfessionalProfile.objects.filter(user_id=user.pk, organisation=organisation).exists()
    )


def is_of_practice(organisation: Organisation, referral: Referral) -> bool:
    """A referral made at `organisation`: the practice keeps it when its referrer moves on or
    erases their account, as a GP's patient file stays with the practice."""
    return referral.practice_id == organisation.pk


def may_receive(user: Any) -> bool:
    """A welfare coach with a professional role."""
    return (
        policy.allows(user, Permission.RECEIVE_REFERRALS)
        and _profession(user) in RECEIVING_PROFESSIONS
    )


def may_keep_own(user: Any) -> bool:
    return policy.allows(user, Permission.KEEP_OWN_REFERRALS)


def may_read(user: Any, referral: Referral) -> bool:
    """The resident, the referrer and the receiving coach; nobody else, superusers neither:
    a referral is not administrative data."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.pk in {referral.resident_id, referral.referrer_id, referral.coach_id}


def is_resident_of(user: Any, referral: Referral) -> bool:
    return bool(getattr(user, "pk", None)) and user.pk == referral.resident_id


def is_referrer_of(user: Any, referral: Referral) -> bool:
    return bool(getattr(user, "pk", None)) and user.pk == referral.referrer_id


def is_coach_of(user: Any, referral: Referral) -> bool:
    return bool(getattr(user, "pk", None)) and user.pk == referral.coach_id and may_receive(user)


def may_follow(user: Any, referral: Referral) -> bool:
    """Move the loop on: the receiving coach; for a referral straight to an initiative
    without a coach, the referrer."""
    if is_coach_of(user, referral):
        return True
    return referral.coach_id is None and is_referrer_of(user, referral) and may_refer(user)


def may_view_figures(user: Any) -> bool:
    return policy.allows(user, Permission.VIEW_REFERRAL_FIGURES)
