"""What each role sees on the start page, decided by the policy module's roles."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gezondewijk.people.models import ProfessionalProfile, ResidentProfile
from gezondewijk.permissions import policy
from gezondewijk.permissions.roles import Role
from gezondewijk.places import selectors as places
from gezondewijk.places.access import wijken_for_roles
from gezondewijk.places.models import Wijk


@dataclass
class Section:
    role: str
    title: Any
    intro: Any
    links: list[tuple[Any, str]] = field(default_factory=list)
    wijken: list[Wijk] = field(default_factory=list)


def _scope_wijken(user: Any, role: Role) -> list[Wijk]:
    return list(places.wijken_list(within=wijken_for_roles(user, {role})))


def sections_for(user: Any) -> list[Section]:
    if not getattr(user, "is_authenticated", False):
        return []
    roles = policy.roles_of(user)
    wijken_url = reverse("places:wijk_list")
    my_data = (_("My data: export, erase, consent"), reverse("privacy:my_data"))
    sections: list[Section] = []
    if Role.RESIDENT in roles:
        profile = ResidentProfile.objects.select_related("buurt__wijk").filter(user=user).first()
        intro = (
            _("You live in %(buurt)s, wijk %(wijk)s.")
            % {"buurt": profile.buurt.name, "wijk": profile.buurt.wijk.name}
            if profile
            else _("Welcome to your neighbourhood.")
        )
        sections.append(Section("inwoner", _("Resident"), intro, [my_data]))
    if Role.INITIATIVE_LEAD in roles:
        sections.append(
            Section(
                "initiatiefnemer",
                _("Initiative lead"),
                _("The neighbourhoods where your initiative is active."),
                [(_("All wijken"), wijken_url)],
                _scope_wijken(user, Role.INITIATIVE_LEAD),
            )
        )
    if Role.COORDINATOR in roles:
        sections.append(
            Section(
                "coordinator",
                _("Coordinator"),
                _("The wijken you coordinate, with their buurten and strategic locations."),
                [(_("All wijken"), wijken_url)],
                _scope_wijken(user, Role.COORDINATOR),
            )
        )
    if Role.PROFESSIONAL in roles:
        professional = ProfessionalProfile.objects.select_related("organisation").filter(user=user)
        first = professional.first()
        intro = (
            _("You work at %(organisation)s.") % {"organisation": first.organisation.name}
            if first
            else _("The neighbourhoods you work in.")
        )
        sections.append(
            Section(
                "professional",
                _("Professional"),
                intro,
                [(_("All wijken"), wijken_url)],
                _scope_wijken(user, Role.PROFESSIONAL),
            )
        )
    if Role.FUNDER in roles:
        wijken = _scope_wijken(user, Role.FUNDER)
        inhabitants = Wijk.objects.filter(pk__in=[w.pk for w in wijken]).aggregate(
            total=Sum("inhabitants")
        )["total"]
        sections.append(
            Section(
                "financier",
                _("Funder"),
                _("The area you fund covers %(n)s inhabitants in %(w)s wijken.")
                % {"n": inhabitants or 0, "w": len(wijken)},
                [(_("All wijken"), wijken_url)],
            )
        )
    if Role.RESEARCHER in roles:
        sections.append(
            Section(
                "onderzoeker",
                _("Researcher"),
                _("Key figures per gemeente, wijk and buurt, also through the API."),
                [(_("All wijken"), wijken_url), (_("API documentation"), "/api/v1/docs")],
            )
        )
    if Role.REGION_ADMIN in roles:
        sections.append(
            Section(
                "regiobeheerder",
                _("Region administrator"),
                _("Set up the region: areas, organisations, locations, roles and API keys."),
                [(_("Administration"), reverse("admin:index")), (_("All wijken"), wijken_url)],
            )
        )
    if not sections or Role.RESIDENT not in roles:
        sections.append(Section("account", _("My account"), "", [my_data]))
    return sections
