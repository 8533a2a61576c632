"""Welzijn op recept: a professional refers a resident to a welfare coach or an activity.

A referral carries a reason *category* only, never a diagnosis, and no free text a referrer
could fill with medical detail. Its loop (sent → received → intake → active → finished or
stopped) is kept as an event history, so every date is known and nothing is overwritten.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gezondewijk.initiatives.models import Activity, Initiative, Theme
from gezondewijk.people.models import Organisation, Profession
from gezondewijk.places.models import Buurt


class Reason(models.TextChoices):
    """Why someone is referred, in the words of welzijn op recept: a category, not a diagnosis."""

    EENZAAMHEID = "eenzaamheid", _("loneliness")
    SOMBERHEID_STRESS = "somberheid_stress", _("low mood or stress")
    BEWEGEN = "bewegen", _("too little exercise")
    GELDZORGEN = "geldzorgen", _("money worries")
    ZINGEVING = "zingeving", _("meaning in life")
    MANTELZORG = "mantelzorg", _("strain of informal care")
    VOEDING = "voeding", _("healthy eating")
    OPVOEDING = "opvoeding", _("parenting")


class Status(models.TextChoices):
    SENT = "verzonden", _("sent")
    RECEIVED = "ontvangen", _("received")
    INTAKE = "intake", _("intake")
    ACTIVE = "actief", _("active")
    FINISHED = "afgerond", _("finished")
    STOPPED = "gestopt", _("stopped")


# What may follow what. Stopping is possible at any point; finishing only once active.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.SENT: frozenset({Status.RECEIVED, Status.INTAKE, Status.ACTIVE, Status.STOPPED}),
    Status.RECEIVED: frozenset({Status.INTAKE, Status.ACTIVE, Status.STOPPED}),
    Status.INTAKE: frozenset({Status.ACTIVE, Status.STOPPED}),
    Status.ACTIVE: frozenset({Status.FINISHED, Status.STOPPED}),
    Status.FINISHED: frozenset(),
    Status.STOPPED: frozenset(),
}
OPEN_STATUSES = (Status.SENT, Status.RECEIVED, Status.INTAKE, Status.ACTIVE)
CLOSED_STATUSES = (Status.FINISHED, Status.STOPPED)


class Answer(models.TextChoices):
    """The resident's own say over the referral, at any moment."""

    PENDING = "open", _("not answered yet")
    ACCEPTED = "geaccepteerd", _("accepted")
    DECLINED = "afgewezen", _("declined")
    WITHDRAWN = "ingetrokken", _("withdrawn")


class TimePreference(models.TextChoices):
    ANY = "", _("any day")
    WEEKDAYS = "doordeweeks", _("weekdays")
    WEEKEND = "weekend", _("weekends")


# Who may refer: the professions of welzijn op recept. Receiving is for the welfare coach.
REFERRING_PROFESSIONS = frozenset(
    {Profession.HUISARTS, Profession.POH, Profession.WIJKVERPLEGING, Profession.WELZIJN}
)
RECEIVING_PROFESSIONS = frozenset({Profession.WELZIJNSCOACH})


class ReasonTheme(models.Model):
    """Which initiative themes answer a reason; a table the region administrator edits."""

    reason = models.CharField(_("reason"), max_length=24, choices=Reason.choices)
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("theme for a reason")
        verbose_name_plural = _("themes for reasons")
        ordering = ["reason", "theme"]
        constraints = [
            models.UniqueConstraint(fields=["reason", "theme"], name="reason_theme_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} → {self.theme}"


def _new_code() -> str:
    # Eight characters without look-alikes (0/O, 1/l/I), easy to read out at the practice.
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(8))


class ReferralCode(models.Model):
    """The code a resident gives their GP: it names them without a BSN and shows consent."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="referral_code"
    )
    code = models.CharField(_("referral code"), max_length=8, unique=True, default=_new_code)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("referral code")
        verbose_name_plural = _("referral codes")

    def __str__(self) -> str:
        return f"{self.code[:3]}…"


class Referral(models.Model):
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        related_name="referrals",
    )
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="referrals_made",
    )
    # The referrer's organisation when referring: figures per practice outlive job changes.
    practice = models.ForeignKey(
        Organisation, verbose_name=_("practice"), on_delete=models.PROTECT, related_name="+"
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("welfare coach"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals_received",
    )
    # Straight to an initiative or activity, or what the resident or coach chose later.
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=24, choices=Reason.choices)
    # The resident's buurt when referred, for figures per wijk that stay put when they move.
    buurt = models.ForeignKey(Buurt, on_delete=models.PROTECT, related_name="+")
    time_preference = models.CharField(
        _("when"), max_length=12, choices=TimePreference.choices, default="", blank=True
    )
    close_to_home = models.BooleanField(_("close to home (own buurt)"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SENT
    )
    answer = models.CharField(
        _("resident's answer"), max_length=12, choices=Answer.choices, default=Answer.PENDING
    )
    # The resident's consent to feedback: whether they took part; and their health check.
    feedback_participation = models.BooleanField(
        _("my referrer may hear whether I take part"), default=False
    )
    feedback_health = models.BooleanField(
        _("my referrer may see how my health check changed"), default=False
    )
    first_activity_on = models.DateField(_("first took part"), null=True, blank=True)
    # The GP system's own id of the ServiceRequest, when it came in as FHIR.
    external_id = models.CharField(_("external identifier"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("last change"), default=timezone.now)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="referral_status_is_known"
            ),
            models.CheckConstraint(
                condition=models.Q(reason__in=Reason.values), name="referral_reason_is_known"
            ),
            # Feedback on health presumes feedback on taking part.
            models.CheckConstraint(
                condition=models.Q(feedback_health=False) | models.Q(feedback_participation=True),
                name="referral_health_feedback_needs_participation_feedback",
            ),
            models.UniqueConstraint(
                fields=["practice", "external_id"],
                condition=~models.Q(external_id=""),
                name="referral_external_id_once_per_practice",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.created_at:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES and self.answer not in (
            Answer.DECLINED,
            Answer.WITHDRAWN,
        )


class EventKind(models.TextChoices):
    STATUS = "status", _("status")
    ANSWER = "antwoord", _("answer")
    CHOICE = "keuze", _("choice")
    REMINDER = "herinnering", _("reminder")


class ReferralEvent(models.Model):
    """One step in a referral's history: a status, an answer, a choice or a reminder."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices)
    value = models.CharField(_("value"), max_length=24)
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("referral event")
        verbose_name_plural = _("referral events")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["kind", "value", "at"])]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.kind} {self.value}"


class FollowUp(models.Model):
    """A moment the coach plans to check in with the resident."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="follow_ups")
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("follow-up moment")
        verbose_name_plural = _("follow-up moments")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.referral_id} on {self.due_on}"
