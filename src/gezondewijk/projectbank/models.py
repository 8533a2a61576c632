"""The project bank: interventions that health centres selected, their draaiboeken, and what
professionals elsewhere learned when they carried them out."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gezondewijk.cycle.models import Step
from gezondewijk.people.models import Organisation


class Theme(models.TextChoices):
    BEWEGEN = "bewegen", _("exercise")
    VOEDING = "voeding", _("nutrition")
    EENZAAMHEID = "eenzaamheid", _("loneliness")
    MENTALE_GEZONDHEID = "mentale_gezondheid", _("mental health")
    ROKEN_ALCOHOL = "roken_alcohol", _("smoking and alcohol")
    OPGROEIEN = "opgroeien", _("growing up")
    GEZOND_OUDER_WORDEN = "ouder_worden", _("healthy ageing")
    ARMOEDE_SCHULDEN = "armoede_schulden", _("poverty and debt")
    GEZONDHEIDSVAARDIGHEDEN = "gezondheidsvaardigheden", _("health literacy")
    LEEFOMGEVING = "leefomgeving", _("living environment")
    MEEDOEN = "meedoen", _("participation")


class Setting(models.TextChoices):
    WIJK = "wijk", _("wijk")
    SCHOOL = "school", _("school")
    HUISARTSENPRAKTIJK = "huisartsenpraktijk", _("GP practice")
    BUURTHUIS = "buurthuis", _("community centre")
    THUIS = "thuis", _("at home")
    SPORTVERENIGING = "sportvereniging", _("sports club")
    WERK = "werk", _("workplace")
    RELIGIEUS = "religieus", _("place of worship")
    ONLINE = "online", _("online")


class Recognition(models.TextChoices):
    """The levels of the national recognition system for interventions, lowest first."""

    NIET_BEOORDEELD = "niet_beoordeeld", _("not assessed")
    GOED_BESCHREVEN = "goed_beschreven", _("well described")
    GOED_ONDERBOUWD = "goed_onderbouwd", _("well founded")
    EFFECTIEF_EERSTE = "effectief_eerste", _("effective — first indications")
    EFFECTIEF_GOEDE = "effectief_goede", _("effective — good indications")
    EFFECTIEF_STERKE = "effectief_sterke", _("effective — strong indications")


class Intervention(models.Model):
    # Stable across banks: the federation format upserts by this identifier.
    uid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    aim = models.TextField(_("aim"), blank=True)
    target_group = models.CharField(_("target group"), max_length=200, blank=True)
    approach = models.TextField(_("approach"), blank=True)
    preconditions = models.TextField(_("preconditions"), blank=True)
    transferability = models.TextField(_("transferability"), blank=True)
    costs = models.TextField(_("costs"), blank=True)
    cost_indication = models.DecimalField(
        _("indicative costs (EUR)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    recognition = models.CharField(
        _("recognition level"),
        max_length=20,
        choices=Recognition.choices,
        default=Recognition.NIET_BEOORDEELD,
    )
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        related_name="interventions",
        null=True,
        blank=True,
    )
    # Provenance. A local intervention has an empty origin_bank; an imported one keeps the
    # bank, hogeschool and owner it came from, and the moment and content of the last import.
    owner_name = models.CharField(
        _("owner (as given by the source bank)"), max_length=160, blank=True
    )
    origin_bank = models.CharField(_("source bank"), max_length=160, blank=True)
    origin_hogeschool = models.CharField(_("source hogeschool"), max_length=160, blank=True)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)
    import_digest = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def owner_display(self) -> str:
        return self.owner_organisation.name if self.owner_organisation else self.owner_name

    @property
    def is_effective(self) -> bool:
        return self.recognition.startswith("effectief")


class InterventionTheme(models.Model):
    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="themes")
    theme = models.CharField(_("theme"), max_length=32, choices=Theme.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "theme"], name="intervention_theme_once"
            )
        ]

    def __str__(self) -> str:
        return self.get_theme_display()


class InterventionSetting(models.Model):
    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="settings"
    )
    setting = models.CharField(_("setting"), max_length=32, choices=Setting.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "setting"], name="intervention_setting_once"
            )
        ]

    def __str__(self) -> str:
        return self.get_setting_display()


class EvidenceLink(models.Model):
    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="evidence_links"
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), max_length=500)

    class Meta:
        verbose_name = _("evidence link")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Endorsement(models.Model):
    """A health centre selected this intervention ("geselecteerd door")."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="endorsements"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="endorsements", null=True
    )
    # For endorsements that arrive from another bank the organisation is only a name.
    organisation_name = models.CharField(_("organisation"), max_length=160)
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    endorsed_at = models.DateTimeField(_("selected on"), default=timezone.now)

    class Meta:
        verbose_name = _("endorsement")
        ordering = ["organisation_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "organisation_name"], name="endorsement_once"
            )
        ]

    def __str__(self) -> str:
        return self.organisation_name


class Phase(models.TextChoices):
    VOORBEREIDING = "voorbereiding", _("preparation")
    START = "start", _("start")
    UITVOERING = "uitvoering", _("delivery")
    EVALUATIE = "evaluatie", _("evaluation")
    BORGING = "borging", _("embedding")


class Playbook(models.Model):
    """The draaiboek: how to carry out an intervention, step by step."""

    intervention = models.OneToOneField(
        Intervention, on_delete=models.CASCADE, related_name="playbook"
    )
    introduction = models.TextField(_("introduction"), blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("playbook")

    def __str__(self) -> str:
        return str(self.intervention)


class PlaybookStep(models.Model):
    playbook = models.ForeignKey(Playbook, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField(_("position"))
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    duration_weeks = models.PositiveIntegerField(
        _("duration (weeks)"), validators=[MinValueValidator(1), MaxValueValidator(520)]
    )
    roles = models.CharField(_("roles"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("step")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["playbook", "position"], name="step_position_once"),
            models.CheckConstraint(
                condition=models.Q(duration_weeks__gte=1), name="step_duration_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    def roles_list(self) -> list[str]:
        return [r.strip() for r in self.roles.split(",") if r.strip()]


class BudgetCategory(models.TextChoices):
    PERSONEEL = "personeel", _("staff")
    MATERIAAL = "materiaal", _("materials")
    LOCATIE = "locatie", _("venue")
    COMMUNICATIE = "communicatie", _("communication")
    OVERIG = "overig", _("other")


class BudgetLine(models.Model):
    playbook = models.ForeignKey(Playbook, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("category"), max_length=16, choices=BudgetCategory.choices)
    description = models.CharField(_("description"), max_length=200)
    amount = models.DecimalField(
        _("amount (EUR)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("budget line")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="budget_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.description}: {self.amount}"


def material_path(instance: Material, filename: str) -> str:
    return f"projectbank/{instance.playbook.intervention.uid}/{filename}"


class Material(models.Model):
    playbook = models.ForeignKey(Playbook, on_delete=models.CASCADE, related_name="materials")
    step = models.ForeignKey(
        PlaybookStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="materials"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=material_path, max_length=300)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("material")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class WijkType(models.TextChoices):
    STEDELIJK = "stedelijk", _("urban")
    KRACHTWIJK = "aandachtswijk", _("priority neighbourhood")
    NIEUWBOUW = "nieuwbouw", _("new-build")
    DORPS = "dorps", _("village")
    GEMENGD = "gemengd", _("mixed")


class ExperienceReport(models.Model):
    """What someone learned carrying out an intervention, or taking a step of the
    implementation cycle (or both: an intervention at a step). At least one is named."""

    uid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    intervention = models.ForeignKey(
        Intervention,
        verbose_name=_("intervention"),
        on_delete=models.CASCADE,
        related_name="experiences",
        null=True,
        blank=True,
    )
    # The cycle's steps are data each region keeps; they travel between banks by their key.
    cycle_step = models.ForeignKey(
        Step,
        verbose_name=_("cycle step"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Shown instead of the author's name; for imported reports the organisation's name.
    organisation_name = models.CharField(_("organisation"), max_length=160, blank=True)
    wijk_type = models.CharField(_("type of wijk"), max_length=16, choices=WijkType.choices)
    target_group = models.CharField(_("target group"), max_length=200)
    what_worked = models.TextField(_("what worked"))
    what_did_not = models.TextField(_("what did not work"), blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    origin_bank = models.CharField(_("source bank"), max_length=160, blank=True)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)

    class Meta:
        verbose_name = _("experience report")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="experience_rating_1_to_5"
            ),
            models.CheckConstraint(
                condition=models.Q(intervention__isnull=False) | models.Q(cycle_step__isnull=False),
                name="experience_about_intervention_or_step",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject}: {self.rating}/5"

    @property
    def subject(self) -> str:
        """What the report is about: the intervention, the step, or both."""
        parts = [str(x) for x in (self.intervention, self.cycle_step) if x is not None]
        return " · ".join(parts)
