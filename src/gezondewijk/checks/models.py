"""Questionnaires as FHIR R4 resources, a resident's responses, and panel surveys."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gezondewijk.places.models import Buurt, Region, Wijk


class QuestionnaireKind(models.TextChoices):
    HEALTH_CHECK = "gezondheidscheck", _("personal health check")
    PANEL = "wijkpanel", _("panel survey")


class Questionnaire(models.Model):
    """One version of a questionnaire; `resource` is the FHIR R4 Questionnaire as JSON.

    The canonical `url` names the questionnaire across versions; a new version is a new row,
    so every response keeps pointing at exactly the questions it answered.
    """

    url = models.CharField(_("canonical URL"), max_length=300)
    version = models.CharField(_("version"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionnaireKind.choices)
    resource = models.JSONField(_("FHIR resource"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["url", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["url", "version"], name="questionnaire_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"

    @property
    def canonical(self) -> str:
        return f"{self.url}|{self.version}"


class SurveyStatus(models.TextChoices):
    DRAFT = "concept", _("draft")
    OPEN = "open", _("open")
    CLOSED = "gesloten", _("closed")


class PanelSurvey(models.Model):
    """A round of the neighbourhood panel: one questionnaire, a window, the invited panel."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="surveys"
    )
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="panel_surveys")
    wijk = models.ForeignKey(
        Wijk,
        verbose_name=_("wijk"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="panel_surveys",
        help_text=_("Leave empty for the whole region."),
    )
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("panel survey")
        verbose_name_plural = _("panel surveys")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class Response(models.Model):
    """A resident's answers to one questionnaire (a FHIR QuestionnaireResponse).

    `answers` maps each item's linkId to the list of its answer values. The buurt is the one
    the resident lived in when answering, so figures stay put when someone moves.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_responses"
    )
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="responses"
    )
    survey = models.ForeignKey(
        PanelSurvey, on_delete=models.CASCADE, null=True, blank=True, related_name="responses"
    )
    buurt = models.ForeignKey(Buurt, on_delete=models.PROTECT, related_name="+")
    authored = models.DateTimeField(_("answered"), default=timezone.now, db_index=True)
    answers = models.JSONField(_("answers"), default=dict)
    source = models.CharField(_("source"), max_length=40, default="site")

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["-authored"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "user"],
                condition=models.Q(survey__isnull=False),
                name="one_response_per_panel_survey",
            )
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} {self.authored:%Y-%m-%d}"


class ResponseValue(models.Model):
    """A number derived from a response, for figures computed in SQL or Polars.

    For the health check `key` is a dimension and `value` its 0–10 score; for a panel survey
    `key` is an item's linkId (a choice item gets one 0/1 row per option, `linkId=code`).
    """

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="values")
    key = models.CharField(max_length=120)
    value = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "key"], name="one_value_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.key}={self.value:g}"


class PgoLink(models.Model):
    """A pseudonymous code a resident gives their PGO, so it can send answers to the platform.

    The code says nothing about the person; the resident can revoke it at any time.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pgo_links"
    )
    code = models.CharField(_("link code"), max_length=40, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("PGO link")
        verbose_name_plural = _("PGO links")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.code[:6]}…"


class PanelInvitation(models.Model):
    survey = models.ForeignKey(PanelSurvey, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="panel_invitations"
    )
    buurt = models.ForeignKey(Buurt, on_delete=models.CASCADE, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="one_invitation_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.survey} → {self.user_id}"
