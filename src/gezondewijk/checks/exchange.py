"""A resident's answers as FHIR: one QuestionnaireResponse per response, in a Bundle."""

from typing import Any

from gezondewijk.checks import fhir
from gezondewijk.checks.models import Response
from gezondewijk.checks.questionnaire import form_of


def response_fhir(response: Response) -> dict[str, Any]:
    return fhir.response_resource(
        form=form_of(response.questionnaire.resource),
        canonical=response.questionnaire.canonical,
        answers=response.answers,
        authored=response.authored,
        identifier=f"gw-response-{response.pk}",
    )


def bundle_for(*, user: Any) -> dict[str, Any]:
    responses = Response.objects.filter(user=user).select_related("questionnaire")
    return fhir.bundle_of([response_fhir(r) for r in responses.order_by("authored", "pk")])
