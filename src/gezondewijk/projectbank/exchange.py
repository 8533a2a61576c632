"""Exchange between regional project banks: a versioned JSON format, export and import.

The format is described in exchange_format.md beside this module; the pydantic models below
are its executable definition. Import is all or nothing: the whole file is checked first,
and a bad record is reported by its place in the file, its title and the field, with nothing
stored. Records are matched by their stable identifier, so importing the same file twice
changes nothing the second time; a record that was edited here since it was imported, or
that was written here in the first place, is reported as a conflict and left alone.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from gezondewijk.cycle.models import Step
from gezondewijk.errors import WHOLE_BODY, InputError, Problem
from gezondewijk.projectbank import search
from gezondewijk.projectbank.models import (
    BudgetCategory,
    BudgetLine,
    Endorsement,
    EvidenceLink,
    ExperienceReport,
    Intervention,
    InterventionSetting,
    InterventionTheme,
    Phase,
    Playbook,
    PlaybookStep,
    Recognition,
    Setting,
    Theme,
    WijkType,
)

FORMAT = "gezondewijk-projectbank"
# Version 2 adds experience reports on steps of the implementation cycle (`cycle_step` on a
# report, `step_experiences` for reports on a step alone); version 1 documents still import.
VERSION = 2
READS = (1, 2)

Short = Annotated[str, Field(max_length=200)]
Name = Annotated[str, Field(max_length=160)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Provenance(_Strict):
    bank: Name = Field(min_length=1)
    hogeschool: Name = ""


class EvidenceOut(_Strict):
    title: Short = Field(min_length=1)
    url: Annotated[str, Field(max_length=500, pattern=r"^https?://\S+$")]


class MaterialRef(_Strict):
    """Files do not travel in the export; their title, name, size and checksum do."""

    title: Short
    filename: Annotated[str, Field(max_length=300)]
    size: int = Field(ge=0)
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class StepOut(_Strict):
    position: int = Field(ge=1)
    phase: Phase
    title: Short = Field(min_length=1)
    description: str = ""
    duration_weeks: int = Field(ge=1, le=520)
    roles: list[Short] = []
    materials: list[MaterialRef] = []


class BudgetOut(_Strict):
    category: BudgetCategory
    description: Short = Field(min_length=1)
    amount: Decimal = Field(ge=0, max_digits=10, decimal_places=2)


class PlaybookOut(_Strict):
    introduction: str = ""
    steps: list[StepOut] = []
    budget: list[BudgetOut] = []
    materials: list[MaterialRef] = []


class StepRef(_Strict):
    """A step of the implementation cycle, by the key regions share (its name for people)."""

    key: Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[-a-zA-Z0-9_]+$")]
    name: Annotated[str, Field(max_length=80)] = ""


class ExperienceOut(_Strict):
    id: UUID
    organisation: Name = ""
    wijk_type: WijkType
    target_group: Short = Field(min_length=1)
    what_worked: str = Field(min_length=1)
    what_did_not: str = ""
    rating: int = Field(ge=1, le=5)
    created_at: datetime
    provenance: Provenance
    cycle_step: StepRef | None = None


class StepExperienceOut(ExperienceOut):
    """A report on a step of the cycle, not on one intervention."""

    cycle_step: StepRef


class InterventionOut(_Strict):
    id: UUID
    title: Short = Field(min_length=1)
    summary: str = Field(min_length=1)
    aim: str = ""
    target_group: Short = ""
    approach: str = ""
    preconditions: str = ""
    transferability: str = ""
    costs: str = ""
    cost_indication: Decimal | None = Field(None, ge=0, max_digits=10, decimal_places=2)
    themes: list[Theme] = Field(min_length=1)
    settings: list[Setting] = []
    recognition: Recognition
    owner: Name = ""
    provenance: Provenance
    evidence: list[EvidenceOut] = []
    selected_by: list[Name] = []
    updated_at: datetime
    playbook: PlaybookOut | None = None
    experiences: list[ExperienceOut] = []


class BankExport(_Strict):
    format: Literal["gezondewijk-projectbank"]
    version: Literal[1, 2]
    exported_at: datetime
    bank: Provenance
    interventions: list[InterventionOut]
    step_experiences: list[StepExperienceOut] = []


def this_bank() -> Provenance:
    return Provenance(
        bank=getattr(settings, "PROJECTBANK_NAME", "Projectenbank Gezonde Wijk"),
        hogeschool=getattr(settings, "PROJECTBANK_HOGESCHOOL", ""),
    )


# -- export ---------------------------------------------------------------------------------


def _provenance(obj: Intervention | ExperienceReport, home: Provenance) -> Provenance:
    if not obj.origin_bank:
        return home
    hogeschool = obj.origin_hogeschool if isinstance(obj, Intervention) else ""
    return Provenance(bank=obj.origin_bank, hogeschool=hogeschool)


def _material(m: Any) -> MaterialRef:
    return MaterialRef(title=m.title, filename=m.filename, size=m.size, sha256=m.sha256)


def playbook_out(playbook: Playbook) -> PlaybookOut:
    return PlaybookOut(
        introduction=playbook.introduction,
        steps=[
            StepOut(
                position=s.position,
                phase=Phase(s.phase),
                title=s.title,
                description=s.description,
                duration_weeks=s.duration_weeks,
                roles=s.roles_list(),
                materials=[_material(m) for m in s.materials.all()],
            )
            for s in playbook.steps.all()
        ],
        budget=[
            BudgetOut(
                category=BudgetCategory(b.category), description=b.description, amount=b.amount
            )
            for b in playbook.budget_lines.all()
        ],
        materials=[_material(m) for m in playbook.materials.all() if m.step_id is None],
    )


def intervention_out(i: Intervention, home: Provenance) -> InterventionOut:
    playbook = getattr(i, "playbook", None) if hasattr(i, "playbook") else None
    return InterventionOut(
        id=i.uid,
        title=i.title,
        summary=i.summary,
        aim=i.aim,
        target_group=i.target_group,
        approach=i.approach,
        preconditions=i.preconditions,
        transferability=i.transferability,
        costs=i.costs,
        cost_indication=i.cost_indication,
        themes=[Theme(t.theme) for t in i.themes.all()],
        settings=[Setting(s.setting) for s in i.settings.all()],
        recognition=Recognition(i.recognition),
        owner=i.owner_display,
        provenance=_provenance(i, home),
        evidence=[EvidenceOut(title=e.title, url=e.url) for e in i.evidence_links.all()],
        selected_by=[e.organisation_name for e in i.endorsements.all()],
        updated_at=i.updated_at,
        playbook=playbook_out(playbook) if playbook else None,
        experiences=[experience_out(r, home) for r in i.experiences.all()],
    )


def _step_ref(step: Step | None) -> StepRef | None:
    return StepRef(key=step.key, name=step.name) if step is not None else None


def experience_out(r: ExperienceReport, home: Provenance) -> ExperienceOut:
    fields: dict[str, Any] = {
        "id": r.uid,
        "organisation": r.organisation_name,
        "wijk_type": WijkType(r.wijk_type),
        "target_group": r.target_group,
        "what_worked": r.what_worked,
        "what_did_not": r.what_did_not,
        "rating": r.rating,
        "created_at": r.created_at,
        "provenance": _provenance(r, home),
        "cycle_step": _step_ref(r.cycle_step),
    }
    return ExperienceOut(**fields)


def export_queryset() -> QuerySet[Intervention]:
    return Intervention.objects.select_related("owner_organisation", "playbook").prefetch_related(
        "themes",
        "settings",
        "evidence_links",
        "endorsements",
        Prefetch("experiences", queryset=ExperienceReport.objects.select_related("cycle_step")),
        "playbook__steps__materials",
        "playbook__budget_lines",
        "playbook__materials",
    )


def bank_export(interventions: QuerySet[Intervention] | None = None) -> dict[str, Any]:
    home = this_bank()
    on_steps = ExperienceReport.objects.filter(intervention__isnull=True).select_related(
        "cycle_step"
    )
    document = BankExport(
        format="gezondewijk-projectbank",
        version=2,
        exported_at=timezone.now(),
        bank=home,
        interventions=[
            intervention_out(i, home) for i in (interventions or export_queryset()).order_by("uid")
        ],
        step_experiences=[
            StepExperienceOut.model_validate(experience_out(r, home).model_dump())
            for r in on_steps.order_by("uid")
            if r.cycle_step is not None
        ],
    )
    return document.model_dump(mode="json")


# -- import ---------------------------------------------------------------------------------


class ExchangeError(InputError):
    """The file cannot be imported; `problems` name each record and field ("record: ...")."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(
            [Problem((*WHOLE_BODY, p.split(":", 1)[0]), p) for p in problems],
            text="; ".join(problems),
        )
        self.problems = problems


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    experiences_added: int = 0
    conflicts: list[str] = field(default_factory=list)


def _where(raw: Any, loc: tuple[int | str, ...]) -> str:
    """'interventions[2] “Beweegmaatje” → themes[0]' for a pydantic error location."""
    parts: list[str] = []
    node = raw
    for step in loc:
        if isinstance(step, int):
            title = (
                node[step].get("title")
                if isinstance(node, list) and isinstance(node[step], dict)
                else None
            )
            parts[-1] += f"[{step}]" + (f" “{title}”" if title else "")
        else:
            parts.append(str(step))
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            node = None
    return " → ".join(parts) or "file"


def parse(data: bytes | str) -> BankExport:
    try:
        raw = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ExchangeError([f"The file is not valid JSON: {error}"]) from error
    if isinstance(raw, dict) and raw.get("format") == FORMAT and raw.get("version") not in READS:
        raise ExchangeError(
            [
                f"version: this bank reads versions {', '.join(map(str, READS))}, "
                f"not {raw.get('version')}."
            ]
        )
    try:
        return BankExport.model_validate(raw)
    except ValidationError as error:
        raise ExchangeError(
            [f"{_where(raw, tuple(e['loc']))}: {e['msg']}" for e in error.errors()[:20]]
        ) from error


def _digest(record: InterventionOut) -> str:
    canonical = json.dumps(record.model_dump(mode="json", exclude={"experiences"}), sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _apply(intervention: Intervention, record: InterventionOut, now: datetime) -> None:
    for name in (
        "title",
        "summary",
        "aim",
        "target_group",
        "approach",
        "preconditions",
        "transferability",
        "costs",
        "cost_indication",
        "recognition",
    ):
        setattr(intervention, name, getattr(record, name))
    intervention.owner_name = record.owner
    intervention.origin_bank = record.provenance.bank
    intervention.origin_hogeschool = record.provenance.hogeschool
    intervention.imported_at = intervention.updated_at = now
    intervention.import_digest = _digest(record)
    intervention.save()
    intervention.themes.all().delete()
    intervention.settings.all().delete()
    intervention.evidence_links.all().delete()
    intervention.endorsements.filter(organisation__isnull=True).delete()
    InterventionTheme.objects.bulk_create(
        InterventionTheme(intervention=intervention, theme=t) for t in dict.fromkeys(record.themes)
    )
    InterventionSetting.objects.bulk_create(
        InterventionSetting(intervention=intervention, setting=s)
        for s in dict.fromkeys(record.settings)
    )
    EvidenceLink.objects.bulk_create(
        EvidenceLink(intervention=intervention, title=e.title, url=e.url) for e in record.evidence
    )
    Endorsement.objects.bulk_create(
        [
            Endorsement(intervention=intervention, organisation_name=name, endorsed_at=now)
            for name in dict.fromkeys(record.selected_by)
        ],
        ignore_conflicts=True,
    )
    Playbook.objects.filter(intervention=intervention).delete()
    if record.playbook is not None:
        playbook = Playbook.objects.create(
            intervention=intervention, introduction=record.playbook.introduction, updated_at=now
        )
        PlaybookStep.objects.bulk_create(
            PlaybookStep(
                playbook=playbook,
                position=number,
                phase=s.phase,
                title=s.title,
                description=s.description,
                duration_weeks=s.duration_weeks,
                roles=", ".join(s.roles),
            )
            for number, s in enumerate(sorted(record.playbook.steps, key=lambda s: s.position), 1)
        )
        BudgetLine.objects.bulk_create(
            BudgetLine(
                playbook=playbook, category=b.category, description=b.description, amount=b.amount
            )
            for b in record.playbook.budget
        )


def _experiences(
    intervention: Intervention | None,
    reports: list[ExperienceOut] | list[StepExperienceOut],
    steps: dict[str, Step],
    result: ImportResult,
) -> None:
    known = {r.uid: r for r in ExperienceReport.objects.filter(uid__in=[e.id for e in reports])}
    for e in reports:
        step = steps.get(e.cycle_step.key) if e.cycle_step else None
        if e.cycle_step and step is None:
            if intervention is None:
                result.conflicts.append(
                    f"Experience report {e.id}: this region has no cycle step "
                    f"“{e.cycle_step.key}”; not imported."
                )
                continue
            result.conflicts.append(
                f"Experience report {e.id}: this region has no cycle step "
                f"“{e.cycle_step.key}”; imported with its intervention only."
            )
        values = {
            "cycle_step": step,
            "organisation_name": e.organisation,
            "wijk_type": e.wijk_type,
            "target_group": e.target_group,
            "what_worked": e.what_worked,
            "what_did_not": e.what_did_not,
            "rating": e.rating,
            "created_at": e.created_at,
            "origin_bank": e.provenance.bank,
        }
        existing = known.get(e.id)
        if existing is None:
            ExperienceReport.objects.create(uid=e.id, intervention=intervention, **values)
            result.experiences_added += 1
        elif existing.origin_bank:  # ours are never overwritten; theirs follow their source
            ExperienceReport.objects.filter(pk=existing.pk).update(**values)


def bank_import(data: bytes | str) -> ImportResult:
    document = parse(data)
    ids = [r.id for r in document.interventions]
    duplicates = sorted({str(i) for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ExchangeError([f"interventions: identifier appears twice: {d}" for d in duplicates])
    result = ImportResult()
    now = timezone.now()
    existing = {i.uid: i for i in Intervention.objects.filter(uid__in=ids)}
    steps = {s.key: s for s in Step.objects.all()}
    touched: list[Intervention] = []
    with transaction.atomic():
        for record in document.interventions:
            local = existing.get(record.id)
            if local is None:
                local = Intervention(uid=record.id)
                _apply(local, record, now)
                touched.append(local)
                result.created += 1
            elif not local.origin_bank:
                result.conflicts.append(
                    f"“{local.title}” ({record.id}) was written in this bank; not overwritten."
                )
            elif local.imported_at and local.updated_at > local.imported_at:
                result.conflicts.append(
                    f"“{local.title}” ({record.id}) was changed here since the last import; "
                    "not overwritten."
                )
            elif local.import_digest == _digest(record):
                result.unchanged += 1
            else:
                _apply(local, record, now)
                touched.append(local)
                result.updated += 1
            _experiences(local, record.experiences, steps, result)
        _experiences(None, document.step_experiences, steps, result)
        search.index_interventions(touched)
    return result
