"""Reads for initiatives. Each selector owns its select_related / prefetch_related."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from gezondewijk.initiatives.models import (
    LIVE_STATUSES,
    Activity,
    Initiative,
    Membership,
    Notification,
    Theme,
)
from gezondewijk.places.models import Wijk


def themes_list(*, active_only: bool = True) -> QuerySet[Theme]:
    themes = Theme.objects.all()
    return themes.filter(active=True) if active_only else themes


def initiatives_list(
    *,
    wijk: Wijk | None = None,
    theme_slug: str | None = None,
    status: str | None = None,
    live_only: bool = False,
) -> QuerySet[Initiative]:
    found = Initiative.objects.select_related("lead").prefetch_related(
        "themes", "wijken", "partners"
    )
    if wijk is not None:
        found = found.filter(wijken=wijk)
    if theme_slug:
        found = found.filter(themes__slug=theme_slug)
    if status:
        found = found.filter(status=status)
    if live_only:
        found = found.filter(status__in=LIVE_STATUSES)
    return found.annotate(member_count=Count("memberships", distinct=True)).order_by("name")


def initiative_get(*, pk: int) -> Initiative | None:
    return (
        Initiative.objects.select_related("lead")
        .prefetch_related("themes", "wijken", "partners")
        .filter(pk=pk)
        .first()
    )


def members_of(*, initiative: Initiative) -> QuerySet[Membership]:
    return initiative.memberships.select_related("user").order_by("joined_at", "pk")


def membership_of(*, user: Any, initiative: Initiative) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(user=user, initiative=initiative).first()


def activities_list(
    *, initiative: Initiative | None = None, wijk: Wijk | None = None
) -> QuerySet[Activity]:
    found = Activity.objects.select_related("initiative", "location__buurt")
    if initiative is not None:
        found = found.filter(initiative=initiative)
    if wijk is not None:
        found = found.filter(Q(location__buurt__wijk=wijk) | Q(initiative__wijken=wijk)).distinct()
    return found.order_by("-date", "pk")


def initiatives_of(*, user: Any) -> QuerySet[Initiative]:
    return Initiative.objects.filter(memberships__user=user).prefetch_related("themes")


def notifications_for(*, user: Any, unread_only: bool = False) -> QuerySet[Notification]:
    found = Notification.objects.filter(user=user)
    return found.filter(read_at__isnull=True) if unread_only else found
