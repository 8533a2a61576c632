"""The finance app's part of export and erase.

Applications, transactions and receipts are the fund's books: they stay (a fund must account
for its money), but lose the link to the person; committee membership is the person's own.
"""

from typing import Any

from gezondewijk.finance.models import (
    Application,
    CommitteeMember,
    Receipt,
    Review,
    Settlement,
    Transaction,
)
from gezondewijk.privacy import registry


def _export(user: Any) -> dict[str, Any]:
    return {
        "fund_committees": list(
            CommitteeMember.objects.filter(user=user).values_list("region__name", flat=True)
        ),
        "grant_applications": [
            {"initiative": a.initiative.name, "amount": str(a.amount), "status": a.status}
            for a in Application.objects.filter(applicant=user).select_related("initiative")
        ],
        "reviews": [
            {"application": r.application_id, "decision": r.decision, "reasons": r.reasons}
            for r in Review.objects.filter(reviewer=user)
        ],
        "receipts_uploaded": list(
            Receipt.objects.filter(uploaded_by=user).values_list("file", flat=True)
        ),
    }


def _erase(user: Any) -> None:
    CommitteeMember.objects.filter(user=user).delete()
    Application.objects.filter(applicant=user).update(applicant=None)
    Review.objects.filter(reviewer=user).update(reviewer=None)
    Receipt.objects.filter(uploaded_by=user).update(uploaded_by=None)
    Transaction.objects.filter(created_by=user).update(created_by=None)
    Settlement.objects.filter(computed_by=user).update(computed_by=None)


# Registered with privacy's PERSONAL_DATA hook in this app's hooks.py.
PROVIDER = registry.PersonalDataProvider(
    name="finance",
    export=_export,
    erase=_erase,
    models=(Application, CommitteeMember, Receipt, Review, Settlement, Transaction),
)
