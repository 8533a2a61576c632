"""Introductions: a coordinator sends, everyone hears by notification and e-mail, and
nobody sees anyone before they both accept; blocks are respected."""

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from gezondewijk.initiatives import introductions
from gezondewijk.initiatives.models import ContactBlock, Invitation, Notification
from gezondewijk.permissions.roles import Role
from tests import factories
from tests.conftest import World
from tests.initiatives.factories import InitiativeFactory, believer, theme


def _believers(world: World, n: int, slug: str = "bewegen") -> list[Any]:
    people = [factories.ResidentProfileFactory(buurt=world.buurt).user for _ in range(n)]
    for person in people:
        believer(person, slug)
    return people


def test_the_coordinator_sees_a_group_of_three_believers_in_the_wijk(world: World) -> None:
    people = _believers(world, 3)
    _believers(world, 2, "groen")  # two are not enough
    groups = introductions.believer_groups(wijk=world.wijk)
    assert [(g.theme.slug, {p.pk for p in g.people}) for g in groups] == [
        ("bewegen", {p.pk for p in people})
    ]


def test_an_introduction_notifies_and_mails_each_person_separately(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    people = _believers(world, 3)
    with django_capture_on_commit_callbacks(execute=True):
        introductions.introduction_send(
            actor=world.coordinator,
            wijk=world.wijk,
            theme=theme(),
            user_ids=[p.pk for p in people],
            message="Kom koffie drinken!",
        )
    assert Notification.objects.filter(user__in=people).count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert all(len(m.to) == 1 and "Kom koffie drinken!" in m.body for m in mail.outbox)


def test_a_coordinator_of_another_wijk_cannot_introduce(world: World) -> None:
    people = _believers(world, 3)
    elsewhere = factories.user_with_role(Role.COORDINATOR, world.other_wijk)
    with pytest.raises(PermissionDenied):
        introductions.introduction_send(
            actor=elsewhere, wijk=world.wijk, theme=theme(), user_ids=[p.pk for p in people]
        )


def test_an_introduction_of_non_believers_or_too_few_is_refused(world: World) -> None:
    people = _believers(world, 2)
    outsider = factories.ResidentProfileFactory(buurt=world.buurt).user
    with pytest.raises(ValidationError):
        introductions.introduction_send(
            actor=world.coordinator,
            wijk=world.wijk,
            theme=theme(),
            user_ids=[*(p.pk for p in people), outsider.pk],
        )
    assert not Invitation.objects.exists()


def test_believers_from_another_gemeente_cannot_be_introduced(world: World) -> None:
    people = _believers(world, 2)
    elsewhere = factories.BuurtFactory(
        wijk=factories.WijkFactory(gemeente=factories.GemeenteFactory(region=world.region))
    )
    stranger = factories.ResidentProfileFactory(buurt=elsewhere).user
    believer(stranger)
    with pytest.raises(ValidationError):
        introductions.introduction_send(
            actor=world.coordinator,
            wijk=world.wijk,
            theme=theme(),
            user_ids=[*(p.pk for p in people), stranger.pk],
        )


def test_an_introduction_with_a_blocked_pair_is_refused(world: World) -> None:
    a, b, c = _believers(world, 3)
    ContactBlock.objects.create(blocker=a, blocked=b)
    assert introductions.believer_groups(wijk=world.wijk) == []
    with pytest.raises(ValidationError):
        introductions.introduction_send(
            actor=world.coordinator, wijk=world.wijk, theme=theme(), user_ids=[a.pk, b.pk, c.pk]
        )


def test_blocking_everyone_declines_open_invitations(world: World) -> None:
    people = _believers(world, 3)
    introductions.introduction_send(
        actor=world.coordinator, wijk=world.wijk, theme=theme(), user_ids=[p.pk for p in people]
    )
    introductions.contact_block(blocker=people[0])
    assert Invitation.objects.get(user=people[0]).answer == "declined"


def test_initiatives_on_one_theme_in_one_wijk_are_proposed_to_meet(world: World) -> None:
    a = InitiativeFactory(wijken=[world.wijk])
    b = InitiativeFactory(wijken=[world.wijk])
    InitiativeFactory(wijken=[world.other_wijk])
    pairs = introductions.initiative_pairs(wijk=world.wijk)
    assert [(p.a.pk, p.b.pk) for p in pairs] == [(a.pk, b.pk)]
    assert {i.pk for i in introductions.unconnected_initiatives(wijk=world.wijk)} == {a.pk, b.pk}
    introductions.introduction_send(
        actor=world.coordinator, wijk=world.wijk, theme=theme(), initiative_ids=[a.pk, b.pk]
    )
    assert introductions.initiative_pairs(wijk=world.wijk) == []
    assert introductions.unconnected_initiatives(wijk=world.wijk) == []


class TestNobodyIsRevealedBeforeAcceptance(TestCase):
    """For any pattern of answers, a person sees exactly the others who accepted, and only
    once they accepted themselves."""

    @settings(max_examples=25, deadline=None)
    @given(answers=st.lists(st.sampled_from(["accept", "decline", None]), min_size=3, max_size=6))
    def test_visibility_follows_acceptance(self, answers: list[str | None]) -> None:
        region = factories.RegionFactory()
        wijk = factories.WijkFactory(gemeente=factories.GemeenteFactory(region=region))
        buurt = factories.BuurtFactory(wijk=wijk)
        coordinator = factories.user_with_role(Role.COORDINATOR, wijk)
        people = [factories.ResidentProfileFactory(buurt=buurt).user for _ in answers]
        for person in people:
            believer(person)
        introduction = introductions.introduction_send(
            actor=coordinator, wijk=wijk, theme=theme(), user_ids=[p.pk for p in people]
        )
        invitations = {i.user_id: i for i in introduction.invitations.all()}
        for person, answer in zip(people, answers, strict=True):
            if answer is not None:
                introductions.invitation_answer(
                    user=person, invitation=invitations[person.pk], accept=answer == "accept"
                )
        accepted = {p.pk for p, a in zip(people, answers, strict=True) if a == "accept"}
        for person in people:
            invitation = Invitation.objects.get(pk=invitations[person.pk].pk)
            seen = {u.pk for u in introductions.visible_people(invitation=invitation)}
            if person.pk in accepted:
                assert seen == accepted - {person.pk}
            else:
                assert seen == set()


def test_the_coordinator_looking_at_proposals_is_logged(world: World) -> None:
    from django.test import Client
    from django.urls import reverse

    from gezondewijk.privacy.models import AccessLog

    people = _believers(world, 3)
    client = Client()
    client.force_login(world.coordinator)
    response = client.get(reverse("initiatives:matches", args=[world.wijk.code]))
    assert response.status_code == 200
    logged = AccessLog.objects.filter(actor=world.coordinator, resource="beliefs")
    assert {entry.subject_id for entry in logged} == {p.pk for p in people}
