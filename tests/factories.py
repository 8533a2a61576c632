"""Factories for test data: one line gives a valid object with all its parents."""

from decimal import Decimal
from typing import Any

import factory
from factory.django import DjangoModelFactory

from gezondewijk.people import services as people_services
from gezondewijk.people.models import (
    Organisation,
    OrganisationType,
    Profession,
    ProfessionalProfile,
    ResidentProfile,
    User,
)
from gezondewijk.permissions.roles import Role
from gezondewijk.places.models import Buurt, Gemeente, LocationKind, Region, StrategicLocation, Wijk

PASSWORD = "wijk-test-wachtwoord"


class RegionFactory(DjangoModelFactory[Region]):
    class Meta:
        model = Region
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Regio {n}")
    slug = factory.Sequence(lambda n: f"regio-{n}")


class GemeenteFactory(DjangoModelFactory[Gemeente]):
    class Meta:
        model = Gemeente

    # A CBS code has four digits: the sequence cycles through GM9100-GM9999, clear of the
    # world fixture's GM9001 and of real codes, however many tests one run holds.
    code = factory.Sequence(lambda n: f"GM{9100 + n % 900:04d}")
    name = factory.Sequence(lambda n: f"Gemeente {n}")
    region = factory.SubFactory(RegionFactory)
    inhabitants = 50_000


class WijkFactory(DjangoModelFactory[Wijk]):
    class Meta:
        model = Wijk

    gemeente = factory.SubFactory(GemeenteFactory)
    # Two digits from 10 up: the world fixture and tests name 01-09 themselves.
    code = factory.LazyAttributeSequence(lambda o, n: f"WK{o.gemeente.code[2:]}{10 + n % 90:02d}")
    name = factory.Sequence(lambda n: f"Wijk {n}")
    inhabitants = 5_000


class BuurtFactory(DjangoModelFactory[Buurt]):
    class Meta:
        model = Buurt

    wijk = factory.SubFactory(WijkFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"BU{o.wijk.code[2:]}{10 + n % 90:02d}")
    name = factory.Sequence(lambda n: f"Buurt {n}")
    inhabitants = 1_000


class StrategicLocationFactory(DjangoModelFactory[StrategicLocation]):
    class Meta:
        model = StrategicLocation

    name = factory.Sequence(lambda n: f"Buurthuis {n}")
    kind = LocationKind.BUURTHUIS
    buurt = factory.SubFactory(BuurtFactory)
    latitude = Decimal("52.090000")
    longitude = Decimal("5.120000")


class OrganisationFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    type = OrganisationType.WELZIJN
    gemeente = factory.SubFactory(GemeenteFactory)


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.nl")
    display_name = factory.Sequence(lambda n: f"Persoon {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            obj.save()


class ResidentProfileFactory(DjangoModelFactory[ResidentProfile]):
    class Meta:
        model = ResidentProfile

    user = factory.SubFactory(UserFactory)
    pseudonym = factory.Sequence(lambda n: f"bewoner{n}")
    buurt = factory.SubFactory(BuurtFactory)


class ProfessionalProfileFactory(DjangoModelFactory[ProfessionalProfile]):
    class Meta:
        model = ProfessionalProfile

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    profession = Profession.HUISARTS


def user_with_role(role: Role, scope: Region | Gemeente | Wijk, **kwargs: Any) -> User:
    user = UserFactory(**kwargs)
    people_services.role_grant(user=user, role=role, scope=scope)
    return user
