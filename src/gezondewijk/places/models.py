"""Places: region → gemeente → wijk → buurt, keyed by CBS codes, and strategic locations."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gezondewijk.places import codes


class Region(models.Model):
    """The unit that runs the platform: a set of gemeenten working together."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def lineage(self) -> tuple[int | None, int | None, int | None]:
        """(region id, gemeente id, wijk id) of the area that contains this one: what the
        permission table compares with the scope of a role grant."""
        return self.pk, None, None


class KeyFigures(models.Model):
    """CBS key figures ("kerncijfers wijken en buurten") of one area.

    None means CBS did not publish the figure ("." or "x" in their tables).
    """

    inhabitants = models.PositiveIntegerField(_("inhabitants"), null=True, blank=True)
    men = models.PositiveIntegerField(_("men"), null=True, blank=True)
    women = models.PositiveIntegerField(_("women"), null=True, blank=True)
    age_0_14 = models.PositiveIntegerField(_("aged 0-14"), null=True, blank=True)
    age_15_24 = models.PositiveIntegerField(_("aged 15-24"), null=True, blank=True)
    age_25_44 = models.PositiveIntegerField(_("aged 25-44"), null=True, blank=True)
    age_45_64 = models.PositiveIntegerField(_("aged 45-64"), null=True, blank=True)
    age_65_plus = models.PositiveIntegerField(_("aged 65 and over"), null=True, blank=True)
    households = models.PositiveIntegerField(_("households"), null=True, blank=True)
    single_person_households = models.PositiveIntegerField(
        _("single-person households"), null=True, blank=True
    )
    households_with_children = models.PositiveIntegerField(
        _("households with children"), null=True, blank=True
    )
    average_household_size = models.DecimalField(
        _("average household size"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    origin_dutch = models.PositiveIntegerField(_("origin: Netherlands"), null=True, blank=True)
    origin_europe = models.PositiveIntegerField(
        _("origin: Europe (excluding the Netherlands)"), null=True, blank=True
    )
    origin_outside_europe = models.PositiveIntegerField(
        _("origin: outside Europe"), null=True, blank=True
    )
    income_per_inhabitant = models.DecimalField(
        _("average income per inhabitant (x €1,000)"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
    )
    low_income_households_pct = models.DecimalField(
        _("households with a low income (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    dwellings = models.PositiveIntegerField(_("dwellings"), null=True, blank=True)
    population_density = models.PositiveIntegerField(
        _("inhabitants per km²"), null=True, blank=True
    )
    area_total_ha = models.PositiveIntegerField(_("total area (ha)"), null=True, blank=True)
    area_land_ha = models.PositiveIntegerField(_("land area (ha)"), null=True, blank=True)
    area_water_ha = models.PositiveIntegerField(_("water area (ha)"), null=True, blank=True)
    urbanity = models.PositiveSmallIntegerField(
        _("urbanity (1 very strongly urban – 5 not urban)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )

    class Meta:
        abstract = True


KEY_FIGURE_FIELDS: tuple[str, ...] = tuple(f.name for f in KeyFigures._meta.local_fields)


class Area(KeyFigures):
    """An area with its newest key figures: each figure from the newest year that has it
    (the full history, per year and source, is in KeyFigureSet)."""

    code = models.CharField(_("CBS code"), max_length=10, unique=True)
    # Until a key-figures workbook or a boundary file names it (the OData tables give codes
    # only), an area is called by its code.
    name = models.CharField(_("name"), max_length=120)
    boundary = models.JSONField(_("boundary (GeoJSON geometry)"), null=True, blank=True)
    figures_year = models.PositiveSmallIntegerField(_("year of the key figures"), null=True)
    # CBS renumbers areas between years: the newest area division (gebiedsindeling) that holds
    # this code, and the first newer division of its gemeente without it (a historic area).
    division_year = models.PositiveSmallIntegerField(
        _("year of the CBS area division"), null=True, blank=True
    )
    historic_since = models.PositiveSmallIntegerField(
        _("no longer in the CBS area division since"), null=True, blank=True
    )

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Gemeente(Area):
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="gemeenten",
        null=True,
        blank=True,
    )

    class Meta(Area.Meta):
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=codes.PATTERN_STRINGS[codes.Level.GEMEENTE]),
                name="gemeente_code_is_cbs_code",
            )
        ]

    def clean(self) -> None:
        codes.validate_gemeente_code(self.code)

    def lineage(self) -> tuple[int | None, int | None, int | None]:
        return self.region_id, self.pk, None


class Wijk(Area):
    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="wijken"
    )

    class Meta(Area.Meta):
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=codes.PATTERN_STRINGS[codes.Level.WIJK]),
                name="wijk_code_is_cbs_code",
            )
        ]

    def lineage(self) -> tuple[int | None, int | None, int | None]:
        return self.gemeente.region_id, self.gemeente_id, self.pk

    def clean(self) -> None:
        codes.validate_wijk_code(self.code)
        if self.gemeente_id and codes.parent_code(self.code) != self.gemeente.code:
            raise ValidationError(
                {
                    "gemeente": _("Wijk %(wijk)s does not lie in gemeente %(gemeente)s.")
                    % {"wijk": self.code, "gemeente": self.gemeente.code}
                }
            )


class Buurt(Area):
    wijk = models.ForeignKey(
        Wijk, verbose_name=_("wijk"), on_delete=models.PROTECT, related_name="buurten"
    )

    class Meta(Area.Meta):
        verbose_name = _("buurt")
        verbose_name_plural = _("buurten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=codes.PATTERN_STRINGS[codes.Level.BUURT]),
                name="buurt_code_is_cbs_code",
            )
        ]

    def lineage(self) -> tuple[int | None, int | None, int | None]:
        return self.wijk.lineage()

    def clean(self) -> None:
        codes.validate_buurt_code(self.code)
        if self.wijk_id and codes.parent_code(self.code) != self.wijk.code:
            raise ValidationError(
                {
                    "wijk": _("Buurt %(buurt)s does not lie in wijk %(wijk)s.")
                    % {"buurt": self.code, "wijk": self.wijk.code}
                }
            )


class KeyFigureSet(KeyFigures):
    """The key figures one source published for one area and year.

    Every year and every release is kept side by side, so trends work and a later release of
    the same year never blanks what an earlier one filled (see importers.cbs_merge).
    """

    area_code = models.CharField(_("CBS code"), max_length=10)
    level = models.CharField(_("level"), max_length=10)
    year = models.PositiveSmallIntegerField(_("year"))
    # The table id ("85984NED") or the file name the figures came from.
    source = models.CharField(_("source"), max_length=160)
    imported_at = models.DateTimeField(_("first imported"), default=timezone.now)
    # Columns of the source the platform has no field for, kept as written (never dropped).
    other = models.JSONField(_("other columns"), default=dict, blank=True)

    class Meta:
        verbose_name = _("key figures of a year")
        verbose_name_plural = _("key figures per year")
        ordering = ["area_code", "year", "imported_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["area_code", "year", "source"], name="key_figure_set_unique"
            )
        ]
        indexes = [models.Index(fields=["year"])]

    def __str__(self) -> str:
        return f"{self.area_code} {self.year} ({self.source})"


class LocationKind(models.TextChoices):
    BUURTHUIS = "buurthuis", _("community centre")
    MOSKEE = "moskee", _("mosque")
    KERK = "kerk", _("church")
    BIBLIOTHEEK = "bibliotheek", _("library")
    SCHOOL = "school", _("school")
    SPORTVERENIGING = "sportvereniging", _("sports club")
    GEZONDHEIDSCENTRUM = "gezondheidscentrum", _("health centre")
    HUISARTSENPRAKTIJK = "huisartsenpraktijk", _("GP practice")
    SUPERMARKT = "supermarkt", _("supermarket")
    WIJKCENTRUM = "wijkcentrum", _("neighbourhood centre")
    SPEELTUIN = "speeltuin", _("playground")
    PARK = "park", _("park")
    MARKT = "markt", _("market")
    OTHER = "anders", _("other")


class StrategicLocation(models.Model):
    """A "vindplaats": a place where residents already come, so they can be reached there."""

    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=32, choices=LocationKind.choices)
    buurt = models.ForeignKey(
        Buurt, verbose_name=_("buurt"), on_delete=models.PROTECT, related_name="locations"
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        validators=[MinValueValidator(Decimal("50.7")), MaxValueValidator(Decimal("53.6"))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=6,
        validators=[MinValueValidator(Decimal("3.3")), MaxValueValidator(Decimal("7.3"))],
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("strategic location")
        verbose_name_plural = _("strategic locations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["buurt", "name"], name="location_unique_per_buurt")
        ]

    def __str__(self) -> str:
        return self.name

    def lineage(self) -> tuple[int | None, int | None, int | None]:
        buurt = Buurt.objects.select_related("wijk__gemeente").get(pk=self.buurt_id)
        return buurt.lineage()
