"""FHIR R4 in and out: Questionnaire, QuestionnaireResponse and Bundle.

Resources are validated with fhir.resources' R4B models (R4B matches R4 for these resources).
Dutch PGOs (MedMij) often still speak STU3, so an STU3 Questionnaire or QuestionnaireResponse
is accepted on import and rewritten to R4 first.

Privacy: an imported response may carry the sender's identifiers of the person (a BSN in a
contained Patient, a `subject` reference). Only the answers are read; `contained`, `subject`,
`author` and `source` are never stored.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire as FhirQuestionnaire
from fhir.resources.R4B.questionnaireresponse import (
    QuestionnaireResponse,
    QuestionnaireResponseItem,
)
from fhir.resources.R4B.reference import Reference
from pydantic import ValidationError

from gezondewijk.checks.questionnaire import SCALARS, Answer, Answers, Form
from gezondewijk.errors import WHOLE_BODY, InputError, Problem

FHIR_JSON = "application/fhir+json"
LINK_SYSTEM = "https://gezondewijk.nl/fhir/NamingSystem/pgo-koppeling"


class FhirError(InputError):
    """A resource that cannot be read; each error names its FHIR path.

    For example `Questionnaire.item[0].type`; in a request it lies at
    ["body", "Questionnaire", "item[0]", "type"].
    """

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__(
            [Problem((*WHOLE_BODY, *e["path"].split(".")), e["msg"], "fhir") for e in errors],
            text="; ".join(f"{e['path']}: {e['msg']}" for e in errors),
        )
        self.errors = errors


def _path(resource_type: str, loc: tuple[Any, ...]) -> str:
    path = resource_type
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _validate(model: Any, data: Mapping[str, Any], prefix: str = "") -> Any:
    resource_type = prefix if prefix else model.__name__
    if not isinstance(data, Mapping):
        raise FhirError([{"path": resource_type, "msg": "Expected a JSON object."}])
    try:
        return model.model_validate(dict(data))
    except ValidationError as error:
        raise FhirError(
            [
                {"path": _path(resource_type, tuple(e["loc"])), "msg": e["msg"]}
                for e in error.errors()
                if not str(e["loc"][-1:]).startswith("('__")
            ]
            or [{"path": resource_type, "msg": str(error)}]
        ) from error


def _expect_type(data: Mapping[str, Any], *allowed: str) -> str:
    found = data.get("resourceType") if isinstance(data, Mapping) else None
    if found not in allowed:
        raise FhirError(
            [{"path": "resourceType", "msg": f"Expected {' or '.join(allowed)}, got {found!r}."}]
        )
    return str(found)


# -- STU3 → R4 --------------------------------------------------------------------------


def _is_stu3(data: Mapping[str, Any]) -> bool:
    meta_profiles = " ".join(data.get("meta", {}).get("profile", []))
    return bool(data.get("fhirVersion", "").startswith("3.")) or "STU3" in meta_profiles


def _stu3_item(item: dict[str, Any]) -> dict[str, Any]:
    item = dict(item)
    if "option" in item:
        item["answerOption"] = item.pop("option")
    conditions = []
    for condition in item.pop("enableWhen", []):
        condition = dict(condition)
        if "hasAnswer" in condition:
            condition["operator"] = "exists"
            condition["answerBoolean"] = condition.pop("hasAnswer")
        else:
            condition.setdefault("operator", "=")
        conditions.append(condition)
    if conditions:
        item["enableWhen"] = conditions
    for key in [k for k in item if k.startswith("initial")]:
        item.pop(key)
    if "options" in item:
        item["answerValueSet"] = item.pop("options").get("reference", "")
    if "item" in item:
        item["item"] = [_stu3_item(i) for i in item["item"]]
    return item


def stu3_questionnaire_to_r4(data: Mapping[str, Any]) -> dict[str, Any]:
    converted = {k: v for k, v in data.items() if k not in {"fhirVersion"}}
    converted["item"] = [_stu3_item(i) for i in data.get("item", [])]
    return converted


def stu3_response_to_r4(data: Mapping[str, Any]) -> dict[str, Any]:
    converted = dict(data)
    reference = converted.pop("questionnaire", None)
    if isinstance(reference, Mapping):
        converted["questionnaire"] = reference.get("reference", "")
    elif reference:
        converted["questionnaire"] = reference
    return converted


# -- Questionnaire ----------------------------------------------------------------------


def questionnaire_parse(data: Mapping[str, Any]) -> dict[str, Any]:
    """A valid R4 Questionnaire as JSON, from R4 or STU3 input; FhirError otherwise."""
    _expect_type(data, "Questionnaire")
    if _is_stu3(data):
        from fhir.resources.STU3.questionnaire import Questionnaire as Stu3Questionnaire

        _validate(Stu3Questionnaire, data, "Questionnaire")
        data = stu3_questionnaire_to_r4(data)
    parsed = _validate(FhirQuestionnaire, data, "Questionnaire")
    errors = []
    if not parsed.url:
        errors.append({"path": "Questionnaire.url", "msg": "A canonical url is required."})
    if not parsed.item:
        errors.append({"path": "Questionnaire.item", "msg": "At least one item is required."})
    if errors:
        raise FhirError(errors)
    result: dict[str, Any] = parsed.model_dump(mode="json", exclude_none=True, by_alias=True)
    return result


def questionnaire_export(resource: Mapping[str, Any]) -> dict[str, Any]:
    """The stored resource, re-validated on the way out so nobody receives invalid FHIR."""
    result: dict[str, Any] = _validate(FhirQuestionnaire, resource).model_dump(
        mode="json", exclude_none=True, by_alias=True
    )
    return result


# -- QuestionnaireResponse --------------------------------------------------------------


@dataclass(frozen=True)
class IncomingResponse:
    questionnaire: str  # canonical, "url|version" or "url"
    authored: datetime
    raw_answers: dict[str, list[Any]]
    path: str  # where in the upload this response sits, for error messages
    # The pseudonymous link code a resident gave their PGO, if the sender named one. Any other
    # identifier of the person (a BSN) is not read at all.
    link: str | None = None


def _answer_value(answer: Mapping[str, Any]) -> Any:
    for key, value in answer.items():
        if key.startswith("value"):
            if key == "valueCoding":
                return value.get("code")
            return value
    return None


def _flatten(items: list[dict[str, Any]], into: dict[str, list[Any]]) -> None:
    for item in items:
        values = [_answer_value(a) for a in item.get("answer", [])]
        if values:
            into[str(item["linkId"])] = values
        _flatten(item.get("item", []), into)
        for answer in item.get("answer", []):
            _flatten(answer.get("item", []), into)


def _as_r4_response(data: Mapping[str, Any]) -> Mapping[str, Any]:
    if _is_stu3(data) or isinstance(data.get("questionnaire"), Mapping):
        return stu3_response_to_r4(data)
    return data


# A validated item's answers by the item's identity (see _item_key).
# (And a validated subject Reference by its repr.)
ItemCache = dict[Any, Any]


def _item_key(raw: dict[str, Any]) -> Any:
    """An identity for an item: equal for equal JSON, distinct otherwise. The common shape
    (a linkId with one scalar answer) gets a cheap tuple, the type included because 1, 1.0
    and True are equal in Python but not in JSON; any other shape its repr."""
    if len(raw) == 2:
        link_id, answers = raw.get("linkId"), raw.get("answer")
        if type(link_id) is str and type(answers) is list and len(answers) == 1:
            answer = answers[0]
            if type(answer) is dict and len(answer) == 1:
                ((kind, value),) = answer.items()
                if type(value) in SCALARS:
                    return (link_id, kind, type(value), value)
    return repr(raw)


def _validated_answers(
    data: Mapping[str, Any], path: str, items: ItemCache | None
) -> dict[str, list[Any]]:
    """Validate a QuestionnaireResponse with fhir.resources; its answers by linkId.

    The responses of one upload repeat the same items (the same question with the same answer)
    thousands of times. An item's validity depends on the item alone, so each distinct item is
    validated once, and the response around its items on its own: the same checks, a fraction
    of the work. Whenever anything is wrong, the response is validated again as a whole, so
    the error names the same FHIR path as always.
    """
    raw_items = data.get("item")
    if items is not None and isinstance(raw_items, list) and raw_items:
        try:
            answers: dict[str, list[Any]] = {}
            for raw in raw_items:
                if not isinstance(raw, dict):
                    raise TypeError
                key = _item_key(raw)
                known = items.get(key)
                if known is None:
                    QuestionnaireResponseItem.model_validate(raw)
                    known = items[key] = {}
                    _flatten([raw], known)
                answers.update(known)
            envelope = {k: v for k, v in data.items() if k != "item"}
            subject = envelope.get("subject")
            if isinstance(subject, dict):  # one per resident: validated once, like an item
                key = ("subject", repr(subject))
                model = items.get(key)
                if model is None:
                    model = items[key] = Reference.model_validate(subject)
                envelope["subject"] = model
            QuestionnaireResponse.model_validate(envelope)
            return answers
        except (ValidationError, TypeError):
            pass
    _validate(QuestionnaireResponse, data, path)
    answers = {}
    _flatten(data.get("item", []), answers)
    return answers


def _response_of(
    data: Mapping[str, Any], path: str, items: ItemCache | None = None
) -> IncomingResponse:
    _expect_type(data, "QuestionnaireResponse")
    data = _as_r4_response(data)
    answers = _validated_answers(data, path, items)
    # The input is valid FHIR now, so it is read as it stands (a round trip through the model
    # would double the cost of a large import); only the answers and the link are taken.
    if not data.get("questionnaire"):
        raise FhirError([{"path": f"{path}.questionnaire", "msg": "Name the questionnaire."}])
    if data.get("status") not in {"completed", "amended"}:
        raise FhirError(
            [{"path": f"{path}.status", "msg": "Only completed responses can be imported."}]
        )
    authored = parse_datetime(str(data.get("authored", ""))) if data.get("authored") else None
    if authored is not None and timezone.is_naive(authored):
        authored = timezone.make_aware(authored)
    identifier = data.get("subject", {}).get("identifier", {})
    link = identifier.get("value") if identifier.get("system") == LINK_SYSTEM else None
    return IncomingResponse(
        questionnaire=str(data["questionnaire"]),
        authored=authored or timezone.now(),
        raw_answers=answers,
        path=path,
        link=link,
    )


def responses_parse(
    data: Mapping[str, Any], *, workers: int | None = None
) -> list[IncomingResponse]:
    """One QuestionnaireResponse, or every one in a Bundle; FhirError names the bad path.

    A large Bundle is validated in several processes (`workers`; by default one per core
    from POOL_MIN responses on); the outcome is the same as in one.
    """
    kind = _expect_type(data, "QuestionnaireResponse", "Bundle")
    if kind == "QuestionnaireResponse":
        return [_response_of(data, "QuestionnaireResponse")]
    entries = data.get("entry", [])
    if not isinstance(entries, list):
        raise FhirError([{"path": "Bundle.entry", "msg": "Expected a list of entries."}])
    # STU3 responses inside the Bundle are rewritten first, so the Bundle validates as R4.
    converted = [
        {**e, "resource": _as_r4_response(e["resource"])}
        if isinstance(e, Mapping) and isinstance(e.get("resource"), Mapping)
        else e
        for e in entries
    ]
    data = {**data, "entry": converted}
    # The envelope is validated on its own; each resource once, below, with its own path.
    _validate(
        Bundle,
        {**data, "entry": [{k: v for k, v in e.items() if k != "resource"} for e in converted]},
        "Bundle",
    )
    resources = [e.get("resource", {}) for e in converted]
    found = _resources_parse(resources, workers=_workers(len(resources), workers))
    if not found:
        raise FhirError([{"path": "Bundle.entry", "msg": "The Bundle has no entries."}])
    return found


# -- validation spread over processes ---------------------------------------------------

POOL_MIN = 2_000  # responses in one Bundle before validation is spread over processes
POOL_CHUNK = 1_000
_pool: ProcessPoolExecutor | None = None
_pool_size = 0


POOL_CORES = 4  # below this, sending resources to other processes costs more than it saves


def _workers(count: int, asked: int | None) -> int:
    """Processes to validate `count` resources in. With the item cache a response validates
    in a fraction of a millisecond, so copying it to another process and its result back only
    pays where there are cores to spare (measured: on two cores one process is faster)."""
    if asked is not None:
        return asked
    cores = os.cpu_count() or 1
    return min(4, cores) if count >= POOL_MIN and cores >= POOL_CORES else 1


def _chunk_parse(
    resources: list[Any], start: int
) -> tuple[list[IncomingResponse], list[dict[str, str]] | None]:
    """Validate Bundle entries start, start+1, ...: what was read, and the first error."""
    found = []
    items: ItemCache = {}
    for offset, resource in enumerate(resources):
        path = f"Bundle.entry[{start + offset}].resource"
        try:
            if not isinstance(resource, Mapping) or (
                resource.get("resourceType") != "QuestionnaireResponse"
            ):
                raise FhirError(
                    [{"path": path, "msg": "Only QuestionnaireResponse can be imported."}]
                )
            found.append(_response_of(resource, path, items))
        except FhirError as error:
            return found, error.errors
    return found, None


def _executor(workers: int) -> ProcessPoolExecutor:
    """One pool for the life of the process (starting one costs a second), started fresh
    ("spawn"): a forked copy of a web process with open connections and threads is unsafe."""
    global _pool, _pool_size
    if _pool is None or _pool_size != workers:
        if _pool is not None:
            _pool.shutdown(wait=False, cancel_futures=True)
        _pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        _pool_size = workers
    return _pool


def _resources_parse(resources: list[Any], *, workers: int) -> list[IncomingResponse]:
    """Validate every resource, in `workers` processes when more than one: raw JSON in,
    read responses out. The error reported is the first in Bundle order either way."""
    size = max(POOL_CHUNK, -(-len(resources) // max(workers, 1)))  # one chunk per process
    chunks = [(resources[i : i + size], i) for i in range(0, len(resources), size)]
    if workers > 1 and len(chunks) > 1:
        try:
            results = list(_executor(workers).map(_chunk_parse, *zip(*chunks, strict=True)))
        except (BrokenProcessPool, OSError):
            results = [_chunk_parse(part, start) for part, start in chunks]
    else:
        results = [_chunk_parse(part, start) for part, start in chunks]
    found: list[IncomingResponse] = []
    for part, errors in results:
        if errors:
            raise FhirError(errors)
        found += part
    return found


def _answer(item_kind: str, value: Answer) -> dict[str, Any]:
    if item_kind == "yesno":
        return {"valueBoolean": bool(value)}
    if item_kind in {"single", "multiple"}:
        return {"valueCoding": {"code": str(value)}}
    if item_kind in {"scale", "number"}:
        return {"valueInteger": value} if isinstance(value, int) else {"valueDecimal": value}
    return {"valueString": str(value)}


def response_resource(
    *, form: Form, canonical: str, answers: Answers, authored: datetime, identifier: str
) -> dict[str, Any]:
    """A QuestionnaireResponse for stored answers; it names no person, only the answers."""
    items = []
    for item in form.items:
        if answers.get(item.link_id):
            items.append(
                {
                    "linkId": item.link_id,
                    "text": item.text,
                    "answer": [_answer(item.kind, v) for v in answers[item.link_id]],
                }
            )
    resource = {
        "resourceType": "QuestionnaireResponse",
        "id": identifier,
        "questionnaire": canonical,
        "status": "completed",
        "authored": authored.isoformat(),
        "item": items,
    }
    _validate(QuestionnaireResponse, resource)
    return resource


def bundle_of(resources: list[dict[str, Any]]) -> dict[str, Any]:
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": timezone.now().isoformat(),
        "entry": [{"resource": r} for r in resources],
    }
    _validate(Bundle, bundle)
    return bundle
