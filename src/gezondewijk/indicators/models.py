"""Indicators: definitions as data, the source figures they draw on, and computed values.

An indicator is a ratio of two figures of one source (numerator / denominator x scale), or one
figure on its own. Figures arrive per area and period from sources: CBS key figures, imported
external figures (GGD, living environment) and figure providers that feature apps register
(see providers.py). Values are computed for buurt, wijk, gemeente and region by summing
numerators and denominators of the buurten, except where a published parent figure exists.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    PERCENTAGE = "percentage", _("percentage")
    PER_1000 = "per_1000", _("per 1 000")
    PER_KM2 = "per_km2", _("per km²")
    MEAN = "mean", _("mean score")
    COUNT = "count", _("count")


# What a ratio is multiplied by, per unit.
SCALE = {
    Unit.PERCENTAGE: 100.0,
    Unit.PER_1000: 1000.0,
    Unit.PER_KM2: 1.0,
    Unit.MEAN: 1.0,
    Unit.COUNT: 1.0,
}
PROPORTIONS = (Unit.PERCENTAGE, Unit.PER_1000)


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher", _("higher is better")
    LOWER_IS_BETTER = "lower", _("lower is better")
    NEUTRAL = "neutral", _("neither: context")


class Level(models.TextChoices):
    BUURT = "buurt", _("buurt")
    WIJK = "wijk", _("wijk")
    GEMEENTE = "gemeente", _("gemeente")
    REGION = "region", _("region")


ALL_LEVELS = [lvl.value for lvl in Level]


class Basis(models.TextChoices):
    PUBLISHED = "published", _("published figure")
    SUM_OF_PARTS = "sum", _("sum of the buurten")


class Bloom(models.IntegerChoices):
    NONE = 0, _("not yet")
    BRONZE = 1, _("bronze")
    SILVER = 2, _("silver")
    GOLD = 3, _("gold")


class Domain(models.TextChoices):
    """What an indicator tells about; health and living environment are shown side by side."""

    HEALTH = "gezondheid", _("health")
    ENVIRONMENT = "leefomgeving", _("living environment")
    PROFILE = "profiel", _("area profile")


class Indicator(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    domain = models.CharField(
        _("domain"), max_length=12, choices=Domain.choices, default=Domain.HEALTH
    )
    source = models.CharField(_("source"), max_length=40)
    numerator = models.CharField(_("numerator figure"), max_length=80)
    denominator = models.CharField(_("denominator figure"), max_length=80, blank=True)
    unit = models.CharField(_("unit"), max_length=12, choices=Unit.choices)
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices)
    levels = models.JSONField(_("levels"), default=list)
    bronze = models.FloatField(_("bronze threshold"), null=True, blank=True)
    silver = models.FloatField(_("silver threshold"), null=True, blank=True)
    gold = models.FloatField(_("gold threshold"), null=True, blank=True)
    # True when the figures count residents on the platform: values are suppressed below k.
    resident_based = models.BooleanField(_("counts residents on the platform"), default=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.label

    # The default set is stored in English and translated on display (its texts are in the
    # catalogue); a name the region typed itself has no translation and shows as typed.
    @property
    def label(self) -> str:
        return gettext(self.name) if self.name else ""

    @property
    def explanation(self) -> str:
        return gettext(self.description) if self.description else ""


class Figure(models.Model):
    """One stored source figure of an area in a period: an imported external figure, or a
    CBS key figure of another year than the one kept on the area itself."""

    source = models.CharField(_("source"), max_length=40)
    figure = models.CharField(_("figure"), max_length=80)
    area_code = models.CharField(_("area code"), max_length=70)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    period = models.PositiveSmallIntegerField(_("period (year)"))
    value = models.FloatField(_("value"))

    class Meta:
        verbose_name = _("source figure")
        verbose_name_plural = _("source figures")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "figure", "area_code", "period"], name="figure_unique"
            )
        ]
        indexes = [models.Index(fields=["source", "period"])]

    def __str__(self) -> str:
        return f"{self.source}:{self.figure} {self.area_code} {self.period}"


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    area_code = models.CharField(_("area code"), max_length=70)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent_code = models.CharField(_("parent area code"), max_length=70, blank=True)
    period = models.PositiveSmallIntegerField(_("period (year)"))
    value = models.FloatField(_("value"), null=True)
    numerator = models.FloatField(_("numerator"), null=True)
    denominator = models.FloatField(_("denominator"), null=True)
    n = models.FloatField(_("n"), null=True)
    ci_low = models.FloatField(_("confidence interval, low"), null=True)
    ci_high = models.FloatField(_("confidence interval, high"), null=True)
    suppressed = models.BooleanField(_("suppressed"), default=False)
    basis = models.CharField(_("basis"), max_length=10, choices=Basis.choices)
    # Relative gap between the published figure and the sum of the buurten (None: no parts).
    parts_gap = models.FloatField(_("gap with the sum of the buurten"), null=True)
    # None: the indicator has no bloom thresholds.
    bloom = models.PositiveSmallIntegerField(
        _("bloom level"), choices=Bloom.choices, null=True, blank=True
    )

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area_code", "period"], name="indicator_value_unique"
            )
        ]
        indexes = [models.Index(fields=["level", "period"]), models.Index(fields=["area_code"])]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.area_code} {self.period}: {self.value}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class ComputeRun(models.Model):
    """One recomputation of all indicator values, with its progress."""

    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    stage = models.CharField(_("stage"), max_length=60, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=1)
    values = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("indicator computation")
        verbose_name_plural = _("indicator computations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"


class MainGoal(models.TextChoices):
    """The three main goals a wijk can choose between (the source model's "hoofddoel")."""

    CARE = "zorg", _("care")
    WELFARE = "welzijn", _("welfare and participation")
    AT_HOME = "thuis", _("living longer healthily at home")


class WijkGoal(models.Model):
    """The main goal a wijk chose: its benchmark shows that goal's indicators first."""

    wijk = models.OneToOneField(
        "places.Wijk", on_delete=models.CASCADE, related_name="main_goal", verbose_name=_("wijk")
    )
    goal = models.CharField(_("main goal"), max_length=12, choices=MainGoal.choices)
    chosen_at = models.DateTimeField(_("chosen"), default=timezone.now)

    class Meta:
        verbose_name = _("main goal of a wijk")
        verbose_name_plural = _("main goals of wijken")

    def __str__(self) -> str:
        return f"{self.wijk_id}: {self.goal}"
