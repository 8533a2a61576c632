"""The demo region's social network: clustered by buurt and age, with bridges and isolation.

Everything is drawn for all residents at once (synthetic.py) and written with bulk_create, so
a region of 350 000 residents gets its 3.5 million ties in minutes. The analysis runs at the
end, so the coordinator's views have figures straight away.
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import polars as pl

from gezondewijk.demo.registry import DemoContext
from gezondewijk.network import runs, synthetic
from gezondewijk.network.models import NetworkProfile, NetworkRun, TargetType, Tie
from gezondewijk.people.models import BirthYearBand, Organisation, ResidentProfile
from gezondewijk.places.models import StrategicLocation
from gezondewijk.privacy.models import Consent, Purpose

BATCH_SIZE = 10_000
MEAN_DEGREE = 12  # residents' ties to other residents, before isolation and overlaps
CONSENT_SHARE = 0.8
CONNECTOR_VISIBLE_SHARE = 0.15
CONTACT_LABELS = (
    "buurvrouw",
    "buurman",
    "oud-collega",
    "schoonzus",
    "vriendin van de sportclub",
    "kapper",
    "oppas",
    "neef",
)
DEMO_MOMENT = datetime(2026, 1, 15, tzinfo=UTC)
CODE_ALPHABET = np.array(list("23456789ABCDEFGHJKLMNPQRSTUVWXYZ"))
CODE_SPACE = 32**8
CODE_STRIDE = 1_000_003 * 2_654_435_761 % CODE_SPACE | 1  # odd, so i → code is one-to-one


def connect_codes(indices: np.ndarray, seed: int) -> list[str]:
    """Distinct, deterministic connect codes for demo residents (an odd-stride bijection)."""
    values = (indices.astype(np.uint64) * np.uint64(CODE_STRIDE) + np.uint64(seed)) % np.uint64(
        CODE_SPACE
    )
    digits = np.stack([(values >> np.uint64(5 * d)) & np.uint64(31) for d in range(8)], axis=1)
    return ["".join(row) for row in CODE_ALPHABET[digits.astype(np.int64)]]


def build_network(ctx: DemoContext) -> None:
    region = ctx.require_region()
    residents = pl.DataFrame(
        list(
            ResidentProfile.objects.filter(buurt__wijk__gemeente__region=region)
            .order_by("user_id")
            .values_list(
                "user_id",
                "buurt_id",
                "buurt__wijk_id",
                "buurt__wijk__gemeente_id",
                "birth_year_band",
            )
        ),
        schema=["user_id", "buurt_id", "wijk_id", "gemeente_id", "band"],
        orient="row",
    )
    if residents.height < 2:
        return
    rng = np.random.default_rng(ctx.rng.randrange(2**32))
    bands = list(BirthYearBand.values)
    population = synthetic.Population(
        user_id=residents["user_id"].to_numpy(),
        buurt=residents["buurt_id"].to_numpy(),
        wijk=residents["wijk_id"].to_numpy(),
        age_band=residents["band"]
        .replace_strict(bands, list(range(len(bands))), default=0)
        .to_numpy(),
    )
    seed = int(rng.integers(2**31))
    pairs = synthetic.mutual_pairs(population, mean_degree=MEAN_DEGREE, seed=seed)
    between = synthetic.directed_ties(population, pairs, seed=seed)
    hubs = _hub_ties(residents, rng)
    contacts = _contact_ties(residents, rng)
    n = residents.height

    task = (
        ctx.progress.add_task("Netwerk", total=n + between.height + len(hubs) + len(contacts))
        if ctx.progress
        else None
    )
    user_ids = residents["user_id"].to_list()
    codes = connect_codes(np.arange(n), seed)
    visible = rng.random(n) < CONNECTOR_VISIBLE_SHARE
    ctx.bulk(
        NetworkProfile,
        [
            NetworkProfile(user_id=u, connect_code=c, visible_as_connector=bool(v))
            for u, c, v in zip(user_ids, codes, visible, strict=True)
        ],
        batch=BATCH_SIZE,
    )
    consenting = np.flatnonzero(rng.random(n) < CONSENT_SHARE)
    ctx.bulk(
        Consent,
        [
            Consent(user_id=user_ids[i], purpose=Purpose.NETWORK_ANALYSIS, granted_at=DEMO_MOMENT)
            for i in consenting
        ],
        task=task,
        batch=BATCH_SIZE,
    )
    ctx.bulk(
        Tie,
        [
            Tie(
                owner_id=row[0],
                target_type=TargetType.RESIDENT,
                resident_id=row[1],
                strength=row[2],
                kind=row[3],
                practical_help=row[4],
                emotional_support=row[5],
                information=row[6],
                company=row[7],
                confirmed_at=DEMO_MOMENT,
                created_at=DEMO_MOMENT,
            )
            for row in between.iter_rows()
        ],
        task=task,
        batch=BATCH_SIZE,
    )
    ctx.bulk(Tie, hubs + contacts, task=task, batch=BATCH_SIZE)
    ctx.count("ties", between.height + len(hubs) + len(contacts))

    run = NetworkRun.objects.create(region=region)
    run = runs.network_run_execute(run_id=run.pk)
    ctx.count("network communities", run.results["summary"]["communities"])


def _hub_ties(residents: pl.DataFrame, rng: np.random.Generator) -> list[Tie]:
    """Each resident visits 0–3 places in their own wijk and may know their GP practice."""
    places = pl.DataFrame(
        list(
            StrategicLocation.objects.filter(
                buurt__wijk_id__in=residents["wijk_id"].unique().to_list()
            ).values_list("pk", "buurt__wijk_id")
        ),
        schema=["location_id", "wijk_id"],
        orient="row",
    )
    visits = residents.select("user_id", "wijk_id").with_columns(
        pl.Series(
            "visits", rng.choice([0, 1, 2, 3], size=residents.height, p=[0.3, 0.35, 0.25, 0.1])
        )
    )
    per_wijk = places.group_by("wijk_id").agg(pl.col("location_id"))
    chosen = (
        visits.filter(pl.col("visits") > 0)
        .join(per_wijk, on="wijk_id")
        .with_columns(
            pl.col("location_id").list.sample(
                n=pl.min_horizontal(pl.col("visits"), pl.col("location_id").list.len()),
                seed=int(rng.integers(2**31)),
            )
        )
        .explode("location_id")
        .select("user_id", "location_id")
    )
    gps = pl.DataFrame(
        list(
            Organisation.objects.filter(type="huisartsenpraktijk").values_list("pk", "gemeente_id")
        ),
        schema=["organisation_id", "gemeente_id"],
        orient="row",
    )
    with_gp = (
        residents.filter(pl.Series(rng.random(residents.height) < 0.4))
        .join(gps.group_by("gemeente_id").agg(pl.col("organisation_id").first()), on="gemeente_id")
        .select("user_id", "organisation_id")
    )
    strengths = rng.choice([1, 2, 3], size=chosen.height + with_gp.height, p=[0.4, 0.4, 0.2])
    ties = [
        Tie(
            owner_id=u,
            target_type=TargetType.LOCATION,
            location_id=loc,
            kind="plek",
            strength=int(s),
            company=True,
            created_at=DEMO_MOMENT,
        )
        for (u, loc), s in zip(chosen.iter_rows(), strengths[: chosen.height], strict=True)
    ]
    ties += [
        Tie(
            owner_id=u,
            target_type=TargetType.ORGANISATION,
            organisation_id=org,
            kind="hulpverlener",
            strength=int(s),
            information=True,
            created_at=DEMO_MOMENT,
        )
        for (u, org), s in zip(with_gp.iter_rows(), strengths[chosen.height :], strict=True)
    ]
    return ties


def _contact_ties(residents: pl.DataFrame, rng: np.random.Generator) -> list[Tie]:
    """A few people who are not on the platform, known only by the owner's own label."""
    how_many = rng.choice([0, 1, 2], size=residents.height, p=[0.6, 0.3, 0.1])
    owners = np.repeat(residents["user_id"].to_numpy(), how_many)
    first = np.repeat(rng.integers(0, len(CONTACT_LABELS), residents.height), how_many)
    # The second label of the same owner is the next one in the list, so labels never repeat.
    offset = np.arange(owners.size) - np.repeat(np.cumsum(how_many) - how_many, how_many)
    labels = (first + offset) % len(CONTACT_LABELS)
    strength = rng.choice([1, 2, 3], size=owners.size)
    return [
        Tie(
            owner_id=int(u),
            target_type=TargetType.CONTACT,
            contact_label=CONTACT_LABELS[lab],
            kind="kennis",
            strength=int(s),
            company=True,
            created_at=DEMO_MOMENT,
        )
        for u, lab, s in zip(owners, labels, strength, strict=True)
    ]
