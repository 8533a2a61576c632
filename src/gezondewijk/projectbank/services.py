"""Writes of the project bank. Each checks the policy, validates, and writes in one transaction."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gezondewijk.cycle.models import Step
from gezondewijk.people.models import Organisation, OrganisationType, ProfessionalProfile
from gezondewijk.permissions.api_auth import Caller
from gezondewijk.permissions.policy import Permission
from gezondewijk.projectbank import access, search
from gezondewijk.projectbank.models import (
    BudgetLine,
    Endorsement,
    EvidenceLink,
    ExperienceReport,
    Intervention,
    InterventionSetting,
    InterventionTheme,
    Material,
    Playbook,
    PlaybookStep,
    Setting,
    Theme,
)
from gezondewijk.web import uploads

TEXT_FIELDS = (
    "title",
    "summary",
    "aim",
    "target_group",
    "approach",
    "preconditions",
    "transferability",
    "costs",
)
ENDORSING_TYPES = frozenset(
    {OrganisationType.GEZONDHEIDSCENTRUM, OrganisationType.HUISARTSENPRAKTIJK}
)

# What a material may be: its extension; its first bytes must say the same (web.uploads).
# The name alone proves nothing.
MATERIAL_EXTENSIONS = (
    "pdf",
    "png",
    "jpg",
    "jpeg",
    "docx",
    "xlsx",
    "pptx",
    "odt",
    "ods",
    "odp",
    "txt",
    "csv",
)


def max_material_bytes() -> int:
    return int(getattr(settings, "PROJECTBANK_MAX_MATERIAL_MB", 10)) * 1024 * 1024


def _require(actor: Caller, permission: Permission) -> None:
    if not actor.allows(permission):
        raise PermissionDenied


def _validate_choices(values: list[str], choices: type[Theme] | type[Setting], field: str) -> None:
    unknown = sorted(set(values) - set(choices.values))
    if unknown:
        raise ValidationError(
            {field: _("Unknown value: %(values)s.") % {"values": ", ".join(unknown)}}
        )


def _set_tags(intervention: Intervention, themes: list[str], settings_: list[str]) -> None:
    intervention.themes.all().delete()
    intervention.settings.all().delete()
    InterventionTheme.objects.bulk_create(
        InterventionTheme(intervention=intervention, theme=t) for t in dict.fromkeys(themes)
    )
    InterventionSetting.objects.bulk_create(
        InterventionSetting(intervention=intervention, setting=s) for s in dict.fromkeys(settings_)
    )


def _set_evidence(intervention: Intervention, evidence: list[dict[str, str]]) -> None:
    links = [EvidenceLink(intervention=intervention, **link) for link in evidence]
    for index, link in enumerate(links):
        try:
            link.full_clean(exclude=["intervention"])
        except ValidationError as error:
            raise ValidationError(
                {f"evidence[{index}].{f}": m for f, m in error.message_dict.items()}
            ) from error
    intervention.evidence_links.all().delete()
    EvidenceLink.objects.bulk_create(links)


def _owner_for(actor: Caller) -> Organisation | None:
    if actor.key is not None:
        return actor.key.organisation
    profile = ProfessionalProfile.objects.filter(user=actor.user).select_related("organisation")
    found = profile.first()
    return found.organisation if found else None


def intervention_create(
    *,
    actor: Caller,
    title: str,
    summary: str,
    themes: list[str],
    settings: list[str],
    recognition: str = "niet_beoordeeld",
    owner_organisation: Organisation | None = None,
    evidence: list[dict[str, str]] | None = None,
    cost_indication: Decimal | None = None,
    **texts: str,
) -> Intervention:
    _require(actor, Permission.EDIT_INTERVENTIONS)
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _validate_choices(themes, Theme, "themes")
    _validate_choices(settings, Setting, "settings")
    intervention = Intervention(
        title=title,
        summary=summary,
        recognition=recognition,
        owner_organisation=owner_organisation or _owner_for(actor),
        cost_indication=cost_indication,
        created_by=actor.user,
        **texts,
    )
    intervention.full_clean()
    if not themes:
        raise ValidationError({"themes": _("Choose at least one theme.")})
    with transaction.atomic():
        intervention.save()
        _set_tags(intervention, themes, settings)
        _set_evidence(intervention, evidence or [])
        search.index_interventions([intervention])
    return intervention


def intervention_update(
    *,
    actor: Caller,
    intervention: Intervention,
    themes: list[str] | None = None,
    settings: list[str] | None = None,
    evidence: list[dict[str, str]] | None = None,
    **changes: Any,
) -> Intervention:
    _require(actor, Permission.EDIT_INTERVENTIONS)
    allowed = {*TEXT_FIELDS, "recognition", "cost_indication", "owner_organisation"}
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for field, value in changes.items():
        setattr(intervention, field, value)
    if themes is not None:
        _validate_choices(themes, Theme, "themes")
        if not themes:
            raise ValidationError({"themes": _("Choose at least one theme.")})
    if settings is not None:
        _validate_choices(settings, Setting, "settings")
    intervention.updated_at = timezone.now()
    intervention.full_clean()
    with transaction.atomic():
        intervention.save()
        if themes is not None or settings is not None:
            _set_tags(
                intervention,
                themes if themes is not None else [t.theme for t in intervention.themes.all()],
                settings
                if settings is not None
                else [s.setting for s in intervention.settings.all()],
            )
        if evidence is not None:
            _set_evidence(intervention, evidence)
        search.index_interventions([intervention])
    return intervention


def intervention_endorse(
    *, actor: Caller, intervention: Intervention, organisation: Organisation
) -> Endorsement:
    """A health centre or GP practice selects the intervention ("geselecteerd door")."""
    _require(actor, Permission.ENDORSE_INTERVENTIONS)
    if organisation.type not in ENDORSING_TYPES:
        raise ValidationError(
            {"organisation": _("Only a health centre or GP practice can select an intervention.")}
        )
    # A professional selects on behalf of their own organisation, a system for its own.
    if not access.may_endorse_for(actor, organisation):
        raise ValidationError({"organisation": _("You do not work for this organisation.")})
    with transaction.atomic():
        endorsement, _created = Endorsement.objects.get_or_create(
            intervention=intervention,
            organisation_name=organisation.name,
            defaults={"organisation": organisation, "endorsed_by": actor.user},
        )
    return endorsement


def playbook_save(*, actor: Caller, intervention: Intervention, introduction: str) -> Playbook:
    _require(actor, Permission.EDIT_INTERVENTIONS)
    with transaction.atomic():
        playbook, _created = Playbook.objects.get_or_create(intervention=intervention)
        playbook.introduction = introduction
        playbook.updated_at = timezone.now()
        playbook.full_clean()
        playbook.save()
    return playbook


def playbook_of(*, actor: Caller, intervention: Intervention) -> Playbook:
    """The intervention's draaiboek, started (empty) when it has none yet: the first step,
    budget line or material added makes one."""
    _require(actor, Permission.EDIT_INTERVENTIONS)
    existing = Playbook.objects.filter(intervention=intervention).first()
    return existing or playbook_save(actor=actor, intervention=intervention, introduction="")


def _touch(playbook: Playbook) -> None:
    Playbook.objects.filter(pk=playbook.pk).update(updated_at=timezone.now())


def playbook_step_add(
    *,
    actor: Caller,
    playbook: Playbook,
    phase: str,
    title: str,
    duration_weeks: int,
    description: str = "",
    roles: str = "",
    position: int | None = None,
) -> PlaybookStep:
    """Add a step at `position` (1 = first), or at the end; later steps move down one."""
    _require(actor, Permission.EDIT_INTERVENTIONS)
    with transaction.atomic():
        count = playbook.steps.count()
        position = count + 1 if position is None else max(1, min(position, count + 1))
        step = PlaybookStep(
            playbook=playbook,
            position=position,
            phase=phase,
            title=title,
            description=description,
            duration_weeks=duration_weeks,
            roles=roles,
        )
        step.full_clean(validate_unique=False, validate_constraints=False)
        _renumber(playbook, insert_at=position)
        step.save()
        _touch(playbook)
    return step


def _renumber(playbook: Playbook, *, insert_at: int | None = None, skip: int | None = None) -> None:
    """Number the steps 1..n again (leaving a gap at `insert_at`), without clashing with the
    unique (playbook, position) constraint on the way: first move them out of range."""
    remaining = playbook.steps.order_by("position", "pk")
    if skip is not None:
        remaining = remaining.exclude(pk=skip)
    steps = list(remaining)
    offset = (playbook.steps.aggregate(m=Max("position"))["m"] or 0) + len(steps) + 1
    for step in steps:
        step.position += offset
    PlaybookStep.objects.bulk_update(steps, ["position"])
    number = 1
    for step in steps:
        if number == insert_at:
            number += 1
        step.position = number
        number += 1
    PlaybookStep.objects.bulk_update(steps, ["position"])


def playbook_step_move(*, actor: Caller, step: PlaybookStep, position: int) -> PlaybookStep:
    _require(actor, Permission.EDIT_INTERVENTIONS)
    with transaction.atomic():
        count = step.playbook.steps.count()
        position = max(1, min(position, count))
        step.position = 10_000_000
        step.save(update_fields=["position"])
        _renumber(step.playbook, insert_at=position, skip=step.pk)
        step.position = position
        step.save(update_fields=["position"])
        _touch(step.playbook)
    return step


def playbook_step_delete(*, actor: Caller, step: PlaybookStep) -> None:
    _require(actor, Permission.EDIT_INTERVENTIONS)
    with transaction.atomic():
        playbook = step.playbook
        step.delete()
        _renumber(playbook)
        _touch(playbook)


def budget_line_add(
    *, actor: Caller, playbook: Playbook, category: str, description: str, amount: Decimal
) -> BudgetLine:
    _require(actor, Permission.EDIT_INTERVENTIONS)
    line = BudgetLine(playbook=playbook, category=category, description=description, amount=amount)
    line.full_clean()
    with transaction.atomic():
        line.save()
        _touch(playbook)
    return line


def _check_material(upload: UploadedFile) -> str:
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in MATERIAL_EXTENSIONS:
        raise ValidationError(
            {
                "file": _("This type of file is not accepted (%(ext)s). Accepted: %(ok)s.")
                % {"ext": extension or "?", "ok": ", ".join(sorted(MATERIAL_EXTENSIONS))}
            }
        )
    size = upload.size or 0
    if size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    if size > max_material_bytes():
        raise ValidationError(
            {
                "file": _("The file is larger than %(mb)s MB.")
                % {"mb": max_material_bytes() // (1024 * 1024)}
            }
        )
    upload.seek(0)
    head = upload.read(uploads.HEAD_BYTES)
    upload.seek(0)
    expected = uploads.KIND_OF_EXTENSION[extension]
    found = uploads.kind_of(head, complete=size <= uploads.HEAD_BYTES)
    if expected == "text" and found not in ("text", "json"):
        raise ValidationError({"file": _("A text file must be UTF-8 text.")})
    if expected != "text" and found != expected:
        raise ValidationError(
            {
                "file": _("The content of the file does not match its name (.%(ext)s).")
                % {"ext": extension}
            }
        )
    return extension


def material_upload(
    *,
    actor: Caller,
    playbook: Playbook,
    title: str,
    upload: UploadedFile,
    step: PlaybookStep | None = None,
) -> Material:
    _require(actor, Permission.EDIT_INTERVENTIONS)
    _check_material(upload)
    if step is not None and step.playbook_id != playbook.pk:
        raise ValidationError({"step": _("This step belongs to another playbook.")})
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    material = Material(
        playbook=playbook,
        step=step,
        title=title,
        file=upload,
        size=upload.size or 0,
        sha256=digest.hexdigest(),
    )
    material.full_clean(exclude=["file"])
    with transaction.atomic():
        material.save()
        _touch(playbook)
    return material


def experience_report_create(
    *,
    actor: Caller,
    wijk_type: str,
    target_group: str,
    what_worked: str,
    rating: int,
    what_did_not: str = "",
    intervention: Intervention | None = None,
    cycle_step: Step | None = None,
) -> ExperienceReport:
    """A report on an intervention, on a step of the cycle, or on an intervention at a step."""
    _require(actor, Permission.REPORT_EXPERIENCES)
    if intervention is None and cycle_step is None:
        raise ValidationError(
            {"cycle_step": _("Say which intervention or cycle step the experience is about.")}
        )
    organisation = _owner_for(actor)
    report = ExperienceReport(
        intervention=intervention,
        cycle_step=cycle_step,
        author=actor.user,
        organisation_name=organisation.name if organisation else "",
        wijk_type=wijk_type,
        target_group=target_group,
        what_worked=what_worked,
        what_did_not=what_did_not,
        rating=rating,
    )
    report.full_clean()
    with transaction.atomic():
        report.save()
    return report
