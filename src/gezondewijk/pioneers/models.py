"""The Gezondheidspioniers: intervision groups of coordinators that meet four times a year,
read together, and keep track of their growth on the coordinator's competency profile."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gezondewijk.places.models import Region


class IntervisionGroup(models.Model):
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    meetings_per_year = models.PositiveSmallIntegerField(
        _("meetings per year"), default=4, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    members: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="GroupMember", related_name="intervision_groups"
    )

    class Meta:
        verbose_name = _("intervision group")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="intervision_group_name_once"),
            models.CheckConstraint(
                condition=models.Q(meetings_per_year__gte=1, meetings_per_year__lte=12),
                name="intervision_meetings_per_year_1_to_12",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class GroupMember(models.Model):
    group = models.ForeignKey(IntervisionGroup, on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="intervision_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.group}"


class Meeting(models.Model):
    group = models.ForeignKey(IntervisionGroup, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("starts at"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda (cases)"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("meeting")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["group", "starts_at"], name="intervision_meeting_once")
        ]

    def __str__(self) -> str:
        return f"{self.group} {self.starts_at:%Y-%m-%d}"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    present = models.BooleanField(_("present"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="intervision_attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {'present' if self.present else 'absent'}"


class ReadingItem(models.Model):
    """Reading together: a text the group reads and discusses."""

    group = models.ForeignKey(
        IntervisionGroup, on_delete=models.CASCADE, related_name="reading_list"
    )
    title = models.CharField(_("title"), max_length=200)
    author = models.CharField(_("author"), max_length=200, blank=True)
    url = models.URLField(_("link"), blank=True)
    discussed_at = models.ForeignKey(
        Meeting,
        verbose_name=_("discussed at"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reading",
    )
    discussion_notes = models.TextField(_("discussion notes"), blank=True)

    class Meta:
        verbose_name = _("reading item")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Competency(models.TextChoices):
    """The coordinator's competency profile."""

    VERBINDEN = "verbinden", _("connecting people and initiatives")
    ENERGIE = "energie", _("recognising energy in the wijk")
    BEWONERS = "bewoners", _("working with residents as owners")
    POSITIEVE_GEZONDHEID = "positieve_gezondheid", _("a positive view of health")
    KWETSBARE_GROEPEN = "kwetsbare_groepen", _("reaching vulnerable groups")
    DATA = "data", _("using information and figures")
    FINANCIERING = "financiering", _("arranging funding")
    REFLECTIE = "reflectie", _("reflecting on one's own work")


class Level(models.IntegerChoices):
    BEGINNER = 1, _("beginning")
    DEVELOPING = 2, _("developing")
    PROFICIENT = 3, _("proficient")
    EXPERT = 4, _("expert")


class SelfAssessment(models.Model):
    """One score on one competency at one moment; the history shows growth over time."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="self_assessments"
    )
    competency = models.CharField(_("competency"), max_length=32, choices=Competency.choices)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    assessed_on = models.DateField(_("assessed on"), default=timezone.localdate)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("self-assessment")
        ordering = ["assessed_on", "competency"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="self_assessment_level_1_to_4"
            ),
            models.UniqueConstraint(
                fields=["user", "competency", "assessed_on"], name="self_assessment_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.competency} {self.level}"


class Obstacle(models.TextChoices):
    """The six obstacles of the source model that student assignments work on."""

    INFORMATIESTROMEN = "informatiestromen", _("information flows")
    FINANCIERING = "financiering", _("financing")
    ENTHOUSIASME = "enthousiasme_professionals", _("enthusiasm of professionals")
    VERBINDEN = "verbinden_initiatieven", _("connecting initiatives")
    KWETSBARE_GROEPEN = "kwetsbare_groepen", _("reaching vulnerable groups")
    RUIMTELIJKE_ORDENING = "ruimtelijke_ordening", _("links with spatial planning")


class AssignmentStatus(models.TextChoices):
    OPEN = "open", _("open")
    ASSIGNED = "toegewezen", _("assigned")
    IN_PROGRESS = "lopend", _("in progress")
    DELIVERED = "opgeleverd", _("delivered")
    CLOSED = "afgerond", _("closed")


class StudentAssignment(models.Model):
    """An organisation's question for students of a hogeschool, tied to an obstacle."""

    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="student_assignments",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    obstacle = models.CharField(_("obstacle"), max_length=32, choices=Obstacle.choices)
    solution = models.CharField(_("solution to work on"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=AssignmentStatus.choices, default="open"
    )
    hogeschool = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("hogeschool"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Students are named by the hogeschool coordinator; they have no account here.
    students = models.CharField(_("students"), max_length=300, blank=True)
    deliverable_url = models.URLField(_("deliverable (link)"), blank=True)
    deliverable_summary = models.TextField(_("deliverable (summary)"), blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now)

    class Meta:
        verbose_name = _("student assignment")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open") | models.Q(hogeschool__isnull=False),
                name="assignment_beyond_open_has_a_hogeschool",
            )
        ]

    def __str__(self) -> str:
        return self.title
