"""Demo initiatives: two years of history per wijk, drawn with NumPy and saved in bulk.

Residents are read once as arrays (user, wijk); members, believers and activities are drawn
per initiative or for all residents at once, never with a query per resident. History runs
over the two years up to HISTORY_END, a fixed date, so the same seed gives the same rows.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import numpy as np

from gezondewijk.demo.accounts import DEMO_EMAIL_DOMAIN
from gezondewijk.demo.names import short_place
from gezondewijk.demo.registry import DemoContext
from gezondewijk.initiatives.models import (
    Activity,
    Belief,
    Initiative,
    MemberRole,
    Membership,
    Status,
    StatusChange,
    TargetGroup,
    Theme,
)
from gezondewijk.people.models import Organisation, ResidentProfile, User
from gezondewijk.places.models import StrategicLocation, Wijk

HISTORY_END = date(2026, 10, 31)
HISTORY_DAYS = 730
BATCH_SIZE = 5_000
BELIEVER_SHARE = 0.03
NAME_PARTS = {
    "bewegen": ("Wandelgroep", "Samen Fit", "Beweegmaatjes"),
    "voeding": ("Buurtmoestuin", "Kookclub", "Gezond Ontbijt"),
    "eenzaamheid": ("Koffie-ochtend", "Buurtkamer", "Maatjesproject"),
    "mentale-gezondheid": ("Praatcafé", "Veerkrachtgroep", "Lotgenoten"),
    "opvoeden": ("Opvoedcafé", "Ouders Samen", "Speelochtend"),
    "armoede-en-schulden": ("Formulierenhulp", "Weggeefwinkel", "Geldmaatjes"),
    "groen": ("Groene Straat", "Tuinploeg", "Geveltuinen"),
    "veiligheid": ("Buurtpreventie", "Veilig Thuis", "Straatcoaches"),
    "zingeving": ("Levensverhalen", "Stiltegroep", "Zinvol Samen"),
}
# What an initiative of each theme does, in the words of its lead: one is drawn per initiative.
DESCRIPTIONS = {
    "bewegen": (
        "Elke week samen wandelen vanaf het buurthuis, in je eigen tempo; na afloop koffie.",
        "Buiten bewegen in het park onder leiding van een buurtsportcoach, voor jong en oud.",
        "Bewoners die graag meer bewegen zoeken elkaar op en spreken een vaste tijd af.",
    ),
    "voeding": (
        "Samen koken en eten met wat de buurtmoestuin oplevert; iedereen schuift aan.",
        "Een gezond ontbijt voor kinderen voor schooltijd, met hulp van ouders uit de buurt.",
        "Bewoners leren elkaar goedkoop en gezond koken, met recepten uit alle keukens.",
    ),
    "eenzaamheid": (
        "Een vaste ochtend met koffie en een praatje, voor wie de buren beter wil leren kennen.",
        "Vrijwilligers bezoeken buurtgenoten die weinig mensen zien en gaan samen op pad.",
        "Een huiskamer in de wijk waar je zonder afspraak binnenloopt.",
    ),
    "mentale-gezondheid": (
        "Een praatgroep waar bewoners ervaringen delen over stress, somberheid en herstel.",
        "Samen oefenen met ontspanning en veerkracht, met een ervaringsdeskundige.",
        "Een laagdrempelig gesprek met lotgenoten, elke twee weken in het wijkcentrum.",
    ),
    "opvoeden": (
        "Ouders praten met elkaar over opvoeden, met af en toe een jeugdverpleegkundige erbij.",
        "Een speelochtend voor peuters en hun ouders, zodat ouders elkaar leren kennen.",
        "Ouders helpen elkaar met vragen over school, slapen, eten en schermtijd.",
    ),
    "armoede-en-schulden": (
        "Vrijwilligers helpen met brieven, formulieren en toeslagen, elke week op spreekuur.",
        "Een weggeefwinkel met kleding en huisraad, gerund door bewoners.",
        "Geldmaatjes helpen buurtgenoten overzicht te krijgen in hun geldzaken.",
    ),
    "groen": (
        "Bewoners maken geveltuinen en onderhouden samen het groen in hun straat.",
        "Een tuinploeg die elke zaterdag het plantsoen bijhoudt en nieuwe bomen plant.",
        "Tegels eruit, groen erin: bewoners vergroenen samen hun straat.",
    ),
    "veiligheid": (
        "Bewoners lopen samen rondes door de buurt en houden contact met de wijkagent.",
        "Een appgroep en maandelijks overleg over een veilige en schone buurt.",
        "Jongeren en bewoners gaan in gesprek over overlast en bedenken samen oplossingen.",
    ),
    "zingeving": (
        "Ouderen vertellen hun levensverhaal aan jongeren, die het samen opschrijven.",
        "Een stiltegroep en gesprekken over wat het leven de moeite waard maakt.",
        "Bewoners van verschillende achtergronden praten over geloof, hoop en betekenis.",
    ),
}
GENERAL_DESCRIPTIONS = (
    "Bewoners zetten samen iets op voor de buurt, met steun van het welzijnswerk.",
    "Een initiatief van buurtgenoten, open voor iedereen uit de wijk.",
)
# Meetings of an initiative of each theme, titled as its lead would.
ACTIVITY_TITLES = {
    "bewegen": ("Wandeling door de buurt", "Beweegles in het park", "Samen fietsen"),
    "voeding": ("Samen koken", "Oogstdag in de moestuin", "Gezond ontbijt"),
    "eenzaamheid": ("Koffie-ochtend", "Spelletjesmiddag", "Samen eten"),
    "mentale-gezondheid": ("Praatgroep", "Ontspanningsoefeningen", "Lotgenotengesprek"),
    "opvoeden": ("Opvoedcafé", "Speelochtend", "Ouderavond"),
    "armoede-en-schulden": ("Formulierenspreekuur", "Weggeefmiddag", "Geldcafé"),
    "groen": ("Plantdag", "Geveltuinen aanleggen", "Opruimactie"),
    "veiligheid": ("Buurtronde", "Buurtoverleg", "Gesprek met de wijkagent"),
    "zingeving": ("Verhalenmiddag", "Stiltebijeenkomst", "Gespreksavond"),
}
TARGETS = np.array(TargetGroup.values)


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=UTC)


def build_initiatives(ctx: DemoContext) -> None:
    region = ctx.require_region()
    rng = np.random.default_rng(ctx.rng.randrange(2**32))
    themes = list(Theme.objects.filter(active=True).order_by("slug"))
    wijken = list(Wijk.objects.filter(gemeente__region=region).order_by("code"))
    if not themes or not wijken:
        return
    residents = np.array(
        ResidentProfile.objects.filter(buurt__wijk__gemeente__region=region)
        .order_by("user_id")
        .values_list("user_id", "buurt__wijk_id"),
        dtype=np.int64,
    ).reshape(-1, 2)
    buurt_names = {
        w.pk: sorted({short_place(n) for n in w.buurten.values_list("name", flat=True)})
        for w in wijken
    }
    locations = {
        w.pk: list(
            StrategicLocation.objects.filter(buurt__wijk=w)
            .order_by("pk")
            .values_list("pk", "buurt_id")
        )
        for w in wijken
    }
    organisations = {
        w.pk: list(
            Organisation.objects.filter(wijken=w).order_by("pk").values_list("pk", flat=True)
        )
        for w in wijken
    }
    lead_account = User.objects.filter(email=f"initiatiefnemer@{DEMO_EMAIL_DOMAIN}").first()
    start = HISTORY_END - timedelta(days=HISTORY_DAYS)
    memberships: list[Membership] = []
    changes: list[StatusChange] = []
    activities: list[Activity] = []
    made = 0
    for w_index, wijk in enumerate(wijken):
        people = residents[residents[:, 1] == wijk.pk, 0]
        # Some buurten have no active place at all, so the reach map has something to show.
        used_locations = [loc for loc in locations[wijk.pk] if rng.random() < 0.6]
        # An initiative is named after its wijk or one of its buurten, never twice in a wijk.
        places = [short_place(wijk.name), *buurt_names[wijk.pk]]
        taken: set[str] = set()
        for _i in range(int(rng.integers(3, 9))):
            theme = themes[int(rng.integers(len(themes)))]
            created = start + timedelta(days=int(rng.integers(0, HISTORY_DAYS - 30)))
            lead_id = int(rng.choice(people)) if len(people) else None
            if w_index == 0 and made == 0 and lead_account is not None:
                lead_id = lead_account.pk
            parts = NAME_PARTS.get(theme.slug, (theme.name,))
            name = _unique_name(rng, parts, places, taken)
            texts = DESCRIPTIONS.get(theme.slug, GENERAL_DESCRIPTIONS)
            titles = ACTIVITY_TITLES.get(theme.slug, (f"{parts[0]}: bijeenkomst",))
            initiative = Initiative.objects.create(
                name=name,
                description=texts[int(rng.integers(len(texts)))],
                lead_id=lead_id,
                created_at=_moment(created),
            )
            made += 1
            initiative.themes.set([theme])
            initiative.wijken.set([wijk])
            partners = organisations[wijk.pk]
            if partners:
                k = int(rng.integers(0, min(3, len(partners) + 1)))
                initiative.partners.set(rng.choice(partners, size=k, replace=False).tolist())
            # Status history: idea → active after 1–3 months; some are embedded, some stop.
            active_on = created + timedelta(days=int(rng.integers(20, 90)))
            history = [("", Status.IDEE, created)]
            stopped_on = None
            if active_on < HISTORY_END:
                history.append((Status.IDEE, Status.ACTIEF, active_on))
                roll = rng.random()
                later = active_on + timedelta(days=int(rng.integers(120, 400)))
                if roll < 0.15 and later < HISTORY_END:
                    history.append((Status.ACTIEF, Status.GESTOPT, later))
                    stopped_on = later
                elif roll < 0.4 and later < HISTORY_END:
                    history.append((Status.ACTIEF, Status.GEBORGD, later))
            changes += [
                StatusChange(
                    initiative=initiative,
                    from_status=a,
                    to_status=b,
                    changed_at=_moment(d),
                    changed_by_id=lead_id,
                )
                for a, b, d in history
            ]
            Initiative.objects.filter(pk=initiative.pk).update(status=history[-1][1])
            # Members: the lead, then a few to a few dozen residents of the wijk.
            others = people[people != (lead_id or -1)]
            k = min(len(others), int(rng.integers(2, 30)))
            chosen = (
                rng.choice(others, size=k, replace=False) if k else np.array([], dtype=np.int64)
            )
            span = max(1, (HISTORY_END - created).days)
            joined = rng.integers(0, span, size=k)
            roles = rng.choice(
                [MemberRole.BELIEVER, MemberRole.VRIJWILLIGER, MemberRole.DEELNEMER],
                size=k,
                p=[0.2, 0.3, 0.5],
            )
            if lead_id:
                memberships.append(
                    Membership(
                        initiative=initiative,
                        user_id=lead_id,
                        role=MemberRole.INITIATIEFNEMER,
                        joined_at=_moment(created),
                    )
                )
            memberships += [
                Membership(
                    initiative=initiative,
                    user_id=int(u),
                    role=str(r),
                    joined_at=_moment(created + timedelta(days=int(d))),
                )
                for u, r, d in zip(chosen, roles, joined, strict=True)
            ]
            # Activities: about one a month while active, at the wijk's places.
            if len(history) > 1 and used_locations:
                until = stopped_on or HISTORY_END
                days = (until - active_on).days
                n = int(rng.poisson(max(days, 0) / 30))
                offsets = rng.integers(0, max(days, 1), size=n)
                where = rng.integers(0, len(used_locations), size=n)
                what = rng.integers(0, len(titles), size=n)
                counts = rng.integers(4, 40, size=n)
                groups = rng.random((n, len(TARGETS))) < 0.25
                activities += [
                    Activity(
                        initiative=initiative,
                        title=titles[int(t)],
                        date=active_on + timedelta(days=int(o)),
                        location_id=used_locations[int(p)][0],
                        participants=int(c),
                        target_groups=TARGETS[g].tolist(),
                    )
                    for o, p, t, c, g in zip(offsets, where, what, counts, groups, strict=True)
                ]
    Membership.objects.bulk_create(memberships, batch_size=BATCH_SIZE)
    StatusChange.objects.bulk_create(changes, batch_size=BATCH_SIZE)
    Activity.objects.bulk_create(activities, batch_size=BATCH_SIZE)
    beliefs = _draw_beliefs(rng, residents[:, 0], themes)
    # The demo GP believes in exercise, so the dashboard shows an engaged professional.
    beliefs += [
        Belief(user=gp, theme=themes[0], created_at=_moment(HISTORY_END))
        for gp in User.objects.filter(email=f"professional@{DEMO_EMAIL_DOMAIN}")
    ]
    Belief.objects.bulk_create(beliefs, batch_size=BATCH_SIZE, ignore_conflicts=True)
    ctx.count("initiatives", made)
    ctx.count("memberships", len(memberships))
    ctx.count("activities", len(activities))
    ctx.count("beliefs", len(beliefs))


def _unique_name(
    rng: np.random.Generator, parts: tuple[str, ...], places: list[str], taken: set[str]
) -> str:
    """A name of the theme's kind and a place in the wijk that the wijk does not have yet."""
    free = [f"{part} {place}" for place in places for part in parts]
    free = [name for name in free if name not in taken] or [
        f"{parts[0]} {places[0]} {len(taken) + 1}"
    ]
    # The wijk's own name first, the buurten's when that is taken, so most read "X Overvecht".
    name = free[0] if rng.random() < 0.4 else free[int(rng.integers(len(free)))]
    taken.add(name)
    return name


def _draw_beliefs(rng: np.random.Generator, users: np.ndarray, themes: list[Theme]) -> list[Belief]:
    """About 3% of residents believe in one theme, a few of them in two; drawn all at once."""
    believers = users[rng.random(len(users)) < BELIEVER_SHARE]
    first = rng.integers(0, len(themes), size=len(believers))
    second = np.where(rng.random(len(believers)) < 0.3, (first + 1) % len(themes), -1)
    moment = _moment(HISTORY_END - timedelta(days=60))
    pairs = np.concatenate(
        [np.stack([believers, first], axis=1), np.stack([believers, second], axis=1)[second >= 0]]
    )
    return [Belief(user_id=int(u), theme_id=themes[int(t)].pk, created_at=moment) for u, t in pairs]
