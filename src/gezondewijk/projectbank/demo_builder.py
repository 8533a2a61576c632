"""The demo project bank: thirty interventions with draaiboeken, selections by the region's
health centres and experience reports, built in bulk and then indexed for search."""

from __future__ import annotations

from decimal import Decimal

from gezondewijk.cycle.models import Step
from gezondewijk.demo.registry import DemoContext
from gezondewijk.people.models import Organisation, OrganisationType
from gezondewijk.projectbank import search
from gezondewijk.projectbank.demo_data import (
    DID_NOT,
    INTERVENTIONS,
    STEP_LESSONS,
    STEP_TEMPLATES,
    TARGETS,
    WORKED,
)
from gezondewijk.projectbank.models import (
    BudgetLine,
    Endorsement,
    ExperienceReport,
    Intervention,
    InterventionSetting,
    InterventionTheme,
    Playbook,
    PlaybookStep,
    WijkType,
)


def build_projectbank(ctx: DemoContext) -> None:
    region = ctx.require_region()
    organisations = list(
        Organisation.objects.filter(gemeente__region=region).order_by("gemeente__code", "name")
    )
    # A selection is recorded by organisation name; two gemeenten may have a practice of the
    # same name, so each name is offered once.
    centres = list(
        {
            o.name: o
            for o in organisations
            if o.type in (OrganisationType.GEZONDHEIDSCENTRUM, OrganisationType.HUISARTSENPRAKTIJK)
        }.values()
    )
    owners = [
        o
        for o in organisations
        if o.type
        in (OrganisationType.GGD, OrganisationType.WELZIJN, OrganisationType.GEZONDHEIDSCENTRUM)
    ]
    interventions = Intervention.objects.bulk_create(
        Intervention(
            title=d.title,
            summary=d.summary,
            aim=d.aim,
            target_group=d.target_group,
            approach=d.delivery,
            preconditions="Een vaste locatie in de wijk, een coördinator voor een paar uur per "
            "week en ten minste één partner die deelnemers kent.",
            transferability="Werkt in stedelijke wijken en in dorpen; pas de werving aan op "
            "de plekken waar de doelgroep al komt.",
            costs="Vooral uren van de uitvoerder en zaalhuur; vrijwilligers krijgen een "
            "onkostenvergoeding.",
            cost_indication=Decimal(d.costs),
            recognition=d.recognition,
            owner_organisation=ctx.rng.choice(owners) if owners else None,
        )
        for d in INTERVENTIONS
    )
    # bulk_create sets primary keys on SQLite and PostgreSQL alike.
    InterventionTheme.objects.bulk_create(
        InterventionTheme(intervention=i, theme=t)
        for i, d in zip(interventions, INTERVENTIONS, strict=True)
        for t in d.themes
    )
    InterventionSetting.objects.bulk_create(
        InterventionSetting(intervention=i, setting=s)
        for i, d in zip(interventions, INTERVENTIONS, strict=True)
        for s in d.settings
    )
    Endorsement.objects.bulk_create(
        Endorsement(intervention=i, organisation=c, organisation_name=c.name)
        for i in interventions
        for c in (ctx.rng.sample(centres, min(len(centres), ctx.rng.randint(0, 3))))
    )
    playbooks = Playbook.objects.bulk_create(
        Playbook(
            intervention=i,
            introduction=f"Dit draaiboek beschrijft hoe u „{i.title}” in uw eigen wijk opzet, "
            "van de eerste verkenning tot een vaste plek in het wijkprogramma.",
        )
        for i in interventions
    )
    PlaybookStep.objects.bulk_create(
        PlaybookStep(
            playbook=p,
            position=n,
            phase=phase,
            title=title.format(delivery=d.delivery.split(":")[0]),
            description=description or d.delivery,
            duration_weeks=weeks,
            roles=roles,
        )
        for p, d in zip(playbooks, INTERVENTIONS, strict=True)
        for n, (phase, title, description, weeks, roles) in enumerate(STEP_TEMPLATES, start=1)
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(playbook=p, category=category, description=text, amount=amount)
        for p, d in zip(playbooks, INTERVENTIONS, strict=True)
        for category, text, amount in (
            ("personeel", "Uren uitvoerder en coördinator", Decimal(d.costs) * Decimal("0.6")),
            ("locatie", "Zaalhuur", Decimal(d.costs) * Decimal("0.2")),
            ("materiaal", "Materialen en koffie", Decimal(d.costs) * Decimal("0.15")),
            ("communicatie", "Uitnodigingen en bedankjes", Decimal(d.costs) * Decimal("0.05")),
        )
    )
    reports = [
        ExperienceReport(
            intervention=i,
            organisation_name=ctx.rng.choice(organisations).name if organisations else "",
            wijk_type=ctx.rng.choice(WijkType.values),
            target_group=ctx.rng.choice(TARGETS),
            what_worked=ctx.rng.choice(WORKED),
            what_did_not=ctx.rng.choice(DID_NOT),
            rating=ctx.rng.choice([3, 4, 4, 5, 5, 2]),
        )
        for i in interventions
        for _ in range(ctx.rng.randint(0, 3))
    ]
    # Lessons on the cycle's steps themselves, fixed texts (no draws from ctx.rng, so the
    # builders after this one see the same random sequence as before).
    steps = {s.key: s for s in Step.objects.filter(key__in=STEP_LESSONS)}
    reports += [
        ExperienceReport(
            cycle_step=steps[key],
            organisation_name=organisations[k % len(organisations)].name if organisations else "",
            wijk_type=wijk_type,
            target_group=target,
            what_worked=worked,
            what_did_not=did_not,
            rating=rating,
        )
        for k, (key, lessons) in enumerate(STEP_LESSONS.items())
        if key in steps
        for wijk_type, target, worked, did_not, rating in lessons
    ]
    ExperienceReport.objects.bulk_create(reports)
    search.index_interventions(interventions)
    ctx.count("interventions", len(interventions))
    ctx.count("experience reports", len(reports))
