"""Forms of the referrals pages; every label in Dutch through translation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gezondewijk.referrals.models import Answer, Reason, Status, TimePreference


class ReferForm(forms.Form):
    code = forms.CharField(
        label=_("Referral code of the resident"),
        max_length=12,
        help_text=_("The resident finds this code on their own Referrals page."),
    )
    resident_consented = forms.BooleanField(
        label=_("The resident agreed to this referral"), required=True
    )
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=Reason.choices,
        help_text=_("A category only; never a diagnosis."),
    )
    coach: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Welfare coach"), queryset=None, required=False, empty_label=_("(none)")
    )
    time_preference = forms.ChoiceField(
        label=_("When"), choices=TimePreference.choices, required=False
    )
    close_to_home = forms.BooleanField(label=_("Close to home (own buurt)"), required=False)

    def __init__(self, *args: Any, coaches: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = coaches  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[
            (Answer.ACCEPTED, _("Accept")),
            (Answer.DECLINED, _("Decline")),
            (Answer.WITHDRAWN, _("Withdraw")),
        ]
    )
    feedback_participation = forms.BooleanField(
        label=_("My referrer may hear whether I take part"), required=False
    )
    feedback_health = forms.BooleanField(
        label=_("My referrer may see how my health check changed"), required=False
    )


class ChooseForm(forms.Form):
    initiative = forms.IntegerField(required=False)
    activity = forms.IntegerField(required=False)


class AdvanceForm(forms.Form):
    status = forms.ChoiceField(label=_("Next step"), choices=Status.choices)


class TookPartForm(forms.Form):
    on = forms.DateField(
        label=_("First took part on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class FollowUpForm(forms.Form):
    due_on = forms.DateField(
        label=_("Follow-up on"), widget=forms.DateInput(attrs={"type": "date"})
    )
