"""Test data for the fund: a region with money in its fund, an initiative with an approved
grant, and the people around it."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from gezondewijk.finance import services
from gezondewijk.finance.models import Application, CommitteeMember
from gezondewijk.initiatives.models import Initiative
from gezondewijk.people.models import Organisation, OrganisationType, User
from gezondewijk.permissions.roles import Role
from gezondewijk.places.models import Wijk
from tests import factories
from tests.initiatives.factories import InitiativeFactory, theme

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n"


def receipt(name: str = "bon.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@dataclass
class Fund:
    treasurer: User  # region administrator: keeps the books
    reviewer: User  # committee member, not part of the initiative
    lead: User
    funder: Organisation
    initiative: Initiative
    wijk: Wijk


def fund_for(wijk: Wijk, *, contributed: Decimal = Decimal("10000.00")) -> Fund:
    region = wijk.gemeente.region
    treasurer = factories.user_with_role(Role.REGION_ADMIN, region)
    reviewer = factories.user_with_role(Role.FUNDER, region)
    CommitteeMember.objects.create(region=region, user=reviewer)
    funder = factories.OrganisationFactory(
        gemeente=wijk.gemeente, type=OrganisationType.ZORGVERZEKERAAR, name="Zorgverzekeraar Z"
    )
    if contributed:
        services.contribution_record(
            actor=treasurer,
            region=region,
            funder=funder,
            amount=contributed,
            booked_on=date(2026, 1, 15),
        )
    initiative = InitiativeFactory(wijken=[wijk])
    return Fund(treasurer, reviewer, initiative.lead, funder, initiative, wijk)


def apply(fund: Fund, amount: Decimal = Decimal("1000.00")) -> Application:
    half = (amount / 2).quantize(Decimal("0.01"))
    lines = [("Hesjes", half), ("Koffie", amount - half)] if half else [("Koffie", amount)]
    return services.application_submit(
        actor=fund.lead,
        initiative=fund.initiative,
        wijk=fund.wijk,
        theme=theme(),
        amount=amount,
        expected_result="Twintig bewoners wandelen wekelijks.",
        budget_lines=lines,
    )


def approved(fund: Fund, amount: Decimal = Decimal("1000.00")) -> Application:
    return services.application_review(
        actor=fund.reviewer, application=apply(fund, amount), decision="approve"
    )
