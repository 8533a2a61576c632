"""Who may open the referral pages and call the referrals API.

A referral belongs to its resident, referrer and coach; for every caller of the matrix (none
of whom is one of those) it does not exist. Referring and receiving also need a profession,
which the matrix's professional lacks: the pages refuse them like anyone else. A practice's
system (a key with referrals:exchange) reads the referrals made at its own practice: the
matrix's key is of another organisation, so for it they do not exist either.
"""

from typing import Any

from django.urls import reverse

from gezondewijk.permissions.roles import Role
from tests.access import (
    ANONYMOUS,
    KEY_ALL_SCOPES,
    KEY_NO_SCOPES,
    KEY_OTHER_ORGANISATION,
    KEY_OWN,
    REDIRECT_TO_LOGIN,
    RESIDENT_OTHER,
    RESIDENT_SELF,
    Endpoint,
    Expect,
    ObjectCheck,
    Page,
    only,
    own_organisation,
)
from tests.conftest import World
from tests.referrals.factories import gp, referral

STAFF = [
    Role.COORDINATOR.value,
    Role.PROFESSIONAL.value,
    Role.FUNDER.value,
    Role.RESEARCHER.value,
    Role.REGION_ADMIN.value,
]
RESIDENT = [Role.RESIDENT.value]
NOT_FOUND = Expect(404, ((ANONYMOUS, REDIRECT_TO_LOGIN),))


def _someone_elses(name: str) -> Any:
    return lambda world: reverse(name, args=[referral(world).pk])


def _someone_elses_follow_up(world: World) -> str:
    from gezondewijk.referrals.models import FollowUp

    follow = FollowUp.objects.create(referral=referral(world), due_on="2030-01-01")
    return reverse("referrals:follow_up_done", args=[follow.pk])


def _post_elsewhere(name: str, body: dict[str, Any]) -> Page:
    return Page(NOT_FOUND, method="POST", url=_someone_elses(name), body=lambda w: body)


PAGES = {
    "referrals:home": Page(only(RESIDENT, 200, 403, REDIRECT_TO_LOGIN)),
    "referrals:refer": Page(Expect(403, ((ANONYMOUS, REDIRECT_TO_LOGIN),))),
    "referrals:figures": Page(only(STAFF, 200, 403, REDIRECT_TO_LOGIN)),
    "referrals:detail": Page(NOT_FOUND, url=_someone_elses("referrals:detail")),
    "referrals:answer": _post_elsewhere("referrals:answer", {"answer": "geaccepteerd"}),
    "referrals:choose": _post_elsewhere("referrals:choose", {"initiative": 1}),
    "referrals:advance": _post_elsewhere("referrals:advance", {"status": "intake"}),
    "referrals:took_part": _post_elsewhere("referrals:took_part", {"on": "2026-01-01"}),
    "referrals:follow_up": _post_elsewhere("referrals:follow_up", {"due_on": "2030-01-01"}),
    "referrals:follow_up_done": Page(NOT_FOUND, method="POST", url=_someone_elses_follow_up),
}


def _by_people(allowed: list[str], ok: int, others: int) -> Expect:
    """Things only a person does: keys are refused whatever their scopes."""
    return Expect(
        others,
        (
            (ANONYMOUS, 401),
            (KEY_ALL_SCOPES, 403),
            (KEY_NO_SCOPES, 403),
            *((r, ok) for r in allowed),
        ),
    )


def _api(path: str) -> Any:
    return lambda world: path.format(id=referral(world).pk)


ELSEWHERE = _by_people([], 0, 404)
# Reads a practice's system may make, of its own practice's referrals only.
READ_ELSEWHERE = Expect(404, ((ANONYMOUS, 401), (KEY_NO_SCOPES, 403)))
A_SERVICE_REQUEST = {"resourceType": "ServiceRequest", "status": "active", "intent": "order"}


ENDPOINTS = {
    ("GET", "/api/v1/referrals"): Endpoint(_by_people(RESIDENT, 200, 403)),
    # Referring needs a profession the matrix's professional lacks.
    ("POST", "/api/v1/referrals"): Endpoint(
        _by_people([], 0, 403),
        body=lambda w: {"code": "ABCDEFGH", "reason": "bewegen", "resident_consented": True},
    ),
    ("GET", "/api/v1/referrals/figures"): Endpoint(
        Expect(403, ((ANONYMOUS, 401), (KEY_ALL_SCOPES, 200), *((r, 200) for r in STAFF)))
    ),
    # The key refers for its own professionals; this request names none (and no resident).
    ("POST", "/api/v1/referrals/fhir/ServiceRequest"): Endpoint(
        Expect(403, ((ANONYMOUS, 401), (KEY_ALL_SCOPES, 422))), body=lambda w: A_SERVICE_REQUEST
    ),
    ("POST", "/api/v1/referrals/fhir/Task"): Endpoint(
        ELSEWHERE,
        body=lambda w: {
            "resourceType": "Task",
            "status": "accepted",
            "intent": "order",
            "basedOn": [{"reference": f"ServiceRequest/verwijzing-{referral(w).pk}"}],
        },
    ),
    ("GET", "/api/v1/referrals/{referral_id}"): Endpoint(
        READ_ELSEWHERE, url=_api("/api/v1/referrals/{id}")
    ),
    ("GET", "/api/v1/referrals/{referral_id}/proposals"): Endpoint(
        ELSEWHERE, url=_api("/api/v1/referrals/{id}/proposals")
    ),
    ("POST", "/api/v1/referrals/{referral_id}/answer"): Endpoint(
        ELSEWHERE, url=_api("/api/v1/referrals/{id}/answer"), body=lambda w: {"answer": "afgewezen"}
    ),
    ("POST", "/api/v1/referrals/{referral_id}/status"): Endpoint(
        ELSEWHERE, url=_api("/api/v1/referrals/{id}/status"), body=lambda w: {"status": "intake"}
    ),
    ("GET", "/api/v1/referrals/{referral_id}/fhir/ServiceRequest"): Endpoint(
        READ_ELSEWHERE, url=_api("/api/v1/referrals/{id}/fhir/ServiceRequest")
    ),
    ("GET", "/api/v1/referrals/{referral_id}/fhir/Task"): Endpoint(
        READ_ELSEWHERE, url=_api("/api/v1/referrals/{id}/fhir/Task")
    ),
}


def _own_referral(path: str) -> Any:
    return lambda world: path.format(id=referral(world).pk)


def _of_own_practice(path: str) -> Any:
    """A referral made by a GP of the organisation whose system calls as KEY_OWN."""
    return lambda world: path.format(
        id=referral(world, referrer=gp(world, organisation=own_organisation(world))).pk
    )


# A referral is read by its own resident (and referrer and coach), by no other resident; by
# the system of the practice where it was made, by no other practice's system.
OBJECTS = {
    "resident opens another resident's referral": ObjectCheck(
        RESIDENT_SELF, RESIDENT_OTHER, 200, 404, url=_someone_elses("referrals:detail")
    ),
    "resident reads another resident's referral": ObjectCheck(
        RESIDENT_SELF, RESIDENT_OTHER, 200, 404, url=_own_referral("/api/v1/referrals/{id}")
    ),
    "resident answers another resident's referral": ObjectCheck(
        RESIDENT_SELF,
        RESIDENT_OTHER,
        200,
        404,
        method="POST",
        url=_own_referral("/api/v1/referrals/{id}/answer"),
        body=lambda w: {"answer": "afgewezen"},
    ),
    **{
        f"another practice's system reads a referral ({what})": ObjectCheck(
            KEY_OWN, KEY_OTHER_ORGANISATION, 200, 404, url=_of_own_practice(path)
        )
        for what, path in (
            ("detail", "/api/v1/referrals/{id}"),
            ("ServiceRequest", "/api/v1/referrals/{id}/fhir/ServiceRequest"),
            ("Task", "/api/v1/referrals/{id}/fhir/Task"),
        )
    },
}
SHARED_BY_DESIGN = ""
