"""Who may open the fund's pages and call its API. The transparency page and its CSV are
public; grants follow the initiative (lead) and the committee; the books are the region
administrator's; policy scenarios and outcome contracts are staff's working material."""

from decimal import Decimal

from django.urls import reverse

from gezondewijk.finance.models import Application, OutcomeContract, OutcomePeriod, Transaction
from gezondewijk.indicators.models import Indicator
from gezondewijk.permissions.roles import Role
from tests import factories
from tests.access import (
    ANONYMOUS,
    COORDINATOR_ELSEWHERE,
    COORDINATOR_HERE,
    KEY_ALL_SCOPES,
    KEY_NO_SCOPES,
    LOGGED_IN_PAGE,
    REDIRECT_TO_LOGIN,
    RESIDENT_OTHER,
    RESIDENT_SELF,
    Endpoint,
    Expect,
    ObjectCheck,
    Page,
    only,
)
from tests.conftest import World
from tests.finance.factories import apply, approved, fund_for
from tests.initiatives.factories import InitiativeFactory

STAFF = [
    r.value
    for r in (Role.COORDINATOR, Role.PROFESSIONAL, Role.FUNDER, Role.RESEARCHER, Role.REGION_ADMIN)
]
ADMIN = [Role.REGION_ADMIN.value]
# Coordinators and the region administrator manage initiatives in their scope, so they may
# account for spending and close a grant on the initiative's behalf.
MANAGERS = [Role.COORDINATOR.value, Role.REGION_ADMIN.value]
MODELLERS = [Role.FUNDER.value, Role.REGION_ADMIN.value]
# The initiative's lead in these entries is nobody's role: a resident or initiative lead sees
# an application of someone else's initiative as not existing (404); staff see it.
NOT_THEIRS = Expect(
    200,
    (
        (ANONYMOUS, REDIRECT_TO_LOGIN),
        (Role.RESIDENT.value, 404),
        (Role.INITIATIVE_LEAD.value, 404),
    ),
)


def _submitted(world: World) -> Application:
    return apply(fund_for(world.wijk))


def _approved(world: World) -> Application:
    return approved(fund_for(world.wijk))


def _contribution(world: World) -> Transaction:
    fund_for(world.wijk)
    return Transaction.objects.get()


def _period(world: World) -> OutcomePeriod:
    contract = OutcomeContract.objects.create(
        region=world.region,
        name="Samen minder eenzaam",
        investor=factories.OrganisationFactory(gemeente=world.gemeente),
        indicator=Indicator.objects.get(code="ggd-lonely"),
        area_code=world.wijk.code,
        baseline=48.0,
        principal=Decimal("1000.00"),
        cap_total=Decimal("1000.00"),
    )
    return OutcomePeriod.objects.create(
        contract=contract, period=2025, target=46.0, max_payment=Decimal("500.00")
    )


def _posted(ok: int, allowed: list[str]) -> Expect:
    """A POST on an application: others' applications do not exist for residents and leads;
    staff who lack the right are refused."""
    return Expect(
        403,
        (
            (ANONYMOUS, REDIRECT_TO_LOGIN),
            (Role.RESIDENT.value, 404),
            (Role.INITIATIVE_LEAD.value, 404),
            *((r, ok) for r in allowed),
        ),
    )


PAGES = {
    "finance:transparency": Page(Expect(200)),
    "finance:transparency_csv": Page(Expect(200)),
    "finance:application_list": Page(LOGGED_IN_PAGE),
    # Only the lead (or a coordinator of its wijk) may apply for an initiative.
    "finance:application_new": Page(
        only(MANAGERS, 200, 403, REDIRECT_TO_LOGIN),
        url=lambda w: reverse("finance:application_new", args=[fund_for(w.wijk).initiative.pk]),
    ),
    "finance:application_detail": Page(
        NOT_THEIRS, url=lambda w: reverse("finance:application_detail", args=[_submitted(w).pk])
    ),
    # Nobody in the matrix sits on the committee.
    "finance:application_review": Page(
        _posted(403, []),
        method="POST",
        url=lambda w: reverse("finance:application_review", args=[_submitted(w).pk]),
        body=lambda w: {"decision": "approve"},
    ),
    "finance:tranche_pay": Page(
        _posted(302, ADMIN),
        method="POST",
        url=lambda w: reverse("finance:tranche_pay", args=[_approved(w).pk]),
        body=lambda w: {"amount": "100.00"},
    ),
    # Without a receipt the form is refused with the reason (400).
    "finance:spending_record": Page(
        _posted(400, MANAGERS),
        method="POST",
        url=lambda w: reverse("finance:spending_record", args=[_approved(w).pk]),
        body=lambda w: {"amount": "10.00", "description": "Koffie"},
    ),
    "finance:application_close": Page(
        _posted(302, MANAGERS),
        method="POST",
        url=lambda w: reverse("finance:application_close", args=[_approved(w).pk]),
    ),
    "finance:policy_list": Page(only(STAFF, 200, 403, REDIRECT_TO_LOGIN)),
    "finance:contract_list": Page(only(STAFF, 200, 403, REDIRECT_TO_LOGIN)),
    "finance:settle": Page(
        only(ADMIN, 302, 403, REDIRECT_TO_LOGIN),
        method="POST",
        url=lambda w: reverse("finance:settle", args=[_period(w).pk]),
    ),
}

API_STAFF = Expect(403, ((ANONYMOUS, 401), (KEY_ALL_SCOPES, 200), *((r, 200) for r in STAFF)))
# Personal work (applications, decisions, tranches) is done by a person, not a system.
PERSON_ONLY = {ANONYMOUS: 401, KEY_ALL_SCOPES: 403, KEY_NO_SCOPES: 403}

F = "/api/v1/finance"
ENDPOINTS = {
    ("GET", f"{F}/fund"): Endpoint(Expect(200, ((ANONYMOUS, 401), (KEY_NO_SCOPES, 403)))),
    ("GET", f"{F}/applications"): Endpoint(Expect(200, tuple(PERSON_ONLY.items()))),
    ("POST", f"{F}/applications/{{application_id}}/review"): Endpoint(
        Expect(
            403,
            (
                (ANONYMOUS, 401),
                (Role.RESIDENT.value, 404),
                (Role.INITIATIVE_LEAD.value, 404),
            ),
        ),
        url=lambda w: f"{F}/applications/{_submitted(w).pk}/review",
        body=lambda w: {"decision": "approve"},
    ),
    ("POST", f"{F}/applications/{{application_id}}/tranches"): Endpoint(
        Expect(
            403,
            (
                (ANONYMOUS, 401),
                (Role.RESIDENT.value, 404),
                (Role.INITIATIVE_LEAD.value, 404),
                (Role.REGION_ADMIN.value, 201),
            ),
        ),
        url=lambda w: f"{F}/applications/{_approved(w).pk}/tranches",
        body=lambda w: {"amount": "100.00"},
    ),
    ("POST", f"{F}/contributions"): Endpoint(
        Expect(403, ((ANONYMOUS, 401), (Role.REGION_ADMIN.value, 201))),
        body=lambda w: {
            "region": w.region.slug,
            "funder": factories.OrganisationFactory(gemeente=w.gemeente).pk,
            "amount": "250.00",
        },
    ),
    ("POST", f"{F}/transactions/{{transaction_id}}/reverse"): Endpoint(
        Expect(403, ((ANONYMOUS, 401), (Role.REGION_ADMIN.value, 201))),
        url=lambda w: f"{F}/transactions/{_contribution(w).pk}/reverse",
        body=lambda w: {"reason": "dubbel geboekt"},
    ),
    ("GET", f"{F}/policy-scenarios"): Endpoint(API_STAFF),
    ("GET", f"{F}/outcome-contracts"): Endpoint(API_STAFF),
}


def _application_form(world: World) -> str:
    initiative = InitiativeFactory(lead=world.resident, wijken=[world.wijk])
    return reverse("finance:application_new", args=[initiative.pk])


# Money is asked for an initiative by its lead, or by the coordinator of its wijk.
OBJECTS = {
    "resident asks money for another resident's initiative": ObjectCheck(
        RESIDENT_SELF, RESIDENT_OTHER, 200, 403, url=_application_form
    ),
    "coordinator asks money for an initiative of another wijk": ObjectCheck(
        COORDINATOR_HERE, COORDINATOR_ELSEWHERE, 200, 403, url=_application_form
    ),
}
SHARED_BY_DESIGN = ""
