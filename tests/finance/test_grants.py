"""Applying, reviewing, paying in tranches, accounting with receipts, returning what is left."""

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gezondewijk.finance import ledger, services
from gezondewijk.finance.models import ApplicationStatus, CommitteeMember, Receipt, Review
from gezondewijk.initiatives.models import MemberRole, Membership
from gezondewijk.people.access import may_review
from gezondewijk.permissions.roles import Role
from tests import factories
from tests.finance.factories import PDF, apply, approved, fund_for, receipt
from tests.initiatives.factories import theme

pytestmark = pytest.mark.django_db


def test_budget_lines_must_add_up_to_the_amount(world: Any) -> None:
    fund = fund_for(world.wijk)
    with pytest.raises(ValidationError, match=r"add up to € 900\.00, not to € 1000\.00"):
        services.application_submit(
            actor=fund.lead,
            initiative=fund.initiative,
            wijk=world.wijk,
            theme=theme(),
            amount=Decimal("1000.00"),
            expected_result="Meer beweging.",
            budget_lines=[("Zaal", Decimal("900.00"))],
        )


def test_an_application_names_a_wijk_and_theme_of_the_initiative(world: Any) -> None:
    fund = fund_for(world.wijk)
    with pytest.raises(ValidationError) as error:
        services.application_submit(
            actor=fund.lead,
            initiative=fund.initiative,
            wijk=world.other_wijk,
            theme=theme("voeding"),
            amount=Decimal("10.00"),
            expected_result="x",
            budget_lines=[("Zaal", Decimal("10.00"))],
        )
    assert set(error.value.message_dict) == {"wijk", "theme"}


def test_someone_outside_the_initiative_cannot_apply(world: Any) -> None:
    fund = fund_for(world.wijk)
    with pytest.raises(PermissionDenied):
        services.application_submit(
            actor=world.resident,
            initiative=fund.initiative,
            wijk=world.wijk,
            theme=theme(),
            amount=Decimal("10.00"),
            expected_result="x",
            budget_lines=[("Zaal", Decimal("10"))],
        )


@pytest.mark.parametrize("part", ["lead", "member"])
def test_nobody_decides_on_an_application_they_are_part_of(world: Any, part: str) -> None:
    fund = fund_for(world.wijk)
    application = apply(fund)
    insider = fund.lead
    if part == "member":
        insider = factories.user_with_role(Role.FUNDER, world.region)
        Membership.objects.create(
            initiative=fund.initiative, user=insider, role=MemberRole.VRIJWILLIGER
        )
    CommitteeMember.objects.get_or_create(region=world.region, user=insider)
    insider.is_superuser = True  # not even a superuser
    assert not may_review(insider, application)
    with pytest.raises(services.ConflictOfInterest, match="you may not decide"):
        services.application_review(actor=insider, application=application, decision="approve")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert not Review.objects.exists()


def test_only_committee_members_decide(world: Any) -> None:
    fund = fund_for(world.wijk)
    application = apply(fund)
    with pytest.raises(PermissionDenied, match="Only members of the fund committee"):
        services.application_review(
            actor=world.coordinator, application=application, decision="approve"
        )


def test_rejecting_or_asking_for_changes_needs_reasons_and_changes_come_back(world: Any) -> None:
    fund = fund_for(world.wijk)
    application = apply(fund)
    with pytest.raises(ValidationError, match="reasons"):
        services.application_review(actor=fund.reviewer, application=application, decision="reject")
    services.application_review(
        actor=fund.reviewer,
        application=application,
        decision="changes",
        reasons="Graag een lager bedrag voor koffie.",
    )
    revised = services.application_revise(
        actor=fund.lead,
        application=application,
        amount=Decimal("800.00"),
        expected_result="",
        budget_lines=[("Hesjes", Decimal("800.00"))],
    )
    assert revised.status == ApplicationStatus.SUBMITTED
    assert revised.amount == Decimal("800.00")
    with pytest.raises(ValidationError, match="cannot approve more than was asked"):
        services.application_review(
            actor=fund.reviewer,
            application=revised,
            decision="approve",
            approved_amount=Decimal("800.01"),
        )
    decided = services.application_review(
        actor=fund.reviewer,
        application=revised,
        decision="approve",
        approved_amount=Decimal("750.00"),
    )
    assert decided.approved_amount == Decimal("750.00")
    with pytest.raises(ValidationError, match="not waiting"):
        services.application_review(
            actor=fund.reviewer, application=decided, decision="reject", reasons="te laat"
        )


def test_a_grant_is_paid_spent_with_receipts_and_the_rest_returns(world: Any) -> None:
    fund = fund_for(world.wijk, contributed=Decimal("5000.00"))
    application = approved(fund, Decimal("1000.00"))
    services.tranche_pay(actor=fund.treasurer, application=application, amount=Decimal("600.00"))
    services.spending_record(
        actor=fund.lead,
        application=application,
        amount=Decimal("250.50"),
        description="Hesjes",
        receipt=receipt(),
    )
    with pytest.raises(ValidationError, match="more than the initiative still holds"):
        services.spending_record(
            actor=fund.lead,
            application=application,
            amount=Decimal("349.51"),
            description="Koffie",
            receipt=receipt(),
        )
    assert Receipt.objects.count() == 1
    services.application_close(actor=fund.lead, application=application)
    money = ledger.grant_money(application)
    assert (money.paid, money.spent, money.returned, money.held) == (
        Decimal("600.00"),
        Decimal("250.50"),
        Decimal("349.50"),
        Decimal("0.00"),
    )
    assert ledger.balance(ledger.fund_account(world.region)) == Decimal("4749.50")
    with pytest.raises(ValidationError):
        services.tranche_pay(actor=fund.treasurer, application=application, amount=Decimal("1"))


def test_the_fund_cannot_pay_money_it_does_not_hold(world: Any) -> None:
    fund = fund_for(world.wijk, contributed=Decimal("100.00"))
    application = approved(fund, Decimal("1000.00"))
    with pytest.raises(ValidationError, match="does not hold enough"):
        services.tranche_pay(
            actor=fund.treasurer, application=application, amount=Decimal("100.01")
        )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bon.exe", b"MZ\x90\x00", "is not a PDF, PNG or JPEG"),
        ("bon.pdf", b"MZ\x90\x00 not a pdf", "does not contain a PDF file"),
        ("bon.png", PDF, "does not contain a PNG file"),
    ],
)
def test_a_receipt_must_be_a_real_pdf_or_image(
    world: Any, name: str, content: bytes, message: str
) -> None:
    fund = fund_for(world.wijk)
    application = approved(fund)
    services.tranche_pay(actor=fund.treasurer, application=application, amount=Decimal("100.00"))
    with pytest.raises(ValidationError, match=message):
        services.spending_record(
            actor=fund.lead,
            application=application,
            amount=Decimal("10.00"),
            description="Koffie",
            receipt=receipt(name, content),
        )
    assert ledger.grant_money(application).spent == 0


def test_a_receipt_larger_than_the_limit_is_refused(world: Any, settings: Any) -> None:
    settings.GEZONDEWIJK_RECEIPT_MAX_BYTES = 1024 * 1024
    fund = fund_for(world.wijk)
    application = approved(fund)
    services.tranche_pay(actor=fund.treasurer, application=application, amount=Decimal("100.00"))
    big = receipt("bon.pdf", PDF + b"0" * (1024 * 1024))
    with pytest.raises(ValidationError, match="larger than 1 MB"):
        services.spending_record(
            actor=fund.lead,
            application=application,
            amount=Decimal("10.00"),
            description="Koffie",
            receipt=big,
        )


def test_only_the_fund_keeps_the_books(world: Any) -> None:
    fund = fund_for(world.wijk)
    application = approved(fund)
    with pytest.raises(PermissionDenied):
        services.tranche_pay(actor=fund.lead, application=application, amount=Decimal("10"))
    with pytest.raises(PermissionDenied):
        services.contribution_record(
            actor=fund.reviewer, region=world.region, funder=fund.funder, amount=Decimal("10")
        )
