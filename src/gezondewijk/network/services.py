"""Writes of the network app: a resident's ties, confirmations and choices; analysis runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gezondewijk.network import sources
from gezondewijk.network.models import (
    MAX_TIES_PER_RESIDENT,
    SUPPORT_FIELDS,
    Frequency,
    NetworkProfile,
    NetworkRun,
    RunStatus,
    TargetType,
    Tie,
    TieKind,
)
from gezondewijk.people.models import Organisation, ResidentProfile, User
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.places.models import Region, StrategicLocation
from gezondewijk.privacy import services as privacy_services
from gezondewijk.privacy.models import Purpose


@dataclass(frozen=True)
class TieDetails:
    """How a resident describes a tie: the same for every kind of target."""

    kind: str = TieKind.VRIEND
    strength: int = 2
    frequency: str = Frequency.WEEKLY
    supports: frozenset[str] = field(default_factory=frozenset)

    def as_fields(self) -> dict[str, Any]:
        unknown = self.supports - set(SUPPORT_FIELDS)
        if unknown:
            raise ValidationError({"supports": _("Unknown kind of support: %s") % sorted(unknown)})
        return {
            "kind": self.kind,
            "strength": self.strength,
            "frequency": self.frequency,
            **{name: name in self.supports for name in SUPPORT_FIELDS},
        }


def _require_resident(user: Any) -> None:
    if not policy.allows(user, Permission.KEEP_OWN_NETWORK):
        raise PermissionDenied(_("Only residents keep a network."))
    if not ResidentProfile.objects.filter(user=user).exists():
        raise PermissionDenied(_("Only residents keep a network."))


def network_profile_get(*, user: User) -> NetworkProfile:
    profile, _created = NetworkProfile.objects.get_or_create(user=user)
    return profile


def network_profile_update(
    *, user: User, visible_as_connector: bool, counts_in_analysis: bool
) -> NetworkProfile:
    """The resident's two choices: visibility as a connector, and consent to analysis."""
    _require_resident(user)
    with transaction.atomic():
        profile = network_profile_get(user=user)
        profile.visible_as_connector = visible_as_connector
        profile.save(update_fields=["visible_as_connector"])
        if counts_in_analysis:
            privacy_services.consent_grant(user=user, purpose=Purpose.NETWORK_ANALYSIS)
        else:
            privacy_services.consent_withdraw(user=user, purpose=Purpose.NETWORK_ANALYSIS)
    return profile


def _resolve_target(
    owner: User,
    target_type: str,
    *,
    connect_code: str = "",
    contact_label: str = "",
    organisation_id: int | None = None,
    location_id: int | None = None,
    initiative_id: int | None = None,
) -> dict[str, Any]:
    """The target fields of a new tie, or a ValidationError that says what is wrong."""
    if target_type == TargetType.RESIDENT:
        code = connect_code.strip().upper()
        other = NetworkProfile.objects.filter(connect_code=code).select_related("user").first()
        if not code or other is None:
            raise ValidationError({"connect_code": _("No resident has this connect code.")})
        if other.user_id == owner.pk:
            raise ValidationError({"connect_code": _("You cannot add a tie to yourself.")})
        return {"resident": other.user}
    if target_type == TargetType.CONTACT:
        label = contact_label.strip()
        if not label:
            raise ValidationError({"contact_label": _("Give the contact a name or description.")})
        return {"contact_label": label}
    if target_type == TargetType.ORGANISATION:
        organisation = (
            Organisation.objects.filter(pk=organisation_id).first() if organisation_id else None
        )
        if organisation is None:
            raise ValidationError({"organisation": _("This organisation does not exist.")})
        return {"organisation": organisation}
    if target_type == TargetType.LOCATION:
        location = StrategicLocation.objects.filter(pk=location_id).first() if location_id else None
        if location is None:
            raise ValidationError({"location": _("This place does not exist.")})
        return {"location": location}
    if target_type == TargetType.INITIATIVE:
        source = sources.target_source(TargetType.INITIATIVE)
        known = source.labels([initiative_id]) if source and initiative_id is not None else {}
        if initiative_id not in known:
            raise ValidationError({"initiative": _("This initiative does not exist.")})
        return {"initiative_id": initiative_id}
    raise ValidationError({"target_type": _("Unknown kind of tie target.")})


def tie_create(
    *,
    owner: User,
    target_type: str,
    details: TieDetails,
    connect_code: str = "",
    contact_label: str = "",
    organisation_id: int | None = None,
    location_id: int | None = None,
    initiative_id: int | None = None,
) -> Tie:
    """Record a tie. A tie to another resident counts as mutual once they confirm it (or had
    already recorded one to the owner)."""
    _require_resident(owner)
    target = _resolve_target(
        owner,
        target_type,
        connect_code=connect_code,
        contact_label=contact_label,
        organisation_id=organisation_id,
        location_id=location_id,
        initiative_id=initiative_id,
    )
    tie = Tie(owner=owner, target_type=target_type, **target, **details.as_fields())
    tie.full_clean(validate_constraints=False)
    with transaction.atomic():
        # Lock the owner's row so two requests at once cannot pass the maximum together.
        User.objects.select_for_update().filter(pk=owner.pk).first()
        if Tie.objects.filter(owner=owner).count() >= MAX_TIES_PER_RESIDENT:
            raise ValidationError(
                _("You already have %(n)s ties, the most a network can hold here.")
                % {"n": MAX_TIES_PER_RESIDENT}
            )
        try:
            with transaction.atomic():
                tie.save()
        except IntegrityError as exc:
            raise ValidationError(_("This tie is already in your network.")) from exc
        if tie.resident_id is not None:
            reverse = Tie.objects.filter(owner_id=tie.resident_id, resident=owner).first()
            if reverse is not None:
                now = timezone.now()
                Tie.objects.filter(pk__in=[tie.pk, reverse.pk]).update(confirmed_at=now)
                tie.confirmed_at = now
    return tie


def tie_update(*, owner: User, tie: Tie, details: TieDetails) -> Tie:
    if tie.owner_id != owner.pk:
        raise PermissionDenied
    for name, value in details.as_fields().items():
        setattr(tie, name, value)
    tie.full_clean(validate_constraints=False)
    tie.save()
    return tie


def tie_delete(*, owner: User, tie: Tie) -> None:
    """Remove a tie from the owner's network; the other side's own record stays theirs, but
    it is no longer mutual."""
    if tie.owner_id != owner.pk:
        raise PermissionDenied
    with transaction.atomic():
        if tie.resident_id is not None:
            Tie.objects.filter(owner_id=tie.resident_id, resident=owner).update(confirmed_at=None)
        tie.delete()


def tie_confirm(*, user: User, tie: Tie, details: TieDetails | None = None) -> Tie:
    """`user` confirms a tie another resident recorded to them, recording their own side."""
    if tie.resident_id != user.pk:
        raise PermissionDenied
    return tie_create(
        owner=user,
        target_type=TargetType.RESIDENT,
        details=details or TieDetails(kind=tie.kind, strength=tie.strength),
        connect_code=network_profile_get(user=tie.owner).connect_code,
    )


def tie_decline(*, user: User, tie: Tie) -> None:
    """`user` does not recognise the tie: it stays unconfirmed and is no longer offered."""
    if tie.resident_id != user.pk or tie.confirmed_at is not None:
        raise PermissionDenied
    Tie.objects.filter(pk=tie.pk).update(declined_at=timezone.now())


def network_run_start(*, user: Any, region: Region) -> NetworkRun:
    """Queue a new analysis of the region; a run already queued or running is reused."""
    if not policy.allows(user, Permission.REFRESH_NETWORK, region):
        raise PermissionDenied
    from gezondewijk.network import tasks  # the task module imports this one

    with transaction.atomic():
        busy = NetworkRun.objects.filter(
            region=region, status__in=[RunStatus.QUEUED, RunStatus.RUNNING]
        ).first()
        if busy is not None:
            return busy
        run = NetworkRun.objects.create(region=region)
        transaction.on_commit(lambda: tasks.refresh_network.enqueue(run_id=run.pk))
    return run
