"""The referrals app's part of export and erase.

A referral is the resident's: it is exported in full and erased with them. For the referrer
and the coach a referral is work they did about someone else: their name is taken off it when
they are erased, and the referral stays the resident's.
"""

from typing import Any

from gezondewijk.privacy import registry
from gezondewijk.referrals.models import FollowUp, Referral, ReferralCode, ReferralEvent


def _export(user: Any) -> dict[str, Any]:
    code = ReferralCode.objects.filter(user=user).values_list("code", flat=True).first()
    return {
        "referral_code": code,
        "referrals": [
            {
                "reason": r.reason,
                "sent": r.created_at.isoformat(),
                "referred_by": str(r.referrer or "-"),
                "practice": r.practice.name,
                "coach": str(r.coach or "-"),
                "initiative": r.initiative.name if r.initiative else None,
                "activity": r.activity.title if r.activity else None,
                "status": r.status,
                "answer": r.answer,
                "feedback_participation": r.feedback_participation,
                "feedback_health": r.feedback_health,
                "first_activity_on": r.first_activity_on.isoformat()
                if r.first_activity_on
                else None,
                "history": [
                    {"at": e.at.isoformat(), "kind": e.kind, "value": e.value}
                    for e in r.events.all()
                ],
            }
            for r in Referral.objects.filter(resident=user)
            .select_related("referrer", "coach", "practice", "initiative", "activity")
            .prefetch_related("events")
        ],
        # What a professional did: counts only, the residents' referrals are theirs.
        "referrals_made": Referral.objects.filter(referrer=user).count(),
        "referrals_received": Referral.objects.filter(coach=user).count(),
    }


def _erase(user: Any) -> None:
    Referral.objects.filter(resident=user).delete()  # events and follow-ups go with them
    ReferralCode.objects.filter(user=user).delete()
    Referral.objects.filter(referrer=user).update(referrer=None)
    Referral.objects.filter(coach=user).update(coach=None)
    ReferralEvent.objects.filter(by=user).update(by=None)
    FollowUp.objects.filter(created_by=user).update(created_by=None)


# Registered with privacy's PERSONAL_DATA hook in this app's hooks.py.
PROVIDER = registry.PersonalDataProvider(
    name="referrals",
    export=_export,
    erase=_erase,
    models=(Referral, ReferralCode, ReferralEvent, FollowUp),
)
