"""Writes for initiatives: start, join, manage, change status, report activities, beliefs.

Every service checks the policy module for its actor and writes in one transaction.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gezondewijk import events
from gezondewijk.initiatives import access
from gezondewijk.initiatives.models import (
    TRANSITIONS,
    Activity,
    Belief,
    Initiative,
    MemberRole,
    Membership,
    Status,
    StatusChange,
    Theme,
)
from gezondewijk.people.models import Organisation, User
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.places.models import StrategicLocation, Wijk

# The domain events this app publishes (gezondewijk.events), with the initiative's or the
# activity's primary key.
INITIATIVE_STARTED = "initiative.started"
ACTIVITY_RECORDED = "activity.recorded"


def _require_manage(actor: Any, initiative: Initiative) -> None:
    if not access.may_manage(actor, initiative):
        raise PermissionDenied


def _check_lists(*, themes: list[Theme], wijken: list[Wijk]) -> None:
    errors: dict[str, str] = {}
    if not themes:
        errors["themes"] = _("Choose at least one theme.")
    if not wijken:
        errors["wijken"] = _("Choose at least one wijk.")
    if errors:
        raise ValidationError(errors)


def initiative_create(
    *,
    lead: User,
    name: str,
    description: str,
    themes: list[Theme],
    wijken: list[Wijk],
    partners: list[Organisation] | None = None,
) -> Initiative:
    """A person starts an initiative in wijken where they may; they become its initiator."""
    if not all(policy.allows(lead, Permission.START_INITIATIVE, w) for w in wijken):
        raise PermissionDenied
    initiative = Initiative(name=name.strip(), description=description.strip(), lead=lead)
    initiative.full_clean()
    _check_lists(themes=themes, wijken=wijken)
    with transaction.atomic():
        initiative.save()
        initiative.themes.set(themes)
        initiative.wijken.set(wijken)
        initiative.partners.set(partners or [])
        Membership.objects.create(initiative=initiative, user=lead, role=MemberRole.INITIATIEFNEMER)
        StatusChange.objects.create(
            initiative=initiative, from_status="", to_status=Status.IDEE, changed_by=lead
        )
        events.publish(events.DomainEvent(INITIATIVE_STARTED, initiative.pk))
    return initiative


def initiative_update(
    *,
    actor: Any,
    initiative: Initiative,
    name: str | None = None,
    description: str | None = None,
    themes: list[Theme] | None = None,
    wijken: list[Wijk] | None = None,
    partners: list[Organisation] | None = None,
) -> Initiative:
    _require_manage(actor, initiative)
    if name is not None:
        initiative.name = name.strip()
    if description is not None:
        initiative.description = description.strip()
    initiative.full_clean()
    _check_lists(
        themes=themes if themes is not None else list(initiative.themes.all()),
        wijken=wijken if wijken is not None else list(initiative.wijken.all()),
    )
    current = set(initiative.wijken.values_list("pk", flat=True))
    # A new wijk must lie where the actor may start initiatives; existing ones may stay.
    if wijken is not None and not all(
        w.pk in current or policy.allows(actor, Permission.START_INITIATIVE, w) for w in wijken
    ):
        raise PermissionDenied
    with transaction.atomic():
        initiative.save()
        if themes is not None:
            initiative.themes.set(themes)
        if wijken is not None:
            initiative.wijken.set(wijken)
        if partners is not None:
            initiative.partners.set(partners)
    return initiative


def initiative_hand_over(*, actor: Any, initiative: Initiative, lead: User) -> Initiative:
    """Make a member the initiative's lead (also when the old lead left or was erased)."""
    _require_manage(actor, initiative)
    membership = Membership.objects.filter(initiative=initiative, user=lead).first()
    if membership is None:
        raise ValidationError({"lead": _("The new lead must be a member of the initiative.")})
    with transaction.atomic():
        Membership.objects.filter(initiative=initiative, role=MemberRole.INITIATIEFNEMER).exclude(
            user=lead
        ).update(role=MemberRole.VRIJWILLIGER)
        membership.role = MemberRole.INITIATIEFNEMER
        membership.save(update_fields=["role"])
        initiative.lead = lead
        initiative.save(update_fields=["lead"])
    return initiative


def initiative_set_status(
    *, actor: Any, initiative: Initiative, status: str, note: str = ""
) -> Initiative:
    _require_manage(actor, initiative)
    if status not in TRANSITIONS.get(initiative.status, frozenset()):
        raise ValidationError(
            {
                "status": _("An initiative cannot go from “%(old)s” to “%(new)s”.")
                % {"old": initiative.get_status_display(), "new": status}
            }
        )
    with transaction.atomic():
        StatusChange.objects.create(
            initiative=initiative,
            from_status=initiative.status,
            to_status=status,
            changed_by=actor,
            note=note,
        )
        initiative.status = status
        initiative.save(update_fields=["status"])
    return initiative


def initiative_join(
    *, user: User, initiative: Initiative, role: str = MemberRole.DEELNEMER
) -> Membership:
    if not policy.allows(user, Permission.JOIN_INITIATIVE):
        raise PermissionDenied
    if role not in MemberRole.values or role == MemberRole.INITIATIEFNEMER:
        raise ValidationError({"role": _("Choose believer, volunteer or participant.")})
    if initiative.status == Status.GESTOPT:
        raise ValidationError({"initiative": _("This initiative has stopped.")})
    try:
        with transaction.atomic():
            return Membership.objects.create(initiative=initiative, user=user, role=role)
    except IntegrityError as error:
        raise ValidationError(
            {"user": _("You are already a member of this initiative.")}
        ) from error


def initiative_leave(*, user: User, initiative: Initiative) -> None:
    if initiative.lead_id == user.pk:
        raise ValidationError({"user": _("The lead cannot leave; hand the initiative over first.")})
    with transaction.atomic():
        Membership.objects.filter(initiative=initiative, user=user).delete()


def activity_record(
    *,
    actor: Any,
    initiative: Initiative,
    title: str,
    date: date,
    participants: int,
    location: StrategicLocation | None = None,
    target_groups: list[str] | None = None,
) -> Activity:
    _require_manage(actor, initiative)
    activity = Activity(
        initiative=initiative,
        title=title.strip(),
        date=date,
        location=location,
        participants=participants,
        target_groups=sorted(set(target_groups or [])),
    )
    activity.full_clean()
    with transaction.atomic():
        activity.save()
        events.publish(events.DomainEvent(ACTIVITY_RECORDED, activity.pk))
    return activity


def beliefs_set(*, user: User, themes: list[Theme]) -> list[Belief]:
    """Replace the themes `user` believes in."""
    if not policy.allows(user, Permission.MARK_BELIEFS):
        raise PermissionDenied
    wanted = {t.pk for t in themes}
    with transaction.atomic():
        Belief.objects.filter(user=user).exclude(theme_id__in=wanted).delete()
        have = set(Belief.objects.filter(user=user).values_list("theme_id", flat=True))
        Belief.objects.bulk_create(
            Belief(user=user, theme_id=pk, created_at=timezone.now()) for pk in wanted - have
        )
    return list(Belief.objects.filter(user=user).select_related("theme"))
