"""The questionnaire engine: items of a FHIR Questionnaire, answer checks, enable-when, scores.

A stored Questionnaire is plain FHIR R4 JSON. This module reads it into `Item`s the site can
render and check, without Django: the same rules serve the web form, the API and FHIR import.

Item kinds and how they are written in FHIR:
  scale     integer with minValue 0 and maxValue 10 (extensions), shown as 0–10 buttons
  yesno     boolean
  number    integer or decimal
  single    choice (or coding) with answerOption, repeats false
  multiple  choice with answerOption, repeats true
  text      string or text
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.utils.translation import gettext as _

from gezondewijk.errors import BODY, InputError, Problem

MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
DIMENSION_SYSTEM = "https://gezondewijk.nl/fhir/CodeSystem/positieve-gezondheid"
OPTION_SYSTEM = "https://gezondewijk.nl/fhir/CodeSystem/antwoord"

Answer = bool | int | float | str
Answers = dict[str, list[Answer]]


@dataclass(frozen=True)
class Option:
    code: str
    display: str


@dataclass(frozen=True)
class Condition:
    question: str
    operator: str
    answer: Answer | None


@dataclass(frozen=True)
class Item:
    link_id: str
    text: str
    kind: str
    required: bool = False
    options: tuple[Option, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = True
    dimension: str | None = None
    enable_when: tuple[Condition, ...] = ()
    enable_any: bool = False
    group: str = ""

    @property
    def option_codes(self) -> list[str]:
        return [o.code for o in self.options]


@dataclass
class Form:
    title: str
    items: list[Item] = field(default_factory=list)

    def item(self, link_id: str) -> Item | None:
        return next((i for i in self.items if i.link_id == link_id), None)

    @cached_property
    def link_ids(self) -> frozenset[str]:
        return frozenset(i.link_id for i in self.items)


class AnswerError(InputError):
    """Answers that do not fit the questionnaire; `errors` maps linkId to a message.

    In a request the answers are the body's field `answers`, keyed by linkId.
    """

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(
            [Problem((*BODY, "answers", k), v) for k, v in errors.items()],
            text="; ".join(f"{k}: {v}" for k, v in errors.items()),
        )
        self.errors = errors


def _extension_value(item: Mapping[str, Any], url: str) -> float | None:
    for ext in item.get("extension", []):
        if ext.get("url") == url:
            for key in ("valueInteger", "valueDecimal"):
                if key in ext:
                    return float(ext[key])
    return None


def _kind(item: Mapping[str, Any], minimum: float | None, maximum: float | None) -> str | None:
    fhir_type = item.get("type")
    if fhir_type == "integer" and minimum == 0 and maximum == 10:
        return "scale"
    return {
        "boolean": "yesno",
        "integer": "number",
        "decimal": "number",
        "choice": "multiple" if item.get("repeats") else "single",
        "open-choice": "multiple" if item.get("repeats") else "single",
        "string": "text",
        "text": "text",
    }.get(str(fhir_type))


def _options(item: Mapping[str, Any]) -> tuple[Option, ...]:
    found = []
    for option in item.get("answerOption", []):
        coding = option.get("valueCoding")
        if coding:
            found.append(Option(str(coding["code"]), str(coding.get("display", coding["code"]))))
        elif "valueString" in option:
            found.append(Option(str(option["valueString"]), str(option["valueString"])))
    return tuple(found)


def _condition(raw: Mapping[str, Any]) -> Condition:
    answer: Answer | None = None
    for key, value in raw.items():
        if key.startswith("answer"):
            answer = value["code"] if isinstance(value, dict) else value
    return Condition(str(raw["question"]), str(raw.get("operator", "=")), answer)


def _dimension(item: Mapping[str, Any]) -> str | None:
    for code in item.get("code", []):
        if code.get("system") == DIMENSION_SYSTEM:
            return str(code["code"])
    return None


def _walk(items: Iterable[Mapping[str, Any]], group: str) -> Iterable[Item]:
    for raw in items:
        if raw.get("type") == "group":
            yield from _walk(raw.get("item", []), str(raw.get("text", group)))
            continue
        if raw.get("type") == "display":
            continue
        minimum = _extension_value(raw, MIN_VALUE)
        maximum = _extension_value(raw, MAX_VALUE)
        kind = _kind(raw, minimum, maximum)
        if kind is None:
            continue  # types the site cannot ask (attachment, reference, ...) are left out
        yield Item(
            link_id=str(raw["linkId"]),
            text=str(raw.get("text", raw["linkId"])),
            kind=kind,
            required=bool(raw.get("required", False)),
            options=_options(raw),
            minimum=minimum,
            maximum=maximum,
            integer=raw.get("type") != "decimal",
            dimension=_dimension(raw),
            enable_when=tuple(_condition(c) for c in raw.get("enableWhen", [])),
            enable_any=raw.get("enableBehavior") == "any",
            group=group,
        )


def form_of(resource: Mapping[str, Any]) -> Form:
    return Form(
        title=str(resource.get("title", "")), items=list(_walk(resource.get("item", []), ""))
    )


# -- enable-when ------------------------------------------------------------------------


def _holds(condition: Condition, answers: Answers) -> bool:
    given = answers.get(condition.question, [])
    if condition.operator == "exists":
        return bool(given) == bool(condition.answer)
    if not given:
        return condition.operator == "!="
    compare = {
        "=": lambda a, b: a == b,
        "!=": lambda a, b: a != b,
        ">": lambda a, b: a > b,
        "<": lambda a, b: a < b,
        ">=": lambda a, b: a >= b,
        "<=": lambda a, b: a <= b,
    }.get(condition.operator)
    if compare is None:
        return False
    try:
        hits = [compare(value, condition.answer) for value in given]
    except TypeError:
        return False
    return all(hits) if condition.operator == "!=" else any(hits)


def is_enabled(item: Item, answers: Answers) -> bool:
    if not item.enable_when:
        return True
    results = [_holds(c, answers) for c in item.enable_when]
    return any(results) if item.enable_any else all(results)


# -- checking answers -------------------------------------------------------------------


def _coerce(item: Item, raw: Any) -> Answer:
    """One answer value in the item's own type, or ValueError with a message for the user."""
    if item.kind == "yesno":
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in {"true", "1", "ja", "yes"}:
            return True
        if text in {"false", "0", "nee", "no"}:
            return False
        raise ValueError(_("Answer yes or no."))
    if item.kind in {"scale", "number"}:
        try:
            number = float(str(raw).replace(",", "."))
        except ValueError:
            raise ValueError(_("Enter a number.")) from None
        if not math.isfinite(number):
            raise ValueError(_("Enter a number."))
        if item.integer and number != int(number):
            raise ValueError(_("Enter a whole number."))
        if item.minimum is not None and number < item.minimum:
            raise ValueError(_("Enter at least %(n)s.") % {"n": f"{item.minimum:g}"})
        if item.maximum is not None and number > item.maximum:
            raise ValueError(_("Enter at most %(n)s.") % {"n": f"{item.maximum:g}"})
        return int(number) if item.integer else number
    if item.kind in {"single", "multiple"}:
        code = str(raw)
        if code not in item.option_codes:
            raise ValueError(
                _("Choose one of the options (%(codes)s).")
                % {"codes": ", ".join(item.option_codes)}
            )
        return code
    text = str(raw).strip()
    if len(text) > 2000:
        raise ValueError(_("Keep it under 2000 characters."))
    return text


# Coerced answers of one questionnaire by (linkId, type, raw value): True and the value, or
# False and the message. An import of many responses checks each distinct answer once.
AnswerMemo = dict[Any, tuple[bool, Any]]
# JSON's scalar types: answers of these are remembered (and items keyed) by value and type.
SCALARS = (str, int, float, bool)


def _coerced(item: Item, raw: Any, memo: AnswerMemo | None) -> Answer:
    if memo is None or type(raw) not in SCALARS:
        return _coerce(item, raw)
    key = (item.link_id, type(raw), raw)  # the type too: 1, 1.0 and True are equal keys
    found = memo.get(key)
    if found is None:
        try:
            found = memo[key] = (True, _coerce(item, raw))
        except ValueError as error:
            found = memo[key] = (False, str(error))
    ok, value = found
    if not ok:
        raise ValueError(value)
    return value


def clean_answers(form: Form, raw: Mapping[str, Any], *, memo: AnswerMemo | None = None) -> Answers:
    """Check raw answers (linkId → value or list of values) against the questionnaire.

    Returns only the answers of enabled items, each in its own type; raises AnswerError that
    names every item with a problem. Unknown linkIds are an error too: nothing is dropped
    silently. `memo` (one per questionnaire) remembers answers already checked.
    """
    errors: dict[str, str] = {}
    for link_id in raw:
        if link_id not in form.link_ids:
            errors[link_id] = _("This questionnaire has no such question.")
    cleaned: Answers = {}
    # Items are checked in order, so a condition sees the cleaned answer it depends on.
    for item in form.items:
        given = raw.get(item.link_id)
        values = given if isinstance(given, list | tuple) else [given]
        values = [v for v in values if v is not None and v != ""]
        if item.enable_when and not is_enabled(item, cleaned):
            continue
        if not values:
            if item.required:
                errors[item.link_id] = _("This question needs an answer.")
            continue
        if len(values) > 1 and item.kind != "multiple":
            errors[item.link_id] = _("Give one answer.")
            continue
        try:
            cleaned[item.link_id] = [_coerced(item, v, memo) for v in values]
        except ValueError as error:
            errors[item.link_id] = str(error)
    if errors:
        raise AnswerError(errors)
    return cleaned


# -- derived figures --------------------------------------------------------------------


def dimension_scores(form: Form, answers: Answers) -> dict[str, float]:
    """Mean of the answered 0–10 items per dimension, rounded to one decimal."""
    per_dimension: dict[str, list[float]] = {}
    for item in form.items:
        if item.dimension and item.kind == "scale" and answers.get(item.link_id):
            per_dimension.setdefault(item.dimension, []).append(float(answers[item.link_id][0]))
    return {d: round(sum(v) / len(v), 1) for d, v in per_dimension.items()}


def figures(form: Form, answers: Answers) -> dict[str, float]:
    """The numbers a response adds to aggregates: dimension scores, or one per panel item."""
    scores = dimension_scores(form, answers)
    if scores:
        return scores
    values: dict[str, float] = {}
    for item in form.items:
        given = answers.get(item.link_id)
        if not given:
            continue
        if item.kind in {"scale", "number"}:
            values[item.link_id] = float(given[0])
        elif item.kind == "yesno":
            values[item.link_id] = 1.0 if given[0] else 0.0
        elif item.kind in {"single", "multiple"}:
            for code in item.option_codes:
                values[f"{item.link_id}={code}"] = 1.0 if code in given else 0.0
    return values
