"""What one viewer is told of a referral: its resident and coach everything, its referrer only
what the resident lets them hear.

A `DisclosedReferral` is what pages and the API show: a frozen value with the fields a viewer
may see, never the stored row. Unless the resident lets their referrer hear how it went, the
referrer is told that it was sent and that the coach received it, and no more: their answer,
what they chose after it was sent, the steps after the receipt, when they first took part and
when it last changed are withheld (`outcome_shared` is False). Which referrals are heard is
the selectors' to find out (selectors.referrals_as_told_to_referrer).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from gezondewijk.referrals.models import (
    OPEN_STATUSES,
    Answer,
    Reason,
    Referral,
    Status,
    TimePreference,
)

if TYPE_CHECKING:
    from gezondewijk.initiatives.models import Activity, Initiative
    from gezondewijk.people.models import Organisation, User

# How far a referrer follows the loop without hearing the outcome: that the coach received it.
TOLD_WITHOUT_OUTCOME = frozenset({Status.SENT, Status.RECEIVED})


@dataclass(frozen=True)
class DisclosedReferral:
    """One referral as one viewer may see it. The fields below are what may be withheld; the
    properties pass on what every viewer of the referral sees."""

    # The stored referral, for what is never withheld; templates cannot reach an underscored
    # name, and nothing here hands it out.
    _referral: Referral = field(repr=False)
    status: str
    answer: str
    first_activity_on: date | None
    updated_at: datetime
    initiative_id: int | None
    activity_id: int | None
    outcome_shared: bool

    @classmethod
    def whole(cls, referral: Referral) -> DisclosedReferral:
        """Everything: what the resident and the coach see, or a referrer who hears it."""
        return cls(
            referral,
            status=referral.status,
            answer=referral.answer,
            first_activity_on=referral.first_activity_on,
            updated_at=referral.updated_at,
            initiative_id=referral.initiative_id,
            activity_id=referral.activity_id,
            outcome_shared=True,
        )

    @classmethod
    def without_outcome(
        cls, referral: Referral, *, told_at: datetime | None, chosen_later: bool
    ) -> DisclosedReferral:
        """What a referrer who does not hear the outcome is told. `told_at` is the last
        change they may know of (a later one would say that something happened after the
        receipt); `chosen_later` withholds a choice made after it was sent, by the resident
        or the coach (what the referrer chose when referring straight to an initiative is
        theirs and stays)."""
        status = referral.status if referral.status in TOLD_WITHOUT_OUTCOME else Status.RECEIVED
        return cls(
            referral,
            status=status,
            answer=Answer.PENDING,
            first_activity_on=None,
            updated_at=told_at or referral.created_at,
            initiative_id=None if chosen_later else referral.initiative_id,
            activity_id=None if chosen_later else referral.activity_id,
            outcome_shared=False,
        )

    # -- what every viewer of the referral sees ------------------------------------------------

    @property
    def pk(self) -> int:
        return self._referral.pk

    @property
    def id(self) -> int:
        return self._referral.pk

    @property
    def reason(self) -> str:
        return self._referral.reason

    @property
    def created_at(self) -> datetime:
        return self._referral.created_at

    @property
    def practice(self) -> Organisation:
        return self._referral.practice

    @property
    def practice_id(self) -> int:
        return self._referral.practice_id

    @property
    def resident(self) -> User:
        return self._referral.resident

    @property
    def resident_id(self) -> int:
        return self._referral.resident_id

    @property
    def referrer(self) -> User | None:
        return self._referral.referrer

    @property
    def referrer_id(self) -> int | None:
        return self._referral.referrer_id

    @property
    def coach(self) -> User | None:
        return self._referral.coach

    @property
    def coach_id(self) -> int | None:
        return self._referral.coach_id

    @property
    def time_preference(self) -> str:
        return self._referral.time_preference

    @property
    def close_to_home(self) -> bool:
        return self._referral.close_to_home

    @property
    def feedback_participation(self) -> bool:
        return self._referral.feedback_participation

    @property
    def feedback_health(self) -> bool:
        return self._referral.feedback_health

    @property
    def external_id(self) -> str:
        return self._referral.external_id

    # -- what may be withheld, through the fields above ----------------------------------------

    @property
    def initiative(self) -> Initiative | None:
        return self._referral.initiative if self.initiative_id is not None else None

    @property
    def activity(self) -> Activity | None:
        return self._referral.activity if self.activity_id is not None else None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES and self.answer not in (
            Answer.DECLINED,
            Answer.WITHDRAWN,
        )

    def get_status_display(self) -> str:
        return _label(Status.choices, self.status)

    def get_answer_display(self) -> str:
        return _label(Answer.choices, self.answer)

    def get_reason_display(self) -> str:
        return _label(Reason.choices, self.reason)

    def get_time_preference_display(self) -> str:
        return _label(TimePreference.choices, self.time_preference)

    def __str__(self) -> str:
        return str(self._referral)


def _label(choices: list[tuple[str, Any]], value: str) -> str:
    """As Django's get_FOO_display: the choice's label, or the value itself."""
    return str(dict(choices).get(value, value))
