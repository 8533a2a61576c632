"""Large imports and aggregates: the fast paths give exactly what the plain ones give."""

from datetime import UTC, datetime
from typing import Any

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from gezondewijk.checks import engine, fhir, services
from gezondewijk.checks.defaults import DIMENSIONS
from gezondewijk.checks.models import PgoLink, Response, ResponseValue
from tests.checks.factories import health_check_answers, resident
from tests.conftest import World


def _response(canonical: str, score: int, link: str = "code-1") -> dict[str, Any]:
    return {
        "resourceType": "QuestionnaireResponse",
        "subject": {"identifier": {"system": fhir.LINK_SYSTEM, "value": link}},
        "questionnaire": canonical,
        "status": "completed",
        "authored": f"2025-03-{1 + score:02d}T10:00:00+01:00",
        "item": [
            {"linkId": k, "answer": [{"valueInteger": (v + i) % 11}]}
            for i, (k, v) in enumerate(health_check_answers(score).items())
        ],
    }


def _bundle(resources: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"resource": r} for r in resources],
    }


CANONICAL = "https://gezondewijk.nl/fhir/Questionnaire/test|1"


def test_validation_in_processes_reads_what_one_process_reads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fhir, "POOL_CHUNK", 10)
    bundle = _bundle([_response(CANONICAL, n % 11, f"code-{n}") for n in range(45)])
    serial = fhir.responses_parse(bundle, workers=1)
    pooled = fhir.responses_parse(bundle, workers=2)
    assert pooled == serial
    assert [r.path for r in pooled][-1] == "Bundle.entry[44].resource"


def test_the_first_error_in_bundle_order_is_reported_from_any_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fhir, "POOL_CHUNK", 10)
    resources = [_response(CANONICAL, n % 11) for n in range(40)]
    resources[33]["item"][2]["answer"] = [{"valueInteger": "seven"}]
    resources[17]["authored"] = "yesterday"
    errors = []
    for workers in (1, 2):
        with pytest.raises(fhir.FhirError) as caught:
            fhir.responses_parse(_bundle(resources), workers=workers)
        errors.append(caught.value.errors)
    assert errors[0] == errors[1]
    assert errors[0][0]["path"].startswith("Bundle.entry[17].resource.authored")


def test_answers_equal_in_python_but_not_in_json_are_read_apart() -> None:
    """1, 1.0 and True are equal dict keys in Python; the item cache must not confuse them."""
    resources = [_response(CANONICAL, 5) for _ in range(3)]
    link_id = resources[0]["item"][0]["linkId"]
    for resource, value in zip(resources, (1, 1.0, True), strict=True):
        resource["item"][0]["answer"] = [{"valueInteger": value}]
    read = fhir.responses_parse(_bundle(resources))
    values = [r.raw_answers[link_id][0] for r in read]
    assert [type(v) for v in values] == [int, float, bool]


def test_another_resident_as_subject_is_validated_on_its_own() -> None:
    resources = [_response(CANONICAL, 5, "code-1"), _response(CANONICAL, 5, "code-2")]
    resources[1]["subject"]["identifier"]["system"] = 42
    with pytest.raises(fhir.FhirError) as caught:
        fhir.responses_parse(_bundle(resources))
    assert caught.value.errors[0]["path"].startswith("Bundle.entry[1].resource.subject")


def test_a_bad_item_seen_before_as_good_elsewhere_is_still_refused_with_its_path() -> None:
    """Items are validated once per distinct item; a different one is validated on its own."""
    resources = [_response(CANONICAL, 5) for _ in range(3)]
    resources[2]["item"][0]["answer"] = [{"valueInteger": 5, "valueString": "vijf"}]
    with pytest.raises(fhir.FhirError) as caught:
        fhir.responses_parse(_bundle(resources))
    assert caught.value.errors[0]["path"].startswith("Bundle.entry[2].resource.item[0]")
    resources[2] = _response(CANONICAL, 5)
    resources[1]["bogus"] = True
    with pytest.raises(fhir.FhirError) as caught:
        fhir.responses_parse(_bundle(resources))
    assert caught.value.errors[0]["path"] == "Bundle.entry[1].resource.bogus"


def test_a_linked_bundle_stores_every_response_with_its_figures(world: World) -> None:
    canonical = services.health_check_ensure().canonical
    users = [resident(world.buurt) for _ in range(3)]
    for user in users:
        PgoLink.objects.create(user=user, code=f"link-{user.pk}")
    bundle = _bundle([_response(canonical, n, f"link-{u.pk}") for n, u in enumerate(users)])
    created = services.responses_import_linked(document=bundle, source="pgo")
    assert {r.user_id for r in created} == {u.pk for u in users}
    for response in Response.objects.filter(pk__in=[r.pk for r in created]):
        assert sorted(v.key for v in response.values.all()) == sorted(DIMENSIONS)
    assert ResponseValue.objects.count() == len(DIMENSIONS) * len(users)


def _values(rows: list[tuple[int, int, str, datetime, float]]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "user_id": user,
                "response_id": response,
                "buurt": buurt,
                "wijk": "WK1" if buurt in {"A", "B"} else "WK2",
                "gemeente": "GM1",
                "region": "r",
                "authored": authored,
                "key": "zingeving",
                "value": value,
            }
            for user, response, buurt, authored, value in rows
        ],
        schema=engine.VALUE_SCHEMA,
    )


@pytest.mark.parametrize("level", engine.LEVELS)
@pytest.mark.parametrize("period", engine.PERIODS)
def test_rolled_up_figures_equal_figures_counted_row_by_row(level: str, period: str) -> None:
    rows = [
        (
            user,
            user * 10 + visit,
            "ABC"[user % 3],
            datetime(2024 + visit % 2, 1 + (user * visit) % 12, 1 + visit, tzinfo=UTC),
            float((user + visit) % 11),
        )
        for user in range(60)
        for visit in range(4)
    ]
    frame = _values(rows)
    fast = engine.area_means(frame, level=level, period=period, k=5)
    plain = engine.area_means(frame.drop("response_id"), level=level, period=period, k=5)
    assert_frame_equal(fast, plain)
    assert fast.height > 0


def test_two_responses_at_the_same_moment_count_as_one_resident_with_the_later_one() -> None:
    moment = datetime(2025, 5, 1, tzinfo=UTC)
    rows = [(u, u, "A", moment, 4.0) for u in range(12)]
    rows.append((0, 100, "A", moment, 10.0))  # stored later, same moment
    row = engine.area_means(_values(rows), level="buurt", k=10).row(0, named=True)
    assert row["n"] == 12
    assert row["mean"] == pytest.approx((11 * 4.0 + 10.0) / 12, abs=0.01)
