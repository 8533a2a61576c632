"""Test data for checks: complete answers to the health check, surveys, consenting residents."""

from typing import Any

from gezondewijk.checks import defaults, services
from gezondewijk.checks.models import PanelSurvey, Response
from gezondewijk.checks.questionnaire import form_of
from gezondewijk.people.models import User
from gezondewijk.permissions.roles import Role
from gezondewijk.places.models import Buurt, Wijk
from gezondewijk.privacy import services as privacy_services
from gezondewijk.privacy.models import Purpose
from tests import factories


def health_check_answers(score: int = 7, **overrides: Any) -> dict[str, Any]:
    """Answers to every 0–10 question of the default check, all `score`."""
    form = form_of(defaults.health_check())
    answers: dict[str, Any] = {i.link_id: score for i in form.items if i.kind == "scale"}
    answers.update(overrides)
    return answers


def resident(buurt: Buurt, *purposes: Purpose) -> User:
    user = factories.ResidentProfileFactory(buurt=buurt).user
    from gezondewijk.people.services import role_grant

    role_grant(user=user, role=Role.RESIDENT, scope=buurt.wijk)
    for purpose in purposes:
        privacy_services.consent_grant(user=user, purpose=purpose)
    return user


def health_check(user: User, score: int = 7, **kwargs: Any) -> Response:
    return services.response_submit(
        user=user,
        questionnaire=services.health_check_ensure(),
        raw_answers=health_check_answers(score),
        **kwargs,
    )


def panel_survey(
    wijk: Wijk, by: User | None = None, themes: list[str] | None = None
) -> PanelSurvey:
    return services.panel_survey_create(
        created_by=by or factories.user_with_role(Role.COORDINATOR, wijk),
        region=wijk.gemeente.region,
        wijk=wijk,
        title="Wijkpanel test",
        resource=defaults.panel_questionnaire(
            slug=f"test-{PanelSurvey.objects.count()}",
            title="Wijkpanel test",
            themes=themes or ["beleving", "gezondheid"],
            questions=[],
        ),
    )
