"""`gezondewijk import_fhir FILE`: a FHIR Questionnaire, or a resident's QuestionnaireResponses.

A Questionnaire (R4 or STU3) becomes a new version for the region. A QuestionnaireResponse or
a Bundle of them is imported for the resident named with --resident, completely or not at all;
identifiers of the person in the file (such as a BSN) are not stored.
"""

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gezondewijk.checks import services
from gezondewijk.checks.fhir import FhirError
from gezondewijk.checks.models import QuestionnaireKind
from gezondewijk.people.models import User


class Command(BaseCommand):
    help = "Import a FHIR Questionnaire, or QuestionnaireResponses for one resident."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="FHIR JSON file")
        parser.add_argument("--resident", metavar="EMAIL", help="whose answers these are")
        parser.add_argument(
            "--kind",
            choices=QuestionnaireKind.values,
            default=QuestionnaireKind.HEALTH_CHECK,
            help="for a Questionnaire: what it is used for",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            document = json.loads(Path(options["file"]).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"{options['file']}: cannot read JSON ({error})") from error
        try:
            if isinstance(document, dict) and document.get("resourceType") == "Questionnaire":
                stored = services.questionnaire_save(
                    resource=document, kind=QuestionnaireKind(options["kind"])
                )
                self.stdout.write(f"Questionnaire {stored.canonical} imported.")
                return
            user = User.objects.filter(email__iexact=options["resident"] or "").first()
            if user is None:
                raise CommandError("Name the resident whose answers these are: --resident EMAIL")
            created = services.responses_import(user=user, document=document, source="cli")
        except FhirError as error:
            raise CommandError(
                "\n".join(f"{e['path']}: {e['msg']}" for e in error.errors)
            ) from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"{len(created)} responses imported for {user.email}.")
