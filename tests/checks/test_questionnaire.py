"""The questionnaire engine: item kinds, required answers, enable-when and scores."""

from typing import Any

import pytest
from django.utils import translation

from gezondewijk.checks import defaults
from gezondewijk.checks.questionnaire import AnswerError, clean_answers, dimension_scores, form_of
from tests.checks.factories import health_check_answers


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def _form(*items: dict[str, Any]) -> Any:
    return form_of({"resourceType": "Questionnaire", "item": list(items)})


def test_the_default_check_asks_every_kind_of_question() -> None:
    form = form_of(defaults.health_check())
    kinds = {i.kind for i in form.items}
    assert kinds == {"scale", "yesno", "number", "single", "multiple", "text"}
    dimensions = {i.dimension for i in form.items if i.dimension}
    assert dimensions == set(defaults.DIMENSIONS)
    per_dimension = [sum(i.dimension == d for i in form.items) for d in defaults.DIMENSIONS]
    assert all(n >= 2 for n in per_dimension)


def test_each_dimension_scores_the_mean_of_its_items() -> None:
    form = form_of(defaults.health_check())
    answers = clean_answers(
        form, health_check_answers(6, **{"zingeving.1": 10, "zingeving.2": 9, "zingeving.3": 2})
    )
    scores = dimension_scores(form, answers)
    assert scores["zingeving"] == 7.0
    assert scores["meedoen"] == 6.0
    assert set(scores) == set(defaults.DIMENSIONS)


def test_a_missing_required_answer_is_named() -> None:
    form = form_of(defaults.health_check())
    raw = health_check_answers(5)
    del raw["meedoen.2"]
    with pytest.raises(AnswerError) as caught:
        clean_answers(form, raw)
    assert list(caught.value.errors) == ["meedoen.2"]


@pytest.mark.parametrize(
    ("value", "problem"),
    [(11, "at most 10"), (-1, "at least 0"), ("zeven", "number"), (6.5, "whole number")],
)
def test_a_scale_answer_must_be_a_whole_number_from_0_to_10(value: Any, problem: str) -> None:
    form = _form(defaults.scale_item("a", "Hoe gaat het?"))
    with pytest.raises(AnswerError) as caught:
        clean_answers(form, {"a": value})
    assert problem in caught.value.errors["a"]


def test_choices_must_be_among_the_options_and_only_multiple_takes_several() -> None:
    single = defaults.question_item("s", "Eén", "single", choices=["rood", "blauw"])
    multiple = defaults.question_item("m", "Meer", "multiple", choices=["rood", "blauw"])
    form = _form(single, multiple)
    assert clean_answers(form, {"s": "optie1", "m": ["optie1", "optie2"]}) == {
        "s": ["optie1"],
        "m": ["optie1", "optie2"],
    }
    with pytest.raises(AnswerError) as caught:
        clean_answers(form, {"s": ["optie1", "optie2"], "m": ["paars"]})
    assert set(caught.value.errors) == {"s", "m"}


def test_yes_no_number_and_text_answers_get_their_own_types() -> None:
    form = _form(
        defaults.question_item("j", "Ja?", "yesno"),
        defaults.question_item("n", "Hoeveel?", "number"),
        defaults.question_item("t", "Vertel", "text"),
    )
    assert clean_answers(form, {"j": "ja", "n": "2,5", "t": " fijn "}) == {
        "j": [True],
        "n": [2.5],
        "t": ["fijn"],
    }


def test_a_question_that_does_not_apply_is_not_asked_and_its_answer_is_dropped() -> None:
    form = form_of(defaults.health_check())
    no_gp = clean_answers(form, health_check_answers(5, huisarts="false", **{"huisarts.aantal": 3}))
    assert "huisarts.aantal" not in no_gp
    with_gp = clean_answers(
        form, health_check_answers(5, huisarts="true", **{"huisarts.aantal": 3})
    )
    assert with_gp["huisarts.aantal"] == [3]


def test_enable_when_any_and_comparisons() -> None:
    form = _form(
        defaults.scale_item("a", "A"),
        {
            "linkId": "b",
            "text": "B",
            "type": "boolean",
            "required": True,
            "enableBehavior": "any",
            "enableWhen": [
                {"question": "a", "operator": "<", "answerInteger": 3},
                {"question": "a", "operator": ">=", "answerInteger": 9},
            ],
        },
    )
    with pytest.raises(AnswerError):
        clean_answers(form, {"a": 2})
    assert clean_answers(form, {"a": 5}) == {"a": [5]}
    with pytest.raises(AnswerError):
        clean_answers(form, {"a": 9})


def test_an_unknown_question_is_an_error_not_silently_dropped() -> None:
    form = _form(defaults.scale_item("a", "A"))
    with pytest.raises(AnswerError) as caught:
        clean_answers(form, {"a": 3, "b": 1})
    assert list(caught.value.errors) == ["b"]
