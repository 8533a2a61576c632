"""A referral as FHIR R4: the referral as a ServiceRequest, its progress as a Task.

So a GP information system can send a referral and follow it: with a person's session, or
with its practice's API key on behalf of the professional the request names. Resources are
validated with fhir.resources' R4B models (R4B matches R4 for both) and refused with the FHIR
path of every error, like checks.fhir. The resident is named by their referral code, never by
a BSN; a contained Patient or any other identifier that comes along is not read.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from fhir.resources.R4B.servicerequest import ServiceRequest
from fhir.resources.R4B.task import Task

# One validator for every FHIR resource the platform reads, so errors read the same everywhere.
from gezondewijk.checks.fhir import FhirError
from gezondewijk.checks.fhir import _validate as validate_resource
from gezondewijk.errors import by_field, text_of
from gezondewijk.people.models import Organisation, User
from gezondewijk.referrals import access, services
from gezondewijk.referrals.disclosure import DisclosedReferral
from gezondewijk.referrals.models import Answer, Reason, Referral, ReferralCode, Status

BASE = "https://gezondewijk.nl/fhir"
REFERRAL_SYSTEM = f"{BASE}/NamingSystem/verwijzing"
CODE_SYSTEM = f"{BASE}/NamingSystem/verwijscode"
PROFESSIONAL_SYSTEM = f"{BASE}/NamingSystem/professional-email"
INITIATIVE_SYSTEM = f"{BASE}/NamingSystem/initiatief"
ACTIVITY_SYSTEM = f"{BASE}/NamingSystem/activiteit"
REASON_SYSTEM = f"{BASE}/CodeSystem/verwijsreden"
SERVICE_SYSTEM = f"{BASE}/CodeSystem/dienst"
CLOSE_TO_HOME = f"{BASE}/StructureDefinition/dichtbij-huis"
OUTPUT_SYSTEM = f"{BASE}/CodeSystem/verwijzing-uitkomst"
WELZIJN_OP_RECEPT = "welzijn-op-recept"
# The Dutch citizen service number, as Dutch FHIR profiles name it.
BSN_SYSTEMS = frozenset(
    {"http://fhir.nl/fhir/NamingSystem/bsn", "urn:oid:2.16.840.1.113883.2.4.6.3"}
)

DAYS = {"doordeweeks": ["mon", "tue", "wed", "thu", "fri"], "weekend": ["sat", "sun"]}

TASK_STATUS = {
    Status.SENT: "requested",
    Status.RECEIVED: "received",
    Status.INTAKE: "accepted",
    Status.ACTIVE: "in-progress",
    Status.FINISHED: "completed",
    Status.STOPPED: "cancelled",
}
STATUS_OF_TASK = {v: k for k, v in TASK_STATUS.items()}
# The R4 request-status codes; the FHIR library checks the type, not the value set.
REQUEST_STATUSES = frozenset(
    {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"}
)


def _request_status(referral: Referral | DisclosedReferral) -> str:
    if referral.status == Status.FINISHED:
        return "completed"
    if referral.status == Status.STOPPED:
        return "revoked"
    return "active"


def _ident(system: str, value: str) -> dict[str, Any]:
    return {"identifier": {"system": system, "value": value}}


def _code_of(resident_id: int) -> str:
    found, _created = ReferralCode.objects.get_or_create(user_id=resident_id)
    return found.code


def service_request(referral: Referral | DisclosedReferral) -> dict[str, Any]:
    """The referral as an R4 ServiceRequest (JSON), validated before it leaves."""
    identifiers = [{"system": REFERRAL_SYSTEM, "value": str(referral.pk)}]
    if referral.external_id:
        identifiers.append(
            {
                "system": f"{BASE}/NamingSystem/praktijk-{referral.practice_id}",
                "value": referral.external_id,
            }
        )
    performers = []
    if referral.coach is not None:
        performers.append(
            {**_ident(PROFESSIONAL_SYSTEM, referral.coach.email), "display": str(referral.coach)}
        )
    if referral.activity is not None:
        performers.append(
            {
                **_ident(ACTIVITY_SYSTEM, str(referral.activity_id)),
                "display": referral.activity.title,
            }
        )
    elif referral.initiative is not None:
        performers.append(
            {
                **_ident(INITIATIVE_SYSTEM, str(referral.initiative_id)),
                "display": referral.initiative.name,
            }
        )
    resource: dict[str, Any] = {
        "resourceType": "ServiceRequest",
        "id": f"verwijzing-{referral.pk}",
        "identifier": identifiers,
        "status": _request_status(referral),
        "intent": "order",
        "code": {
            "coding": [
                {
                    "system": SERVICE_SYSTEM,
                    "code": WELZIJN_OP_RECEPT,
                    "display": "Welzijn op recept",
                }
            ]
        },
        "reasonCode": [
            {
                "coding": [
                    {
                        "system": REASON_SYSTEM,
                        "code": referral.reason,
                        "display": str(Reason(referral.reason).label),
                    }
                ]
            }
        ],
        "subject": _ident(CODE_SYSTEM, _code_of(referral.resident_id)),
        "authoredOn": referral.created_at.isoformat(),
        "extension": [{"url": CLOSE_TO_HOME, "valueBoolean": referral.close_to_home}],
    }
    if referral.referrer is not None:
        resource["requester"] = {
            **_ident(PROFESSIONAL_SYSTEM, referral.referrer.email),
            "display": str(referral.referrer),
        }
    if performers:
        resource["performer"] = performers
    if referral.time_preference:
        resource["occurrenceTiming"] = {"repeat": {"dayOfWeek": DAYS[referral.time_preference]}}
    validate_resource(ServiceRequest, resource)
    return resource


def task(referral: Referral | DisclosedReferral, *, include_outcome: bool) -> dict[str, Any]:
    """The referral's progress as an R4 Task. Whether the resident took part is in its output
    only when `include_outcome`: for the referrer, when the resident lets them hear it."""
    resource: dict[str, Any] = {
        "resourceType": "Task",
        "id": f"verwijzing-{referral.pk}-voortgang",
        "basedOn": [
            {
                "reference": f"ServiceRequest/verwijzing-{referral.pk}",
                **_ident(REFERRAL_SYSTEM, str(referral.pk)),
            }
        ],
        "status": TASK_STATUS[Status(referral.status)],
        "businessStatus": {"text": str(Status(referral.status).label)},
        "intent": "order",
        "code": {"coding": [{"system": SERVICE_SYSTEM, "code": WELZIJN_OP_RECEPT}]},
        "for": _ident(CODE_SYSTEM, _code_of(referral.resident_id)),
        "authoredOn": referral.created_at.isoformat(),
        "lastModified": referral.updated_at.isoformat(),
    }
    if referral.answer in (Answer.DECLINED, Answer.WITHDRAWN):
        resource["status"] = "rejected"
        resource["statusReason"] = {"text": str(Answer(referral.answer).label)}
    if referral.coach is not None:
        resource["owner"] = _ident(PROFESSIONAL_SYSTEM, referral.coach.email)
    if include_outcome:
        outputs: list[dict[str, Any]] = [
            {
                "type": {"coding": [{"system": OUTPUT_SYSTEM, "code": "deelgenomen"}]},
                "valueBoolean": referral.first_activity_on is not None,
            }
        ]
        if referral.first_activity_on is not None:
            outputs.append(
                {
                    "type": {"coding": [{"system": OUTPUT_SYSTEM, "code": "eerste-activiteit"}]},
                    "valueDate": referral.first_activity_on.isoformat(),
                }
            )
        resource["output"] = outputs
    validate_resource(Task, resource)
    return resource


# -- import ----------------------------------------------------------------------------------


def _error(path: str, msg: str) -> FhirError:
    return FhirError([{"path": path, "msg": msg}])


def _expect(data: Any, resource_type: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping) or data.get("resourceType") != resource_type:
        found = data.get("resourceType") if isinstance(data, Mapping) else None
        raise _error("resourceType", f"Expected {resource_type}, got {found!r}.")
    return data


def _identifier_value(ref: Any, system: str) -> str | None:
    ident = getattr(ref, "identifier", None) if ref is not None else None
    if ident is None or ident.system != system:
        return None
    return str(ident.value) if ident.value else None


def _professional(email: str, path: str) -> User:
    found = User.objects.filter(email=email.lower(), is_active=True).first()
    if found is None:
        raise _error(path, "No professional with this identifier on the platform.")
    return found


def _parse_service_request(data: Any) -> ServiceRequest:
    resource: ServiceRequest = validate_resource(ServiceRequest, _expect(data, "ServiceRequest"))
    if resource.status not in REQUEST_STATUSES:
        raise _error("ServiceRequest.status", f"Unknown status {resource.status!r}.")
    if resource.intent not in ("order", "original-order", "proposal", "plan"):
        raise _error("ServiceRequest.intent", "Expected a referral (order or proposal).")
    for i, ident in enumerate(resource.identifier or []):
        if ident.system in BSN_SYSTEMS:
            # The request's own identifiers are stored (to know a request sent again); a BSN
            # must never be, so the request is refused rather than its BSN quietly dropped.
            raise _error(
                f"ServiceRequest.identifier[{i}].system",
                "A BSN is never sent to the platform; name the resident by their referral code.",
            )
    return resource


def import_service_request(data: Any, *, referrer: User) -> tuple[Referral, bool]:
    """Read a ServiceRequest sent by `referrer`'s system. Returns (referral, created): a
    request that names a referral already known (our identifier, or the practice's own one
    sent before) gives that referral back unchanged. Nothing is stored when anything is wrong.
    """
    return _import_service_request(_parse_service_request(data), referrer=referrer)


def import_service_request_from_practice(
    data: Any, *, practice: Organisation
) -> tuple[Referral, bool]:
    """Read a ServiceRequest sent by a practice's own system (an API key), which refers on
    behalf of the professional its requester names. PermissionDenied when that is not a
    professional of `practice` who may refer: an unknown address is refused the same way, so
    a key cannot find out who has an account elsewhere."""
    resource = _parse_service_request(data)
    email = _identifier_value(resource.requester, PROFESSIONAL_SYSTEM)
    if email is None:
        raise _error(
            "ServiceRequest.requester.identifier",
            f"A practice's system names the referring professional ({PROFESSIONAL_SYSTEM}).",
        )
    referrer = User.objects.filter(email=email.lower(), is_active=True).first()
    if referrer is None or not access.may_refer_for(practice, referrer):
        raise PermissionDenied(
            "The requester is not a professional of this organisation who may refer."
        )
    return _import_service_request(resource, referrer=referrer, practice=practice)


def _import_service_request(
    resource: ServiceRequest, *, referrer: User, practice: Organisation | None = None
) -> tuple[Referral, bool]:
    known = _known(resource, referrer, practice)
    if known is not None:
        return known, False

    reason = None
    for i, concept in enumerate(resource.reasonCode or []):
        for j, coding in enumerate(concept.coding or []):
            if coding.system == REASON_SYSTEM:
                if coding.code not in Reason.values:
                    raise _error(
                        f"ServiceRequest.reasonCode[{i}].coding[{j}].code",
                        f"Unknown reason category {coding.code!r}.",
                    )
                reason = coding.code
    if reason is None:
        raise _error(
            "ServiceRequest.reasonCode", f"A reason category from {REASON_SYSTEM} is required."
        )
    code = _identifier_value(resource.subject, CODE_SYSTEM)
    if code is None:
        raise _error(
            "ServiceRequest.subject.identifier",
            f"The resident is named by a referral code ({CODE_SYSTEM}).",
        )
    found_code = ReferralCode.objects.filter(code=code.upper()).select_related("user").first()
    if found_code is None:
        raise _error("ServiceRequest.subject.identifier.value", "Unknown referral code.")
    requester = _identifier_value(resource.requester, PROFESSIONAL_SYSTEM)
    if requester is not None and requester.lower() != referrer.email.lower():
        raise _error(
            "ServiceRequest.requester.identifier.value",
            "The requester is not the one sending this referral.",
        )

    coach = None
    initiative_id = activity_id = None
    for i, performer in enumerate(resource.performer or []):
        path = f"ServiceRequest.performer[{i}].identifier.value"
        if (email := _identifier_value(performer, PROFESSIONAL_SYSTEM)) is not None:
            coach = _professional(email, path)
        elif (value := _identifier_value(performer, ACTIVITY_SYSTEM)) is not None:
            activity_id = _int(value, path)
        elif (value := _identifier_value(performer, INITIATIVE_SYSTEM)) is not None:
            initiative_id = _int(value, path)
    days = (
        set(resource.occurrenceTiming.repeat.dayOfWeek or [])
        if (resource.occurrenceTiming and resource.occurrenceTiming.repeat)
        else set()
    )
    time_preference = next((k for k, v in DAYS.items() if set(v) == days), "")
    if days and not time_preference:
        raise _error(
            "ServiceRequest.occurrenceTiming.repeat.dayOfWeek",
            "Give all weekdays or both weekend days.",
        )
    close = next(
        (e.valueBoolean for e in resource.extension or [] if e.url == CLOSE_TO_HOME), False
    )
    authored = _moment(resource.authoredOn)
    try:
        with transaction.atomic():
            referral = services.referral_create(
                referrer=referrer,
                resident=found_code.user,
                reason=reason,
                # The code is given by the resident at the practice: that is their consent.
                resident_consented=True,
                coach=coach,
                initiative_id=initiative_id,
                activity_id=activity_id,
                time_preference=time_preference,
                close_to_home=bool(close),
                external_id=_external_id(resource),
                created_at=authored,
            )
    except ValidationError as error:
        fields = {
            "coach": "performer",
            "initiative": "performer",
            "activity": "performer",
            "resident": "subject",
        }
        # Each of the service's fields as the element of the resource it came from; an
        # error about no field in particular as the resource's.
        raise FhirError(
            [
                {
                    "path": f"ServiceRequest.{fields.get(f, f)}" if f else "ServiceRequest",
                    "msg": text_of(single),
                }
                for f, single in by_field(error)
            ]
        ) from error
    return referral, True


def _int(value: str, path: str) -> int:
    if not value.isdigit():
        raise _error(path, "Expected a number.")
    return int(value)


def _moment(value: Any) -> datetime | None:
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else parse_datetime(str(value))
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return min(moment, timezone.now())


def _external_id(resource: ServiceRequest) -> str:
    own = (i.value for i in resource.identifier or [] if i.system != REFERRAL_SYSTEM and i.value)
    return str(next(own, ""))[:64]


def _known(
    resource: ServiceRequest, referrer: User, practice: Organisation | None
) -> Referral | None:
    """The referral the request names, among those its sender may read: the referrer's own,
    or for a practice's system those made at the practice (whichever colleague referred)."""
    for ident in resource.identifier or []:
        value = str(ident.value or "")
        if ident.system == REFERRAL_SYSTEM and value.isdigit():
            found = Referral.objects.filter(pk=int(value)).first()
            if found is None:
                continue
            if (
                access.is_of_practice(practice, found)
                if practice
                else access.may_read(referrer, found)
            ):
                return found
    external = _external_id(resource)
    if external:
        mine = Referral.objects.filter(external_id=external)
        mine = mine.filter(practice=practice) if practice else mine.filter(referrer=referrer)
        return mine.first()
    return None


def import_task(data: Any, *, user: User) -> Referral:
    """Progress reported by the coach's system: moves the referral to the Task's status."""
    resource: Task = validate_resource(Task, _expect(data, "Task"))
    referral = None
    for i, based in enumerate(resource.basedOn or []):
        value = _identifier_value(based, REFERRAL_SYSTEM)
        if (
            value is None
            and based.reference
            and based.reference.startswith("ServiceRequest/verwijzing-")
        ):
            value = based.reference.rsplit("-", 1)[1]
        if value is not None and value.isdigit():
            referral = Referral.objects.filter(pk=int(value)).first()
            if referral is None or not access.may_read(user, referral):
                raise _error(f"Task.basedOn[{i}]", "Unknown referral.")
    if referral is None:
        raise _error("Task.basedOn", "The Task must be based on a referral of this platform.")
    status = STATUS_OF_TASK.get(str(resource.status))
    if status is None:
        raise _error("Task.status", f"Status {resource.status!r} has no step in the loop.")
    if status == referral.status:
        return referral
    try:
        return services.referral_advance(user=user, referral=referral, status=status)
    except ValidationError as error:
        raise _error("Task.status", " ".join(error.messages)) from error
