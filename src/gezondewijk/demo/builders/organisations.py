"""Demo organisations: region-wide partners, one set per gemeente and two teams per wijk."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from gezondewijk.demo import names
from gezondewijk.demo.registry import DemoContext
from gezondewijk.people.models import Organisation, OrganisationType
from gezondewijk.places.models import Gemeente, LocationKind, StrategicLocation, Wijk

T = OrganisationType

DESCRIPTIONS: dict[str, str] = {
    T.GGD: "Publieke gezondheid voor de hele regio: monitor, jeugdgezondheidszorg en preventie.",
    T.ZORGVERZEKERAAR: "Regionale zorgverzekeraar en partner in het preventiefonds.",
    T.BANK: "Coöperatieve bank die maatschappelijke initiatieven in de streek steunt.",
    T.HOGESCHOOL: "Hogeschool met een lectoraat gezonde leefomgeving; doet mee aan de benchmark.",
    T.WONINGCORPORATIE: "Verhuurt sociale woningen en investeert in leefbare buurten.",
    T.BEDRIJF: "Lokale werkgever die meedoet aan gezond werken in de wijk.",
    T.OTHER: "Samenwerking van huisartsen in de regio.",
    T.GEMEENTE: "De gemeente: Wmo, jeugd, sport en de wijkaanpak.",
    T.WELZIJN: "Welzijnswerk, buurtwerk en welzijn op recept.",
    T.BIBLIOTHEEK: "Lezen, digitale vaardigheden en het Informatiepunt Digitale Overheid.",
    T.RELIGIEUS: "Geloofsgemeenschap met een open huis voor de buurt.",
    T.SPORTVERENIGING: "Sportvereniging met activiteiten voor jong en oud.",
    T.GEZONDHEIDSCENTRUM: "Huisartsen, fysiotherapie en apotheek onder één dak.",
    T.BUURTHUIS: "Beheert de buurthuizen en wijkcentra van de gemeente.",
    T.SCHOOL: "Openbaar en christelijk basisonderwijs in de gemeente.",
    T.HUISARTSENPRAKTIJK: "Huisartsenpraktijk met praktijkondersteuner en welzijn op recept.",
    T.WIJKVERPLEGING: "Wijkverpleegkundigen die thuis zorg geven en signaleren.",
}


@dataclass
class PlannedOrganisation:
    name: str
    type: OrganisationType
    gemeente: Gemeente
    wijken: list[Wijk]
    locations: list[StrategicLocation] = field(default_factory=list)


def build_organisations(ctx: DemoContext) -> None:
    region = ctx.require_region()
    gemeenten = list(region.gemeenten.order_by("code").prefetch_related("wijken"))
    in_gemeente: dict[tuple[int, str], list[StrategicLocation]] = defaultdict(list)
    in_wijk: dict[tuple[int, str], list[StrategicLocation]] = defaultdict(list)
    for location in (
        StrategicLocation.objects.filter(buurt__wijk__gemeente__region=region)
        .select_related("buurt__wijk")
        .order_by("buurt__code", "name")
    ):
        in_gemeente[(location.buurt.wijk.gemeente_id, location.kind)].append(location)
        in_wijk[(location.buurt.wijk_id, location.kind)].append(location)

    def at(gemeente: Gemeente, *kinds: LocationKind) -> list[StrategicLocation]:
        return [loc for kind in kinds for loc in in_gemeente[(gemeente.pk, kind)]]

    all_wijken = [w for g in gemeenten for w in g.wijken.all()]
    seat = gemeenten[0]  # region-wide partners are registered in the largest gemeente
    short = region.name.removeprefix("Regio ")
    planned = [
        PlannedOrganisation(f"GGD {short}", T.GGD, seat, all_wijken),
        PlannedOrganisation(f"Zorgverzekeraar {short}Zorg", T.ZORGVERZEKERAAR, seat, all_wijken),
        PlannedOrganisation(f"Streekbank {short}", T.BANK, seat, all_wijken),
        PlannedOrganisation(f"Hogeschool {short}", T.HOGESCHOOL, seat, all_wijken),
        PlannedOrganisation(f"Zorggroep Huisartsen {short}", T.OTHER, seat, all_wijken),
        *(
            PlannedOrganisation(name, T.WONINGCORPORATIE, seat, all_wijken)
            for name in ("Woonstichting Vechthorst", "Woningcorporatie Het Groene Dak")
        ),
        *(
            PlannedOrganisation(name, T.BEDRIJF, seat, all_wijken)
            for name in ctx.rng.sample(names.BUSINESSES, 3)
        ),
    ]
    for g in gemeenten:
        wijken = list(g.wijken.all())
        clubs = [club.format(g=g.name) for club in ctx.rng.sample(names.SPORT_CLUBS, 2)]
        planned += [
            PlannedOrganisation(f"Gemeente {g.name}", T.GEMEENTE, g, wijken),
            PlannedOrganisation(f"Welzijn {g.name}", T.WELZIJN, g, wijken),
            PlannedOrganisation(
                f"Bibliotheek {g.name}", T.BIBLIOTHEEK, g, wijken, at(g, LocationKind.BIBLIOTHEEK)
            ),
            PlannedOrganisation(
                f"Protestantse Gemeente {g.name}", T.RELIGIEUS, g, wijken, at(g, LocationKind.KERK)
            ),
            PlannedOrganisation(
                f"Moskeevereniging {g.name}", T.RELIGIEUS, g, wijken, at(g, LocationKind.MOSKEE)
            ),
            *(
                # Both clubs play on the gemeente's sports parks.
                PlannedOrganisation(
                    club, T.SPORTVERENIGING, g, wijken, at(g, LocationKind.SPORTVERENIGING)
                )
                for club in clubs
            ),
            PlannedOrganisation(
                at(g, LocationKind.GEZONDHEIDSCENTRUM)[0].name,
                T.GEZONDHEIDSCENTRUM,
                g,
                wijken,
                at(g, LocationKind.GEZONDHEIDSCENTRUM),
            ),
            PlannedOrganisation(
                f"Stichting Buurthuizen {g.name}",
                T.BUURTHUIS,
                g,
                wijken,
                at(g, LocationKind.BUURTHUIS, LocationKind.WIJKCENTRUM),
            ),
            PlannedOrganisation(
                f"Stichting Primair Onderwijs {g.name}",
                T.SCHOOL,
                g,
                wijken,
                at(g, LocationKind.SCHOOL),
            ),
        ]
        for w in wijken:
            practice = in_wijk[(w.pk, LocationKind.HUISARTSENPRAKTIJK)]
            planned += [
                PlannedOrganisation(practice[0].name, T.HUISARTSENPRAKTIJK, g, [w], practice),
                PlannedOrganisation(
                    f"Wijkverpleging {names.short_place(w.name)} {g.name}", T.WIJKVERPLEGING, g, [w]
                ),
            ]
    _save(planned)
    ctx.count("organisations", len(planned))


def _make_names_unique(planned: list[PlannedOrganisation]) -> None:
    """Two practices may carry the same surname; the database wants names unique per gemeente."""
    taken: set[tuple[int, str]] = set()
    for p in planned:
        if (p.gemeente.pk, p.name) in taken:
            p.name += f" {names.short_place(p.wijken[0].name)}" if len(p.wijken) == 1 else " 2"
        while (p.gemeente.pk, p.name) in taken:
            p.name += " II"
        taken.add((p.gemeente.pk, p.name))


def _save(planned: list[PlannedOrganisation]) -> None:
    _make_names_unique(planned)
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=p.name, type=p.type, gemeente=p.gemeente, description=DESCRIPTIONS[p.type]
        )
        for p in planned
    )
    # The many-to-many rows in two inserts rather than two per organisation.
    Organisation.wijken.through.objects.bulk_create(
        Organisation.wijken.through(organisation_id=o.pk, wijk_id=w.pk)
        for o, p in zip(organisations, planned, strict=True)
        for w in p.wijken
    )
    Organisation.locations.through.objects.bulk_create(
        Organisation.locations.through(organisation_id=o.pk, strategiclocation_id=loc.pk)
        for o, p in zip(organisations, planned, strict=True)
        for loc in p.locations
    )
