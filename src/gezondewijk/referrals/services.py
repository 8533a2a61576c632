"""Writes of the referrals app: refer, move the loop on, answer, choose, follow up, remind.

Each service checks who may do it through referrals.access, writes in one transaction and
records what happened as a ReferralEvent, so the history holds every date.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gezondewijk.initiatives.models import LIVE_STATUSES, Activity, Initiative
from gezondewijk.people.models import ProfessionalProfile, ResidentProfile, User
from gezondewijk.privacy import services as privacy
from gezondewijk.privacy.models import Purpose
from gezondewijk.referrals import access
from gezondewijk.referrals.models import (
    TRANSITIONS,
    Answer,
    EventKind,
    FollowUp,
    Reason,
    Referral,
    ReferralEvent,
    Status,
    TimePreference,
)


def _event(referral: Referral, kind: EventKind, value: str, by: Any, at: Any = None) -> None:
    ReferralEvent.objects.create(
        referral=referral, kind=kind, value=value, by=by, at=at or timezone.now()
    )


def _target(
    *, initiative_id: int | None, activity_id: int | None
) -> tuple[Initiative | None, Activity | None]:
    activity = None
    if activity_id is not None:
        activity = Activity.objects.select_related("initiative").filter(pk=activity_id).first()
        if activity is None:
            raise ValidationError({"activity": _("This activity does not exist.")})
        initiative_id = activity.initiative_id
    initiative = None
    if initiative_id is not None:
        initiative = Initiative.objects.filter(pk=initiative_id, status__in=LIVE_STATUSES).first()
        if initiative is None:
            raise ValidationError(
                {"initiative": _("This initiative does not exist or is not active.")}
            )
    return initiative, activity


def referral_create(
    *,
    referrer: User,
    resident: User,
    reason: str,
    resident_consented: bool,
    coach: User | None = None,
    initiative_id: int | None = None,
    activity_id: int | None = None,
    time_preference: str = "",
    close_to_home: bool = False,
    external_id: str = "",
    created_at: Any = None,
) -> Referral:
    """Refer `resident`, who agreed, to a coach or straight to an initiative or activity."""
    if not access.may_refer(referrer):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if not resident_consented:
        errors["resident_consented"] = _("Refer only a resident who agreed to it.")
    if reason not in Reason.values:
        errors["reason"] = _("Choose one of the reason categories.")
    if time_preference not in TimePreference.values:
        errors["time_preference"] = _("Unknown time preference.")
    if coach is None and initiative_id is None and activity_id is None:
        errors["coach"] = _("Refer to a welfare coach, an initiative or an activity.")
    if coach is not None and not access.may_receive(coach):
        errors["coach"] = _("This person is not a welfare coach.")
    profile = ResidentProfile.objects.filter(user=resident).select_related("buurt").first()
    if profile is None:
        errors["resident"] = _("No resident with this referral code.")
    if errors:
        raise ValidationError(errors)
    assert profile is not None
    initiative, activity = _target(initiative_id=initiative_id, activity_id=activity_id)
    practice = ProfessionalProfile.objects.get(user=referrer).organisation
    now = created_at or timezone.now()
    with transaction.atomic():
        referral = Referral(
            resident=resident,
            referrer=referrer,
            practice=practice,
            coach=coach,
            initiative=initiative,
            activity=activity,
            reason=reason,
            buurt=profile.buurt,
            time_preference=time_preference,
            close_to_home=close_to_home,
            external_id=external_id,
            created_at=now,
            updated_at=now,
        )
        referral.full_clean()
        referral.save()
        _event(referral, EventKind.STATUS, Status.SENT, referrer, now)
    return referral


def _set_status(referral: Referral, status: str, by: Any, at: Any = None) -> None:
    if status not in TRANSITIONS[referral.status]:
        raise ValidationError(
            {
                "status": _("A referral that is %(now)s cannot become %(next)s.")
                % {"now": referral.get_status_display(), "next": Status(status).label}
            }
        )
    referral.status = status
    referral.updated_at = at or timezone.now()
    referral.save(update_fields=["status", "updated_at"])
    _event(referral, EventKind.STATUS, status, by, referral.updated_at)


def referral_advance(*, user: User, referral: Referral, status: str, at: Any = None) -> Referral:
    """The coach (or, without a coach, the referrer) moves the loop on."""
    if not access.may_follow(user, referral):
        raise PermissionDenied("Only the coach moves the referral on.")
    if status not in Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    if referral.answer in (Answer.DECLINED, Answer.WITHDRAWN) and status != Status.STOPPED:
        raise ValidationError({"status": _("The resident declined or withdrew this referral.")})
    with transaction.atomic():
        _set_status(referral, status, user, at)
        if status == Status.ACTIVE and referral.first_activity_on is None:
            referral.first_activity_on = timezone.localdate(referral.updated_at)
            referral.save(update_fields=["first_activity_on"])
    return referral


def referral_receive(*, user: User, referral: Referral) -> Referral:
    """The coach opens a new referral: it counts as received (once)."""
    if access.is_coach_of(user, referral) and referral.status == Status.SENT:
        with transaction.atomic():
            _set_status(referral, Status.RECEIVED, user)
    return referral


def referral_answer(
    *,
    user: User,
    referral: Referral,
    answer: str,
    feedback_participation: bool = False,
    feedback_health: bool = False,
) -> Referral:
    """The resident accepts, declines or withdraws, at any moment, and says what feedback
    the referrer may have. Declining or withdrawing stops an open referral."""
    if not access.is_resident_of(user, referral):
        raise PermissionDenied("Only the resident answers a referral.")
    if answer not in (Answer.ACCEPTED, Answer.DECLINED, Answer.WITHDRAWN):
        raise ValidationError({"answer": _("Accept, decline or withdraw.")})
    if answer == Answer.ACCEPTED and referral.status in (Status.FINISHED, Status.STOPPED):
        raise ValidationError({"answer": _("This referral has ended.")})
    with transaction.atomic():
        referral.answer = answer
        accepted = answer == Answer.ACCEPTED
        referral.feedback_participation = accepted and feedback_participation
        referral.feedback_health = referral.feedback_participation and feedback_health
        referral.updated_at = timezone.now()
        referral.save(
            update_fields=["answer", "feedback_participation", "feedback_health", "updated_at"]
        )
        _event(referral, EventKind.ANSWER, answer, user)
        if not accepted and referral.status not in (Status.FINISHED, Status.STOPPED):
            _set_status(referral, Status.STOPPED, user)
        if referral.feedback_participation:
            # The referral's choice rests on the standing consent, which the resident can
            # withdraw on "my data" to stop every feedback at once.
            privacy.consent_grant(user=user, purpose=Purpose.REFERRAL_FEEDBACK)
    return referral


def referral_choose(
    *,
    user: User,
    referral: Referral,
    initiative_id: int | None = None,
    activity_id: int | None = None,
) -> Referral:
    """The resident or the coach picks an initiative or activity from the proposals."""
    if not (access.is_resident_of(user, referral) or access.may_follow(user, referral)):
        raise PermissionDenied
    if not referral.is_open:
        raise ValidationError({"activity": _("This referral is no longer open.")})
    if initiative_id is None and activity_id is None:
        raise ValidationError({"activity": _("Choose an initiative or an activity.")})
    initiative, activity = _target(initiative_id=initiative_id, activity_id=activity_id)
    with transaction.atomic():
        referral.initiative, referral.activity = initiative, activity
        referral.updated_at = timezone.now()
        referral.save(update_fields=["initiative", "activity", "updated_at"])
        _event(
            referral,
            EventKind.CHOICE,
            f"a{activity.pk}" if activity else f"i{initiative.pk}" if initiative else "",
            user,
        )
        if access.is_resident_of(user, referral) and referral.answer == Answer.PENDING:
            referral.answer = Answer.ACCEPTED
            referral.save(update_fields=["answer"])
            _event(referral, EventKind.ANSWER, Answer.ACCEPTED, user)
    return referral


def referral_took_part(*, user: User, referral: Referral, on: date) -> Referral:
    """The coach records the first time the resident took part; the loop becomes active."""
    if not access.may_follow(user, referral):
        raise PermissionDenied
    if on > timezone.localdate():
        raise ValidationError({"on": _("This date lies in the future.")})
    if on < timezone.localdate(referral.created_at):
        raise ValidationError({"on": _("This date lies before the referral.")})
    with transaction.atomic():
        if referral.status != Status.ACTIVE:
            _set_status(referral, Status.ACTIVE, user)
        referral.first_activity_on = min(on, referral.first_activity_on or on)
        referral.save(update_fields=["first_activity_on"])
    return referral


def follow_up_plan(*, user: User, referral: Referral, due_on: date) -> FollowUp:
    if not access.may_follow(user, referral):
        raise PermissionDenied
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("Plan a follow-up today or later.")})
    return FollowUp.objects.create(referral=referral, due_on=due_on, created_by=user)


def follow_up_done(*, user: User, follow_up: FollowUp) -> FollowUp:
    if not access.may_follow(user, follow_up.referral):
        raise PermissionDenied
    follow_up.done_at = timezone.now()
    follow_up.save(update_fields=["done_at"])
    return follow_up


def referrals_remind(*, referrals: QuerySet[Referral]) -> int:
    """Remind the coach (or the referrer when there is none) of each stalled referral. The
    e-mail names no resident and no reason, only that a referral waits and where to look."""
    now = timezone.now()
    reminded = 0
    for referral in referrals.select_related("coach", "referrer"):  # a handful per day
        recipient = referral.coach or referral.referrer
        if recipient is None:
            continue
        with transaction.atomic():
            _event(referral, EventKind.REMINDER, referral.status, None, now)
            send_mail(
                _("A referral is waiting"),
                _(
                    "A referral has not moved for two weeks. Please look at it on "
                    "Gezonde Wijk, under Referrals."
                ),
                settings.DEFAULT_FROM_EMAIL,
                [recipient.email],
            )
        reminded += 1
    return reminded
