"""Resident initiatives: themes, initiatives with members and partners, their activities."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gezondewijk.people.models import Organisation
from gezondewijk.places.models import StrategicLocation, Wijk


class Theme(models.Model):
    """A theme initiatives work on and people believe in; a list the region manages."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    IDEE = "idee", _("idea")
    ACTIEF = "actief", _("active")
    GEBORGD = "geborgd", _("embedded")
    GESTOPT = "gestopt", _("stopped")


# Which status may follow which: an idea becomes active (or stops), an active initiative is
# embedded (geborgd) or stops; a stopped initiative may start again as an idea.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.IDEE: frozenset({Status.ACTIEF, Status.GESTOPT}),
    Status.ACTIEF: frozenset({Status.GEBORGD, Status.GESTOPT}),
    Status.GEBORGD: frozenset({Status.ACTIEF, Status.GESTOPT}),
    Status.GESTOPT: frozenset({Status.IDEE}),
}
LIVE_STATUSES = (Status.ACTIEF, Status.GEBORGD)


class Initiative(models.Model):
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"))
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), related_name="initiatives")
    wijken = models.ManyToManyField(Wijk, verbose_name=_("wijken"), related_name="initiatives")
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives_led",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.IDEE
    )
    partners = models.ManyToManyField(
        Organisation,
        verbose_name=_("partner organisations"),
        blank=True,
        related_name="initiatives",
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="initiative_status_is_known"
            )
        ]

    def __str__(self) -> str:
        return self.name


class StatusChange(models.Model):
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(_("from"), max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=Status.choices)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.from_status or '–'} → {self.to_status}"


class MemberRole(models.TextChoices):
    INITIATIEFNEMER = "initiatiefnemer", _("initiator")
    BELIEVER = "believer", _("believer")
    VRIJWILLIGER = "vrijwilliger", _("volunteer")
    DEELNEMER = "deelnemer", _("participant")


class Membership(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=MemberRole.choices)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "user"], name="membership_one_per_person_and_initiative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.initiative_id} ({self.role})"


class TargetGroup(models.TextChoices):
    """Vulnerable groups an activity may reach, matching the CBS figures on the reach map."""

    OUDEREN_ALLEENSTAAND = "ouderen_alleenstaand", _("older people living alone")
    LAAG_INKOMEN = "laag_inkomen", _("people on a low income")
    MIGRATIEACHTERGROND = "migratieachtergrond", _("people with a migration background")
    JONGEREN = "jongeren", _("young people")
    GEZINNEN = "gezinnen", _("families with children")
    MANTELZORGERS = "mantelzorgers", _("informal carers")


class Activity(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("title"), max_length=160)
    date = models.DateField(_("date"))
    location = models.ForeignKey(
        StrategicLocation,
        verbose_name=_("strategic location"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    participants = models.PositiveIntegerField(_("participants"), default=0)
    target_groups = models.JSONField(_("target groups reached"), default=list, blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-date", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date})"

    def clean(self) -> None:
        unknown = set(self.target_groups or []) - set(TargetGroup.values)
        if not isinstance(self.target_groups, list) or unknown:
            raise ValidationError(
                {"target_groups": _("Unknown target group: %(g)s.") % {"g": ", ".join(unknown)}}
            )


class Belief(models.Model):
    """A person says they believe in a theme: the raw material of "three believers"."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="beliefs"
    )
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="beliefs")
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("belief in a theme")
        verbose_name_plural = _("beliefs in themes")
        constraints = [
            models.UniqueConstraint(fields=["user", "theme"], name="belief_one_per_theme")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} believes in {self.theme_id}"


class IntroductionKind(models.TextChoices):
    BELIEVERS = "believers", _("believers on a theme")
    INITIATIVES = "initiatives", _("initiatives that should meet")


class Introduction(models.Model):
    """A coordinator introduces people to each other; nobody sees anyone before accepting."""

    kind = models.CharField(_("kind"), max_length=12, choices=IntroductionKind.choices)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="introductions")
    wijk = models.ForeignKey(Wijk, on_delete=models.PROTECT, related_name="introductions")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.theme_id} in {self.wijk_id}"


class Answer(models.TextChoices):
    PENDING = "pending", _("not answered yet")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")


class Invitation(models.Model):
    introduction = models.ForeignKey(
        Introduction, on_delete=models.CASCADE, related_name="invitations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    # For an introduction between initiatives: the initiative this person speaks for.
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    answer = models.CharField(
        _("answer"), max_length=10, choices=Answer.choices, default=Answer.PENDING
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["introduction", "user"], name="invitation_one_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} to {self.introduction_id}: {self.answer}"


class ContactBlock(models.Model):
    """`blocker` wants no introductions with `blocked`, or with nobody at all (blocked empty)."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_blocks"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="blocked_by",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("contact block")
        verbose_name_plural = _("contact blocks")
        constraints = [
            models.UniqueConstraint(
                fields=["blocker", "blocked"],
                condition=models.Q(blocked__isnull=False),
                name="contact_block_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["blocker"],
                condition=models.Q(blocked__isnull=True),
                name="contact_block_everyone_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id or 'everyone'}"


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(_("text"), max_length=300)
    url = models.CharField(_("link"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text
