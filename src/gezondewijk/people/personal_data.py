"""The people app's part of export and erase: the account, profiles and roles."""

from typing import Any

from gezondewijk.people.models import ProfessionalProfile, ResidentProfile, RoleGrant, User
from gezondewijk.privacy import registry


def _export(user: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "joined": user.date_joined.isoformat(),
        },
        "roles": [
            {"role": g.role, "scope": str(g.scope), "granted_at": g.granted_at.isoformat()}
            for g in RoleGrant.objects.filter(user=user).select_related(
                "region", "gemeente", "wijk"
            )
        ],
    }
    resident = ResidentProfile.objects.filter(user=user).select_related("buurt").first()
    if resident:
        data["resident_profile"] = {
            "pseudonym": resident.pseudonym,
            "buurt": resident.buurt.code,
            "birth_year_band": resident.birth_year_band,
            "household_type": resident.household_type,
        }
    professional = ProfessionalProfile.objects.filter(user=user).first()
    if professional:
        data["professional_profile"] = {
            "organisation": professional.organisation.name,
            "profession": professional.profession,
        }
    return data


def _erase(user: Any) -> None:
    # The account itself goes last, in privacy.services.personal_data_erase.
    ResidentProfile.objects.filter(user=user).delete()
    ProfessionalProfile.objects.filter(user=user).delete()
    RoleGrant.objects.filter(user=user).delete()


# Registered with privacy's PERSONAL_DATA hook in this app's hooks.py.
PROVIDER = registry.PersonalDataProvider(
    name="people",
    export=_export,
    erase=_erase,
    models=(User, ResidentProfile, ProfessionalProfile, RoleGrant),
)
