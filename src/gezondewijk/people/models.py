"""People, their roles per scope, and the organisations they work for."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gezondewijk.permissions.roles import Role
from gezondewijk.places.models import Buurt, Gemeente, Region, StrategicLocation, Wijk


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """An account. Log-in is by e-mail; what the person may do follows from their RoleGrants."""

    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=120, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the admin"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []  # type: ignore[misc]  # e-mail and password only

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.email


class BirthYearBand(models.TextChoices):
    """Five-year bands: enough for age-group statistics, too coarse to identify anyone."""

    UNDER_18 = "<18", _("under 18")
    B18_29 = "18-29", "18–29"
    B30_44 = "30-44", "30–44"
    B45_64 = "45-64", "45–64"
    B65_74 = "65-74", "65–74"
    B75_PLUS = "75+", _("75 and over")


class HouseholdType(models.TextChoices):
    SINGLE = "alleenstaand", _("living alone")
    COUPLE = "paar", _("couple without children")
    COUPLE_WITH_CHILDREN = "gezin", _("couple with children")
    SINGLE_PARENT = "eenoudergezin", _("single parent")
    OTHER = "anders", _("other")


class ResidentProfile(models.Model):
    """What the platform needs of a resident, and nothing more: never a BSN or a birth date."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="resident_profile")
    pseudonym = models.CharField(_("pseudonym"), max_length=60)
    buurt = models.ForeignKey(
        Buurt, verbose_name=_("buurt"), on_delete=models.PROTECT, related_name="residents"
    )
    birth_year_band = models.CharField(
        _("age group"), max_length=8, choices=BirthYearBand.choices, blank=True
    )
    household_type = models.CharField(
        _("household"), max_length=16, choices=HouseholdType.choices, blank=True
    )

    class Meta:
        verbose_name = _("resident profile")
        verbose_name_plural = _("resident profiles")

    def __str__(self) -> str:
        return self.pseudonym


class OrganisationType(models.TextChoices):
    GEZONDHEIDSCENTRUM = "gezondheidscentrum", _("health centre")
    HUISARTSENPRAKTIJK = "huisartsenpraktijk", _("GP practice")
    GEMEENTE = "gemeente", _("municipality")
    GGD = "ggd", _("public health service (GGD)")
    WELZIJN = "welzijnsorganisatie", _("welfare organisation")
    WIJKVERPLEGING = "wijkverpleging", _("district nursing")
    WONINGCORPORATIE = "woningcorporatie", _("housing corporation")
    ZORGVERZEKERAAR = "zorgverzekeraar", _("health insurer")
    BANK = "bank", _("bank")
    BEDRIJF = "bedrijf", _("company")
    HOGESCHOOL = "hogeschool", _("university of applied sciences")
    BIBLIOTHEEK = "bibliotheek", _("library")
    RELIGIEUS = "religieuze_organisatie", _("religious organisation")
    BUURTHUIS = "buurthuis", _("community centre")
    SPORTVERENIGING = "sportvereniging", _("sports club")
    SCHOOL = "school", _("school")
    OTHER = "anders", _("other")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=160)
    type = models.CharField(_("type"), max_length=32, choices=OrganisationType.choices)
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    wijken = models.ManyToManyField(
        Wijk, verbose_name=_("wijken served"), blank=True, related_name="organisations"
    )
    locations = models.ManyToManyField(
        StrategicLocation,
        verbose_name=_("locations"),
        blank=True,
        related_name="organisations",
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "name"], name="organisation_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Profession(models.TextChoices):
    HUISARTS = "huisarts", _("GP")
    POH = "praktijkondersteuner", _("practice nurse")
    WIJKVERPLEGING = "wijkverpleegkundige", _("district nurse")
    WELZIJN = "welzijnswerker", _("social worker")
    WELZIJNSCOACH = "welzijnscoach", _("welfare coach")
    GGD = "ggd", _("public health professional")
    OTHER = "anders", _("other")


class ProfessionalProfile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="professional_profile")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="professionals",
    )
    profession = models.CharField(_("profession"), max_length=32, choices=Profession.choices)

    class Meta:
        verbose_name = _("professional profile")
        verbose_name_plural = _("professional profiles")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_profession_display()})"


class RoleGrant(models.Model):
    """A role held over exactly one scope: a whole region, one gemeente or one wijk."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, null=True, blank=True
    )
    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("gemeente"), on_delete=models.CASCADE, null=True, blank=True
    )
    wijk = models.ForeignKey(
        Wijk, verbose_name=_("wijk"), on_delete=models.CASCADE, null=True, blank=True
    )
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(region__isnull=False, gemeente__isnull=True, wijk__isnull=True)
                    | models.Q(region__isnull=True, gemeente__isnull=False, wijk__isnull=True)
                    | models.Q(region__isnull=True, gemeente__isnull=True, wijk__isnull=False)
                ),
                name="role_grant_has_exactly_one_scope",
            ),
            *(
                models.UniqueConstraint(
                    fields=["user", "role", scope],
                    condition=models.Q(**{f"{scope}__isnull": False}),
                    name=f"role_grant_unique_per_{scope}",
                )
                for scope in ("region", "gemeente", "wijk")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.scope}"

    @property
    def scope(self) -> Region | Gemeente | Wijk:
        scope = self.region or self.gemeente or self.wijk
        assert scope is not None  # guaranteed by role_grant_has_exactly_one_scope
        return scope


class ApiScope(models.TextChoices):
    PLACES_READ = "places:read", _("read places and key figures")
    LOCATIONS_READ = "locations:read", _("read strategic locations")
    LOCATIONS_WRITE = "locations:write", _("create and change strategic locations")
    ORGANISATIONS_READ = "organisations:read", _("read organisations")
    NETWORK_READ = "network:read", _("read network figures of wijken (suppressed below k)")
    QUESTIONNAIRES_READ = "questionnaires:read", _("read questionnaires")
    QUESTIONNAIRES_WRITE = "questionnaires:write", _("import questionnaires")
    CHECKS_FIGURES = "checks:figures", _("read suppressed figures of checks and panel surveys")
    CHECKS_IMPORT = "checks:import", _("send residents' answers through their PGO link")
    INITIATIVES_READ = "initiatives:read", _("read initiatives, activities and themes")
    CYCLE_READ = "cycle:read", _("read the implementation cycle and its advice")
    PROJECTBANK_READ = "projectbank:read", _("read the project bank")
    PROJECTBANK_WRITE = "projectbank:write", _("write to the project bank")
    INDICATORS_READ = "indicators:read", _("read indicator values (suppressed below k)")
    SOCIALMAP_READ = "socialmap:read", _("export the social map")
    SOCIALMAP_WRITE = "socialmap:write", _("import the social map of the organisation's gemeente")
    WEBHOOKS_MANAGE = "webhooks:manage", _("subscribe to webhooks and read their delivery log")
    REFERRALS_FIGURES = "referrals:figures", _("read suppressed figures of referrals")
    REFERRALS_EXCHANGE = (
        "referrals:exchange",
        _("send referrals for the organisation's own professionals (FHIR) and follow them"),
    )
    FINANCE_READ = "finance:read", _("read the prevention fund, policy scenarios and contracts")


class ApiKey(models.Model):
    """A key with which an organisation's own system calls the API. Only a hash is stored."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="api_keys"
    )
    name = models.CharField(_("name"), max_length=120)
    prefix = models.CharField(_("prefix"), max_length=12, unique=True)
    hashed_key = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(_("scopes"), default=list)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.name} ({self.prefix}…)"
