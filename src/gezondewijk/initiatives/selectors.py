"""Reads for initiatives. Each selector owns its select_related / prefetch_related."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet

from gezondewijk.initiatives import access
from gezondewijk.initiatives.models import (
    LIVE_STATUSES,
    Activity,
    Initiative,
    Membership,
    Notification,
    Theme,
)
from gezondewijk.people.models import Organisation
from gezondewijk.places.models import Wijk


def themes_list(*, active_only: bool = True) -> QuerySet[Theme]:
    themes = Theme.objects.all()
    return themes.filter(active=True) if active_only else themes


def _initiatives(
    *, wijk: Wijk | None, theme_slug: str | None, status: str | None, live_only: bool = False
) -> QuerySet[Initiative]:
    found = Initiative.objects.all()
    if wijk is not None:
        found = found.filter(wijken=wijk)
    if theme_slug:
        found = found.filter(themes__slug=theme_slug)
    if status:
        found = found.filter(status=status)
    if live_only:
        found = found.filter(status__in=LIVE_STATUSES)
    return found.order_by("name")


def initiatives_list(
    *,
    wijk: Wijk | None = None,
    theme_slug: str | None = None,
    status: str | None = None,
    live_only: bool = False,
) -> QuerySet[Initiative]:
    found = _initiatives(wijk=wijk, theme_slug=theme_slug, status=status, live_only=live_only)
    return (
        found.select_related("lead")
        .prefetch_related("themes", "wijken", "partners")
        .annotate(member_count=Count("memberships", distinct=True))
    )


def initiatives_listed(
    *, wijk: Wijk | None = None, theme_slug: str | None = None, status: str | None = None
) -> QuerySet[Initiative]:
    """The same initiatives for long lists (the API): the names of their themes, wijken and
    partners come as plain lists (`theme_list`, `wijk_list`, `partner_list`), which spares a
    related manager and a query set per row and relation."""
    return _initiatives(wijk=wijk, theme_slug=theme_slug, status=status).prefetch_related(
        Prefetch("themes", Theme.objects.only("slug"), to_attr="theme_list"),
        Prefetch("wijken", Wijk.objects.only("code"), to_attr="wijk_list"),
        Prefetch("partners", Organisation.objects.only("name"), to_attr="partner_list"),
    )


def initiative_get(*, pk: int) -> Initiative | None:
    return (
        Initiative.objects.select_related("lead")
        .prefetch_related("themes", "wijken", "partners")
        .filter(pk=pk)
        .first()
    )


def initiative_for(*, user: Any, pk: int, manage: bool = False) -> Initiative | None:
    """The initiative for `user` (a person or an API Caller), or None when it does not exist.
    Initiatives are public, so a refusal on one that exists raises PermissionDenied: when
    `user` may not look initiatives up, or with `manage`, may not manage this one
    (initiatives.access). Nothing personal is read: not logged."""
    if not access.may_view(user):
        raise PermissionDenied
    found = initiative_get(pk=pk)
    if found is not None and manage and not access.may_manage(user, found):
        raise PermissionDenied
    return found


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
