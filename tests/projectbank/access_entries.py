"""Who may open the project bank's pages and call its API.

Everyone logged in reads; professionals, coordinators and region administrators write;
initiative leads may also share experiences; staff export, coordinators import.
"""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gezondewijk.permissions.roles import Role
from gezondewijk.projectbank.models import Intervention, Material
from tests.access import (
    ANONYMOUS,
    API_READ,
    KEY_ALL_SCOPES,
    LOGGED_IN_PAGE,
    REDIRECT_TO_LOGIN,
    Endpoint,
    Expect,
    ObjectCheck,
    Page,
    only,
)
from tests.conftest import World
from tests.projectbank.factories import StepFactory, health_centre

WRITERS = [Role.PROFESSIONAL.value, Role.COORDINATOR.value, Role.REGION_ADMIN.value]
REPORTERS = [*WRITERS, Role.INITIATIVE_LEAD.value]
STAFF = [*WRITERS, Role.FUNDER.value, Role.RESEARCHER.value]
IMPORTERS = [Role.COORDINATOR.value, Role.REGION_ADMIN.value]


def _with_playbook(world: World) -> Intervention:
    return StepFactory().playbook.intervention


def _page(name: str) -> Any:
    return lambda world: reverse(name, args=[_with_playbook(world).uid])


def _step_page(name: str) -> Any:
    def url(world: World) -> str:
        step = StepFactory()
        return reverse(f"projectbank:{name}", args=[step.playbook.intervention.uid, step.pk])

    return url


def _material_url(world: World) -> str:
    playbook = StepFactory().playbook
    material = Material.objects.create(
        playbook=playbook,
        title="Flyer",
        file=SimpleUploadedFile("flyer.txt", b"Kom ook!"),
        size=8,
        sha256="0" * 64,
    )
    return reverse("projectbank:material_download", args=[material.pk])


def _posted(ok: int, allowed: list[str]) -> Expect:
    """A form post: `ok` for allowed roles, the log-in redirect for a visitor, 403 otherwise."""
    return only(allowed, ok, 403, REDIRECT_TO_LOGIN)


def _api(ok: int, allowed: list[str], *, key: int | None = None) -> Expect:
    return Expect(
        403,
        (
            (ANONYMOUS, 401),
            (KEY_ALL_SCOPES, ok if key is None else key),
            *((r, ok) for r in allowed),
        ),
    )


def _base(world: World) -> str:
    return f"/api/v1/projectbank/interventions/{_with_playbook(world).uid}"


def _new_intervention(world: World) -> dict[str, Any]:
    return {
        "title": "Gezonde kantine",
        "summary": "Gezond eten op de sportclub.",
        "themes": ["voeding"],
    }


def _export_document(world: World) -> dict[str, Any]:
    return {
        "format": "gezondewijk-projectbank",
        "version": 1,
        "exported_at": "2026-01-01T00:00:00Z",
        "bank": {"bank": "Projectenbank Noord", "hogeschool": "Hanzehogeschool"},
        "interventions": [],
    }


PAGES = {
    "projectbank:intervention_list": Page(LOGGED_IN_PAGE),
    "projectbank:intervention_create": Page(only(WRITERS, 200, 403, REDIRECT_TO_LOGIN)),
    "projectbank:exchange": Page(only(STAFF, 200, 403, REDIRECT_TO_LOGIN)),
    "projectbank:exchange_export": Page(only(STAFF, 200, 403, REDIRECT_TO_LOGIN)),
    "projectbank:material_download": Page(LOGGED_IN_PAGE, url=_material_url),
    "projectbank:intervention_detail": Page(
        LOGGED_IN_PAGE, url=_page("projectbank:intervention_detail")
    ),
    "projectbank:intervention_edit": Page(
        only(WRITERS, 200, 403, REDIRECT_TO_LOGIN), url=_page("projectbank:intervention_edit")
    ),
    "projectbank:intervention_endorse": Page(
        _posted(302, WRITERS),
        method="POST",
        url=_page("projectbank:intervention_endorse"),
        body=lambda w: {"organisation": health_centre(gemeente=w.gemeente).pk},
    ),
    "projectbank:experience_create": Page(
        only(REPORTERS, 200, 403, REDIRECT_TO_LOGIN), url=_page("projectbank:experience_create")
    ),
    "projectbank:playbook_detail": Page(LOGGED_IN_PAGE, url=_page("projectbank:playbook_detail")),
    "projectbank:step_add": Page(
        _posted(302, WRITERS),
        method="POST",
        url=_page("projectbank:step_add"),
        body=lambda w: {"phase": "start", "title": "Aftrap", "duration_weeks": "1"},
    ),
    "projectbank:step_move": Page(
        _posted(302, WRITERS),
        method="POST",
        url=_step_page("step_move"),
        body=lambda w: {"position": "1"},
    ),
    "projectbank:step_delete": Page(
        _posted(302, WRITERS), method="POST", url=_step_page("step_delete")
    ),
    "projectbank:budget_add": Page(
        _posted(302, WRITERS),
        method="POST",
        url=_page("projectbank:budget_add"),
        body=lambda w: {"category": "materiaal", "description": "Koffie", "amount": "25.00"},
    ),
    "projectbank:material_add": Page(
        _posted(302, WRITERS),
        method="POST",
        url=_page("projectbank:material_add"),
        body=lambda w: {"title": "Poster", "file": SimpleUploadedFile("poster.txt", b"Doe mee")},
    ),
    "projectbank:playbook_pdf": Page(LOGGED_IN_PAGE, url=_page("projectbank:playbook_pdf")),
    "projectbank:playbook_json": Page(LOGGED_IN_PAGE, url=_page("projectbank:playbook_json")),
    "projectbank:playbook_zip": Page(LOGGED_IN_PAGE, url=_page("projectbank:playbook_zip")),
    "projectbank:cycle_experiences": Page(LOGGED_IN_PAGE),
    "projectbank:step_experiences": Page(
        LOGGED_IN_PAGE, url=lambda w: reverse("projectbank:step_experiences", args=["kiezen"])
    ),
}

P = "/api/v1/projectbank"
ENDPOINTS = {
    ("GET", f"{P}/interventions"): Endpoint(API_READ),
    ("GET", f"{P}/facets"): Endpoint(API_READ),
    ("POST", f"{P}/interventions"): Endpoint(_api(201, WRITERS), body=_new_intervention),
    ("GET", f"{P}/interventions/{{uid}}"): Endpoint(API_READ, url=_base),
    ("PATCH", f"{P}/interventions/{{uid}}"): Endpoint(
        _api(200, WRITERS), url=_base, body=lambda w: {"target_group": "ouderen"}
    ),
    # A professional selects only for their own health centre (this one has no profile there);
    # a system only for its own organisation.
    ("POST", f"{P}/interventions/{{uid}}/endorsements"): Endpoint(
        Expect(
            403,
            (
                (ANONYMOUS, 401),
                (KEY_ALL_SCOPES, 422),
                (Role.PROFESSIONAL.value, 422),
                *((r, 201) for r in IMPORTERS),
            ),
        ),
        url=lambda w: f"{_base(w)}/endorsements",
        body=lambda w: {"organisation": health_centre(gemeente=w.gemeente).pk},
    ),
    ("GET", f"{P}/interventions/{{uid}}/playbook"): Endpoint(
        API_READ, url=lambda w: f"{_base(w)}/playbook"
    ),
    ("PUT", f"{P}/interventions/{{uid}}/playbook"): Endpoint(
        _api(200, WRITERS),
        url=lambda w: f"{_base(w)}/playbook",
        body=lambda w: {"introduction": "Begin klein."},
    ),
    ("POST", f"{P}/interventions/{{uid}}/playbook/steps"): Endpoint(
        _api(201, WRITERS),
        url=lambda w: f"{_base(w)}/playbook/steps",
        body=lambda w: {"phase": "start", "title": "Aftrap", "duration_weeks": 1},
    ),
    ("POST", f"{P}/interventions/{{uid}}/playbook/budget-lines"): Endpoint(
        _api(201, WRITERS),
        url=lambda w: f"{_base(w)}/playbook/budget-lines",
        body=lambda w: {"category": "locatie", "description": "Zaalhuur", "amount": "80.00"},
    ),
    ("GET", f"{P}/interventions/{{uid}}/experiences"): Endpoint(
        API_READ, url=lambda w: f"{_base(w)}/experiences"
    ),
    ("POST", f"{P}/interventions/{{uid}}/experiences"): Endpoint(
        _api(201, REPORTERS),
        url=lambda w: f"{_base(w)}/experiences",
        body=lambda w: {
            "wijk_type": "dorps",
            "target_group": "jonge ouders",
            "what_worked": "Samen met het consultatiebureau.",
            "rating": 4,
        },
    ),
    ("GET", f"{P}/cycle-steps/{{key}}/experiences"): Endpoint(
        API_READ, url=lambda w: f"{P}/cycle-steps/kiezen/experiences"
    ),
    ("GET", f"{P}/export"): Endpoint(_api(200, STAFF)),
    ("POST", f"{P}/import"): Endpoint(_api(200, IMPORTERS), body=_export_document),
}

OBJECTS: dict[str, ObjectCheck] = {}
SHARED_BY_DESIGN = (
    "The project bank is the shared knowledge of the region: every intervention and draaiboek "
    "is read and kept by every writer (see the policy module)."
)
