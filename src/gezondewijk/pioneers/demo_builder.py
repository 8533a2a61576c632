"""Demo pioneers: two intervision groups of coordinators with last year's four meetings
(attendance, cases, notes), this year's planned ones, a reading list, and self-assessments
that show growth."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from gezondewijk.demo.accounts import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD
from gezondewijk.demo.registry import DemoContext
from gezondewijk.people.models import Organisation, OrganisationType, RoleGrant, User
from gezondewijk.permissions.roles import Role
from gezondewijk.pioneers.models import (
    Attendance,
    Competency,
    GroupMember,
    IntervisionGroup,
    Meeting,
    ReadingItem,
    SelfAssessment,
    StudentAssignment,
)
from gezondewijk.pioneers.services import MEETING_HOUR, meeting_dates
from gezondewijk.places.models import Region, Wijk

# Fixed, so the same seed always gives the same demo.
JOINED = dt.datetime(2025, 9, 1, 9, 0, tzinfo=dt.UTC)

CASES = [
    "Een bewonersgroep wil een beweegtuin, maar de gemeente twijfelt over onderhoud.",
    "De huisartsen verwijzen nauwelijks door naar welzijn: hoe maak je ze enthousiast?",
    "Hoe bereiken we oudere migranten die niet naar het buurthuis komen?",
    "Twee initiatieven op hetzelfde thema zien elkaar als concurrent.",
    "De woningcorporatie wil meedoen, maar alleen met meetbare resultaten.",
    "Vrijwilligers haken af na het eerste jaar.",
]
READING = [
    ("Gezondheid als vermogen om je aan te passen", "Essay uit de bundel van het lectoraat"),
    ("Werken vanuit energie in de wijk", "Kennisnotitie van de regio"),
    ("Kwetsbare groepen bereiken via vindplaatsen", "Handreiking voor coördinatoren"),
    ("De kracht van kleine netwerken", "Hoofdstuk uit een studieboek sociaal werk"),
]


def _coordinators(ctx: DemoContext, wijken: list[Wijk]) -> list[User]:
    """The demo coordinator accounts, plus one coordinator for each other wijk."""
    existing = list(
        User.objects.filter(role_grants__role=Role.COORDINATOR).distinct().order_by("email")
    )
    password = make_password(DEMO_PASSWORD)
    made = []
    for n, wijk in enumerate(wijken[:8], start=1):
        user = User.objects.create(
            email=f"pionier{n}@{DEMO_EMAIL_DOMAIN}",
            display_name=ctx.faker.name(),
            password=password,
            date_joined=JOINED,
        )
        RoleGrant.objects.create(user=user, role=Role.COORDINATOR, wijk=wijk)
        made.append(user)
    return existing + made


ASSIGNMENTS = [
    (
        "Waarom komen ouderen met een migratieachtergrond niet naar het buurthuis?",
        "kwetsbare_groepen",
        "Activiteiten op vindplaatsen zoals de moskee",
        "afgerond",
    ),
    (
        "Wat levert een beweeggroep de zorgverzekeraar op?",
        "financiering",
        "Regionaal preventiefonds",
        "opgeleverd",
    ),
    (
        "Hoe maken huisartsen de stap naar welzijn op recept?",
        "enthousiasme_professionals",
        "Korte lijnen tussen praktijk en welzijnscoach",
        "lopend",
    ),
    (
        "Kaart van de bewonersinitiatieven in twee wijken",
        "verbinden_initiatieven",
        "",
        "toegewezen",
    ),
    (
        "Groen en spelen in de nieuwbouwwijk",
        "ruimtelijke_ordening",
        "Bewoners vroeg betrekken bij plannen",
        "open",
    ),
    (
        "Welke gezondheidsinformatie willen bewoners zelf bijhouden?",
        "informatiestromen",
        "Persoonlijke gezondheidscheck",
        "open",
    ),
]


def _assignments(ctx: DemoContext, region: Region) -> None:
    organisations = list(
        Organisation.objects.filter(gemeente__region=region)
        .exclude(type=OrganisationType.HOGESCHOOL)
        .order_by("name")
    )
    hogeschool = (
        Organisation.objects.filter(gemeente__region=region, type=OrganisationType.HOGESCHOOL)
        .order_by("name")
        .first()
    )
    StudentAssignment.objects.bulk_create(
        StudentAssignment(
            organisation=ctx.rng.choice(organisations),
            title=title,
            description="Onderzoek de vraag met bewoners en professionals in de wijk en lever "
            "bruikbare aanbevelingen op voor de coördinatoren.",
            obstacle=obstacle,
            solution=solution,
            status=status if hogeschool else "open",
            hogeschool=hogeschool if status != "open" else None,
            students=", ".join(ctx.faker.first_name() for _ in range(3))
            if status != "open"
            else "",
            deliverable_summary="Rapport met aanbevelingen, gepresenteerd op het symposium."
            if status in ("opgeleverd", "afgerond")
            else "",
        )
        for title, obstacle, solution, status in ASSIGNMENTS
        if organisations
    )
    ctx.count("student assignments", len(ASSIGNMENTS))


def build_pioneers(ctx: DemoContext) -> None:
    region = ctx.require_region()
    wijken = list(Wijk.objects.filter(gemeente__region=region).order_by("code"))
    coordinators = _coordinators(ctx, wijken)
    halves = [coordinators[0::2], coordinators[1::2]]
    this_year = timezone.localdate().year
    zone = timezone.get_current_timezone()
    for name, members, place in zip(
        ("Pioniers Noord", "Pioniers Zuid"),
        halves,
        ("Wijkcentrum De Schakel", "Bibliotheek, zaal 2"),
        strict=True,
    ):
        group = IntervisionGroup.objects.create(
            region=region,
            name=name,
            description="Intervisie voor coördinatoren Gezonde Wijk: casussen, samen lezen "
            "en leren van elkaar.",
        )
        GroupMember.objects.bulk_create(GroupMember(group=group, user=u) for u in members)
        meetings = Meeting.objects.bulk_create(
            Meeting(
                group=group,
                starts_at=dt.datetime.combine(day, dt.time(MEETING_HOUR), tzinfo=zone),
                location=place,
                agenda="\n".join(ctx.rng.sample(CASES, 2)) if year < this_year else "",
                notes="Afspraak: volgende keer terugkoppelen wat er met de tips is gedaan."
                if year < this_year
                else "",
            )
            for year in (this_year - 1, this_year)
            for day in meeting_dates(year=year, per_year=group.meetings_per_year)
        )
        past = [m for m in meetings if m.starts_at.year < this_year]
        Attendance.objects.bulk_create(
            Attendance(meeting=m, user=u, present=ctx.rng.random() < 0.8)
            for m in past
            for u in members
        )
        ReadingItem.objects.bulk_create(
            ReadingItem(
                group=group,
                title=title,
                author=author,
                discussed_at=past[n] if n < len(past) else None,
                discussion_notes="Herkenbaar: we starten te vaak vanuit een plan in plaats van "
                "vanuit wat er al is."
                if n < len(past)
                else "",
            )
            for n, (title, author) in enumerate(READING)
        )
    SelfAssessment.objects.bulk_create(
        SelfAssessment(
            user=u,
            competency=c,
            level=min(4, start + step),
            assessed_on=dt.date(this_year - 1, 1 + 6 * step, 15),
        )
        for u in coordinators
        for c in Competency.values
        for start in [ctx.rng.randint(1, 3)]
        for step in range(2)
    )
    _assignments(ctx, region)
    ctx.count("intervision groups", 2)
    ctx.count("coordinators in intervision", len(coordinators))
