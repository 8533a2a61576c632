"""Proposals for a coordinator, and introductions: send, answer, block, who sees whom.

Reads build the frames the matching engine needs; writes check the policy and run in one
transaction. Nobody's name reaches another participant before both have accepted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gezondewijk.initiatives import matching
from gezondewijk.initiatives.engine import frame_of
from gezondewijk.initiatives.models import (
    Answer,
    Belief,
    ContactBlock,
    Initiative,
    Introduction,
    IntroductionKind,
    Invitation,
    Membership,
    Notification,
    Theme,
)
from gezondewijk.people.models import ProfessionalProfile, ResidentProfile, User
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.places.models import Buurt, Wijk


def _box(boundary: Any) -> tuple[float, float, float, float]:
    """(west, south, east, north) of a GeoJSON Polygon/MultiPolygon; NaN when absent."""
    if not boundary or "coordinates" not in boundary:
        return (math.nan, math.nan, math.nan, math.nan)
    points = np.asarray(_flatten(boundary["coordinates"]), dtype=float).reshape(-1, 2)
    return (points[:, 0].min(), points[:, 1].min(), points[:, 0].max(), points[:, 1].max())


def _flatten(coordinates: Any) -> list[float]:
    if coordinates and isinstance(coordinates[0], int | float):
        return list(coordinates[:2])
    return [x for part in coordinates for x in _flatten(part)]


def near_buurten(*, region_id: int) -> pl.DataFrame:
    buurten = list(
        Buurt.objects.filter(wijk__gemeente__region_id=region_id).values_list(
            "pk", "wijk_id", "boundary"
        )
    )
    if not buurten:
        return pl.DataFrame(schema=matching.NEAR_SCHEMA)
    ids = np.array([b[0] for b in buurten], dtype=np.int64)
    wijken = np.array([b[1] for b in buurten], dtype=np.int64)
    boxes = np.array([_box(b[2]) for b in buurten], dtype=float)
    return matching.neighbours(ids, wijken, boxes)


def beliefs_frame(*, wijk: Wijk) -> pl.DataFrame:
    """Believers who live in or work for the wijk's gemeente, with the buurten they are in."""
    gemeente_id = wijk.gemeente_id
    residents = frame_of(
        Belief.objects.filter(
            user__resident_profile__buurt__wijk__gemeente_id=gemeente_id
        ).values_list("user_id", "theme_id", "user__resident_profile__buurt_id"),
        matching.BELIEFS_SCHEMA,
    )
    # A professional is near every buurt of the wijken their organisation serves.
    professionals = frame_of(
        Belief.objects.filter(
            user__professional_profile__organisation__wijken__gemeente_id=gemeente_id
        ).values_list(
            "user_id", "theme_id", "user__professional_profile__organisation__wijken__buurten"
        ),
        matching.BELIEFS_SCHEMA,
    ).drop_nulls()
    return pl.concat([residents, professionals]).unique()


def blocks_frame() -> pl.DataFrame:
    return frame_of(
        ContactBlock.objects.values_list("blocker_id", "blocked_id"), matching.BLOCKS_SCHEMA
    )


def taken_frame() -> pl.DataFrame:
    """People with an open or accepted invitation on a theme are not proposed again."""
    return frame_of(
        Invitation.objects.exclude(answer=Answer.DECLINED).values_list(
            "user_id", "introduction__theme_id"
        ),
        matching.TAKEN_SCHEMA,
    )


@dataclass
class GroupProposal:
    theme: Theme
    buurt: Buurt
    people: list[User]


def believer_groups(*, wijk: Wijk) -> list[GroupProposal]:
    """Groups of believers gathered around a buurt of `wijk`."""
    groups = matching.propose_groups(
        beliefs_frame(wijk=wijk),
        near_buurten(region_id=wijk.gemeente.region_id or 0),
        blocks_frame(),
        taken_frame(),
    )
    buurten = {b.pk: b for b in wijk.buurten.all()}
    mine = [g for g in groups if g.buurt_id in buurten]
    themes = Theme.objects.in_bulk({g.theme_id for g in mine})
    users = User.objects.in_bulk({u for g in mine for u in g.user_ids})
    return [
        GroupProposal(themes[g.theme_id], buurten[g.buurt_id], [users[u] for u in g.user_ids])
        for g in mine
    ]


@dataclass
class PairProposal:
    a: Initiative
    b: Initiative
    theme: Theme


def initiative_pairs(*, wijk: Wijk) -> list[PairProposal]:
    ids = list(
        Initiative.objects.filter(wijken=wijk)
        .exclude(status="gestopt")
        .values_list("pk", flat=True)
    )
    themes = frame_of(
        Initiative.themes.through.objects.filter(initiative_id__in=ids).values_list(
            "initiative_id", "theme_id"
        ),
        {"initiative_id": pl.Int64, "theme_id": pl.Int64},
    )
    wijken = frame_of(
        Initiative.wijken.through.objects.filter(initiative_id__in=ids, wijk=wijk).values_list(
            "initiative_id", "wijk_id"
        ),
        {"initiative_id": pl.Int64, "wijk_id": pl.Int64},
    )
    pairs = matching.propose_pairs(themes, wijken, contacts_frame(ids))
    initiatives = Initiative.objects.in_bulk(ids)
    theme_by_id = Theme.objects.in_bulk(pairs["theme_id"].unique().to_list())
    return [
        PairProposal(initiatives[a], initiatives[b], theme_by_id[t])
        for a, b, t, _w in pairs.iter_rows()
    ]


def contacts_frame(ids: list[int]) -> pl.DataFrame:
    """Pairs of initiatives (a < b) already in touch: a shared member or an introduction."""
    members = frame_of(
        Membership.objects.filter(initiative_id__in=ids).values_list("initiative_id", "user_id"),
        {"initiative_id": pl.Int64, "user_id": pl.Int64},
    )
    introduced = frame_of(
        Invitation.objects.filter(initiative_id__in=ids).values_list(
            "initiative_id", "introduction_id"
        ),
        {"initiative_id": pl.Int64, "user_id": pl.Int64},
    ).with_columns(-pl.col("user_id"))  # introductions as negative "members": never clash
    links = pl.concat([members, introduced])
    return (
        links.join(links, on="user_id", suffix="_b")
        .filter(pl.col("initiative_id") < pl.col("initiative_id_b"))
        .select(pl.col("initiative_id").alias("a"), pl.col("initiative_id_b").alias("b"))
        .unique()
    )


def unconnected_initiatives(*, wijk: Wijk) -> list[Initiative]:
    """Live initiatives of the wijk without partners and without contact with any other."""
    ids = list(
        Initiative.objects.filter(wijken=wijk, status__in=["actief", "geborgd"]).values_list(
            "pk", flat=True
        )
    )
    contacts = contacts_frame(ids)
    connected = set(contacts["a"].to_list()) | set(contacts["b"].to_list())
    with_partners = set(
        Initiative.partners.through.objects.filter(initiative_id__in=ids).values_list(
            "initiative_id", flat=True
        )
    )
    return list(Initiative.objects.filter(pk__in=set(ids) - connected - with_partners))


# -- writes -------------------------------------------------------------------------------


def _blocked_between(user_ids: list[int]) -> bool:
    return ContactBlock.objects.filter(
        Q(blocker_id__in=user_ids, blocked__isnull=True)
        | Q(blocker_id__in=user_ids, blocked_id__in=user_ids)
    ).exists()


def introduction_send(
    *,
    actor: Any,
    wijk: Wijk,
    theme: Theme,
    user_ids: list[int] | None = None,
    initiative_ids: list[int] | None = None,
    message: str = "",
) -> Introduction:
    """Introduce believers to each other, or the leads of initiatives.

    Each person gets a notification and an e-mail; nobody sees the others until they accept.
    """
    if not policy.allows(actor, Permission.MATCH_BELIEVERS, wijk):
        raise PermissionDenied
    invitees: list[tuple[int, int | None]]
    if initiative_ids:
        initiatives = list(
            Initiative.objects.filter(pk__in=initiative_ids, wijken=wijk, themes=theme)
        )
        if len(initiatives) < 2 or any(i.lead_id is None for i in initiatives):
            raise ValidationError(
                {
                    "initiative_ids": _(
                        "Choose two initiatives in this wijk on this theme, each with a lead."
                    )
                }
            )
        invitees = [(i.lead_id, i.pk) for i in initiatives]  # type: ignore[misc]
        kind = IntroductionKind.INITIATIVES
    else:
        believers = set(
            Belief.objects.filter(theme=theme, user_id__in=user_ids or []).values_list(
                "user_id", flat=True
            )
        )
        # Only believers this wijk's coordinator may know of: living or working around it.
        around = set(
            beliefs_frame(wijk=wijk).filter(pl.col("theme_id") == theme.pk)["user_id"].to_list()
        )
        believers &= around
        if len(believers) < matching.MIN_GROUP or believers != set(user_ids or []):
            raise ValidationError(
                {"user_ids": _("Choose at least three people who believe in this theme.")}
            )
        invitees = [(u, None) for u in sorted(believers)]
        kind = IntroductionKind.BELIEVERS
    if _blocked_between([u for u, _i in invitees]):
        raise ValidationError({"user_ids": _("Someone in this group does not want this contact.")})
    with transaction.atomic():
        introduction = Introduction.objects.create(
            kind=kind, theme=theme, wijk=wijk, sent_by=actor, message=message
        )
        Invitation.objects.bulk_create(
            Invitation(introduction=introduction, user_id=u, initiative_id=i) for u, i in invitees
        )
        text = _("You are invited to meet others who care about “%(theme)s” in %(wijk)s.") % {
            "theme": theme.name,
            "wijk": wijk.name,
        }
        url = reverse("initiatives:introductions")
        Notification.objects.bulk_create(
            Notification(user_id=u, text=text, url=url) for u, _i in invitees
        )
        emails = list(
            User.objects.filter(pk__in=[u for u, _i in invitees]).values_list("email", flat=True)
        )
        transaction.on_commit(lambda: _mail(emails, text, message, url))
    return introduction


def _mail(emails: list[str], text: str, message: str, url: str) -> None:
    body = "\n\n".join(
        part
        for part in (text, message, _("Answer on the platform: %(url)s") % {"url": url})
        if part
    )
    for email in emails:  # one mail each: no one sees the other addresses
        send_mail(
            _("An introduction from your coordinator"), body, settings.DEFAULT_FROM_EMAIL, [email]
        )


def invitation_answer(*, user: Any, invitation: Invitation, accept: bool) -> Invitation:
    if invitation.user_id != user.pk:
        raise PermissionDenied
    if invitation.answer != Answer.PENDING:
        raise ValidationError({"answer": _("You have already answered this introduction.")})
    with transaction.atomic():
        invitation.answer = Answer.ACCEPTED if accept else Answer.DECLINED
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["answer", "answered_at"])
    return invitation


def contact_block(*, blocker: Any, blocked: User | None = None) -> ContactBlock:
    """Block introductions with one person, or (blocked None) all introductions."""
    if blocked is not None and blocked.pk == blocker.pk:
        raise ValidationError({"blocked": _("You cannot block yourself.")})
    with transaction.atomic():
        block, _created = ContactBlock.objects.get_or_create(blocker=blocker, blocked=blocked)
        if blocked is None:
            Invitation.objects.filter(user=blocker, answer=Answer.PENDING).update(
                answer=Answer.DECLINED, answered_at=timezone.now()
            )
    return block


def visible_people(*, invitation: Invitation) -> list[User]:
    """Whom the invited person sees: nobody until they accepted, then the others who did,
    minus anyone on either side of a block."""
    if invitation.answer != Answer.ACCEPTED:
        return []
    me = invitation.user_id
    blocked = ContactBlock.objects.filter(Q(blocker_id=me) | Q(blocked_id=me))
    hidden = set(blocked.values_list("blocked_id", flat=True)) | set(
        blocked.values_list("blocker_id", flat=True)
    )
    return list(
        User.objects.filter(
            invitations__introduction_id=invitation.introduction_id,
            invitations__answer=Answer.ACCEPTED,
        )
        .exclude(pk=me)
        .exclude(pk__in=hidden)
        .exclude(pk__in=ContactBlock.objects.filter(blocked__isnull=True).values("blocker_id"))
        .order_by("display_name")
    )


def invitations_of(*, user: Any) -> list[Invitation]:
    return list(
        Invitation.objects.filter(user=user)
        .select_related("introduction__theme", "introduction__wijk", "initiative")
        .order_by("-introduction__sent_at")
    )


def names_for_coordinator(users: list[User]) -> dict[int, str]:
    """A coordinator sees pseudonyms (and a professional's profession), never e-mail."""
    pseudonyms = dict(
        ResidentProfile.objects.filter(user__in=users).values_list("user_id", "pseudonym")
    )
    professions = dict(
        ProfessionalProfile.objects.filter(user__in=users).values_list("user_id", "profession")
    )
    return {u.pk: pseudonyms.get(u.pk) or professions.get(u.pk) or str(u) for u in users}
