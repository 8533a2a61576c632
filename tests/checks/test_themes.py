"""Free-text answers become themes and frequent terms, never raw text, never below k."""

import polars as pl
from django.test import Client
from django.urls import reverse

from gezondewijk.checks import services, themes
from gezondewijk.privacy.models import Purpose
from tests.checks.factories import panel_survey, resident
from tests.conftest import World

K = 10


def _texts(*texts: str) -> pl.DataFrame:
    return pl.DataFrame({"user_id": list(range(len(texts))), "text": list(texts)})


def test_words_with_one_stem_count_together_and_rare_words_stay_hidden() -> None:
    texts = _texts(
        *(["Meer bomen in de straat"] * 6 + ["Die oude boom!"] * 5 + ["Mijn kat Minoes"])
    )
    terms = themes.frequent_terms(texts, k=K)
    assert terms.row(0, named=True) == {"term": "bomen", "residents": 11}
    assert "minoes" not in terms["term"].to_list()
    assert "kat" not in terms["term"].to_list()


def test_themes_count_residents_not_words() -> None:
    texts = _texts(*(["Te weinig groen en parkeren is lastig"] * 10 + ["Park park park"] * 2))
    counts = dict(themes.theme_counts(texts, k=K).iter_rows())
    assert counts == {"groen": 12, "verkeer": 10}


def test_the_coordinator_sees_themes_but_never_a_residents_words(world: World) -> None:
    survey = panel_survey(world.wijk, themes=["contact"])
    members = [resident(world.buurt, Purpose.PANEL) for _ in range(K + 1)]
    services.panel_invite(actor=survey.created_by, survey=survey)
    services.panel_survey_open(actor=survey.created_by, survey=survey)
    for n, member in enumerate(members):
        text = "Meer contact met de buren" if n < K else "Mijn geheime klacht over Jansen"
        services.response_submit(
            user=member,
            questionnaire=survey.questionnaire,
            raw_answers={"contact.buren": 5, "contact.idee": text},
            survey=survey,
        )
    client = Client()
    client.force_login(world.coordinator)
    page = client.get(reverse("checks:panel_detail", args=[survey.pk]))
    free_text = page.context["free_text"][0]
    assert {"theme": "ontmoeten", "residents": K} in free_text["themes"]
    assert b"Jansen" not in page.content
    assert b"geheime" not in page.content
