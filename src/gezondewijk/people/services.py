"""Writes of the people app: accounts, profiles, role grants and API keys."""

import hashlib
import secrets
from typing import Any

from django.db import transaction

from gezondewijk.people.models import (
    ApiKey,
    ApiScope,
    BirthYearBand,
    HouseholdType,
    Organisation,
    ResidentProfile,
    RoleGrant,
    User,
)
from gezondewijk.permissions.roles import Role
from gezondewijk.places.models import Buurt, Gemeente, Region, Wijk

API_KEY_PREFIX_LENGTH = 8


def user_create(*, email: str, password: str | None, display_name: str = "") -> User:
    user = User(email=User.objects.normalize_email(email).lower(), display_name=display_name)
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


def resident_register(
    *,
    email: str,
    password: str,
    pseudonym: str,
    buurt: Buurt,
    birth_year_band: BirthYearBand | str = "",
    household_type: HouseholdType | str = "",
) -> User:
    """A new resident account with its profile and the resident role over its wijk."""
    with transaction.atomic():
        user = user_create(email=email, password=password, display_name=pseudonym)
        profile = ResidentProfile(
            user=user,
            pseudonym=pseudonym,
            buurt=buurt,
            birth_year_band=birth_year_band,
            household_type=household_type,
        )
        profile.full_clean()
        profile.save()
        role_grant(user=user, role=Role.RESIDENT, scope=buurt.wijk)
    return user


def role_grant(*, user: User, role: Role, scope: Region | Gemeente | Wijk) -> RoleGrant:
    scope_field = {Region: "region", Gemeente: "gemeente", Wijk: "wijk"}[type(scope)]
    lookup: dict[str, Any] = {"user": user, "role": role, scope_field: scope}
    grant, _ = RoleGrant.objects.get_or_create(**lookup)
    user.__dict__.pop("_role_grants", None)
    return grant


def hash_api_key(raw_key: str) -> str:
    # Keys are long random strings, so a fast hash is safe here (unlike passwords).
    return hashlib.sha256(raw_key.encode()).hexdigest()


def api_key_create(
    *, organisation: Organisation, name: str, scopes: list[ApiScope]
) -> tuple[ApiKey, str]:
    """Create a key; the raw key is returned once and never stored."""
    raw = "gw_" + secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        organisation=organisation,
        name=name,
        prefix=raw[3 : 3 + API_KEY_PREFIX_LENGTH],
        hashed_key=hash_api_key(raw),
        scopes=[str(s) for s in scopes],
    )
    return key, raw
