"""The loop: refer, receive, answer, choose, intake, take part, finish; follow-ups, reminders."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gezondewijk.initiatives.models import Activity
from gezondewijk.privacy import services as privacy
from gezondewijk.privacy.models import Purpose
from gezondewijk.referrals import selectors, services
from gezondewijk.referrals.models import Answer, Referral, ReferralEvent, Status
from gezondewijk.referrals.tasks import remind_stalled
from tests.checks.factories import health_check
from tests.conftest import World
from tests.initiatives.factories import InitiativeFactory, theme
from tests.referrals.factories import coach, gp, referral

pytestmark = pytest.mark.django_db


def _statuses(r: Referral) -> list[str]:
    return list(r.events.filter(kind="status").values_list("value", flat=True))


def test_a_referral_needs_consent_and_a_category_and_a_receiver(world: World) -> None:
    doctor = gp(world)
    with pytest.raises(ValidationError) as error:
        services.referral_create(
            referrer=doctor,
            resident=world.resident,
            reason="diabetes type 2",
            resident_consented=False,
        )
    assert set(error.value.message_dict) == {"resident_consented", "reason", "coach"}
    assert not Referral.objects.exists()


def test_a_coach_cannot_refer_and_a_gp_cannot_receive(world: World) -> None:
    with pytest.raises(PermissionDenied):
        referral(world, referrer=coach(world))
    with pytest.raises(ValidationError) as error:
        referral(world, to=gp(world))
    assert "coach" in error.value.message_dict


def test_the_whole_loop_keeps_every_date(world: World) -> None:
    doctor, receiver = gp(world), coach(world)
    r = referral(world, referrer=doctor, to=receiver)
    services.referral_receive(user=receiver, referral=r)
    services.referral_answer(
        user=world.resident, referral=r, answer=Answer.ACCEPTED, feedback_participation=True
    )
    services.referral_advance(user=receiver, referral=r, status=Status.INTAKE)
    services.referral_took_part(user=receiver, referral=r, on=timezone.localdate())
    services.referral_advance(user=receiver, referral=r, status=Status.FINISHED)
    assert _statuses(r) == ["verzonden", "ontvangen", "intake", "actief", "afgerond"]
    assert r.first_activity_on == timezone.localdate()
    assert selectors.feedback_for_referrer(referral=r)["took_part"] is True


def test_only_the_coach_moves_the_loop_and_not_backwards(world: World) -> None:
    doctor, receiver = gp(world), coach(world)
    r = referral(world, referrer=doctor, to=receiver)
    with pytest.raises(PermissionDenied):
        services.referral_advance(user=doctor, referral=r, status=Status.INTAKE)
    services.referral_advance(user=receiver, referral=r, status=Status.INTAKE)
    with pytest.raises(ValidationError):
        services.referral_advance(user=receiver, referral=r, status=Status.RECEIVED)


def test_the_resident_can_decline_or_withdraw_at_any_time(world: World) -> None:
    receiver = coach(world)
    r = referral(world, to=receiver)
    services.referral_answer(user=world.resident, referral=r, answer=Answer.ACCEPTED)
    services.referral_advance(user=receiver, referral=r, status=Status.INTAKE)
    services.referral_answer(user=world.resident, referral=r, answer=Answer.WITHDRAWN)
    r.refresh_from_db()
    assert (r.answer, r.status) == (Answer.WITHDRAWN, Status.STOPPED)
    with pytest.raises(ValidationError):
        services.referral_advance(user=receiver, referral=r, status=Status.ACTIVE)


def test_only_the_resident_answers(world: World) -> None:
    r = referral(world)
    with pytest.raises(PermissionDenied):
        services.referral_answer(user=world.coordinator, referral=r, answer=Answer.DECLINED)


def test_no_feedback_without_consent_and_none_after_withdrawing_it(world: World) -> None:
    r = referral(world)
    services.referral_answer(user=world.resident, referral=r, answer=Answer.ACCEPTED)
    assert selectors.feedback_for_referrer(referral=r) is None
    services.referral_answer(
        user=world.resident, referral=r, answer=Answer.ACCEPTED, feedback_participation=True
    )
    assert selectors.feedback_for_referrer(referral=r) is not None
    privacy.consent_withdraw(user=world.resident, purpose=Purpose.REFERRAL_FEEDBACK)
    assert selectors.feedback_for_referrer(referral=r) is None


def test_health_change_is_shared_only_when_allowed(world: World) -> None:
    now = timezone.now()
    r = referral(world, created_at=now - timedelta(days=60))
    health_check(world.resident, 4, authored=now - timedelta(days=90))
    health_check(world.resident, 7, authored=now - timedelta(days=5))
    services.referral_answer(
        user=world.resident, referral=r, answer=Answer.ACCEPTED, feedback_participation=True
    )
    assert selectors.feedback_for_referrer(referral=r)["health"] is None
    services.referral_answer(
        user=world.resident,
        referral=r,
        answer=Answer.ACCEPTED,
        feedback_participation=True,
        feedback_health=True,
    )
    health = selectors.feedback_for_referrer(referral=r)["health"]
    assert health["mean_change"] == 3.0
    assert {d["change"] for d in health["dimensions"]} == {3.0}


def test_choosing_an_activity_accepts_and_records_the_choice(world: World) -> None:
    initiative = InitiativeFactory(wijken=[world.wijk], themes=[theme("eenzaamheid")])
    activity = Activity.objects.create(
        initiative=initiative, title="Koffie", date=timezone.localdate() + timedelta(days=3)
    )
    r = referral(world)
    services.referral_choose(user=world.resident, referral=r, activity_id=activity.pk)
    r.refresh_from_db()
    assert (r.activity_id, r.initiative_id, r.answer) == (
        activity.pk,
        initiative.pk,
        "geaccepteerd",
    )
    assert r.events.filter(kind="keuze", value=f"a{activity.pk}").exists()


def test_stalled_referrals_are_reminded_once(world: World) -> None:
    receiver = coach(world)
    r = referral(world, to=receiver)
    Referral.objects.filter(pk=r.pk).update(updated_at=timezone.now() - timedelta(days=20))
    fresh = referral(world, to=receiver)
    assert list(selectors.stalled()) == [Referral.objects.get(pk=r.pk)]
    assert remind_stalled.call() == 1
    assert mail.outbox[0].to == [receiver.email]
    assert str(world.resident) not in mail.outbox[0].body
    assert remind_stalled.call() == 0
    assert ReferralEvent.objects.filter(referral=fresh, kind="herinnering").count() == 0


def test_follow_ups_are_for_the_coach(world: World) -> None:
    doctor, receiver = gp(world), coach(world)
    r = referral(world, referrer=doctor, to=receiver)
    with pytest.raises(PermissionDenied):
        services.follow_up_plan(user=doctor, referral=r, due_on=timezone.localdate())
    follow = services.follow_up_plan(user=receiver, referral=r, due_on=timezone.localdate())
    assert list(selectors.follow_ups_due(coach=receiver)) == [follow]
    services.follow_up_done(user=receiver, follow_up=follow)
    assert not selectors.follow_ups_due(coach=receiver).exists()


def test_the_reminder_command_reports_what_it_did(world: World) -> None:
    from io import StringIO

    from django.core.management import call_command

    r = referral(world)
    Referral.objects.filter(pk=r.pk).update(updated_at=timezone.now() - timedelta(days=30))
    out = StringIO()
    call_command("referrals_remind", verbosity=0, stdout=out)
    assert out.getvalue().splitlines() == ["stalled: 1", "reminded: 1"]
    assert len(mail.outbox) == 1
