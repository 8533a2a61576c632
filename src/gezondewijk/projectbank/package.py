"""The draaiboek as one package: a ZIP with the playbook as JSON and PDF and its materials.

The exchange between banks carries only references to materials (title, file name, size,
checksum); this package is how a playbook travels whole, e.g. to a partner who carries it
out. Layout:

    draaiboek.json          the playbook in the exchange format's shape (see playbook_out)
    draaiboek.pdf           the printable playbook
    materialen/<file name>  each uploaded material, under the `filename` the JSON names

A material whose stored file is gone or no longer matches its checksum is left out and
named in `ontbrekend.txt`, so a receiver never gets a different file under a trusted name.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

from gezondewijk.projectbank import exchange
from gezondewijk.projectbank.models import Intervention, Material, Playbook
from gezondewijk.projectbank.pdf import playbook_pdf

MATERIALS_DIR = "materialen"


def _read_checked(material: Material) -> bytes | None:
    try:
        with material.file.open("rb") as handle:
            content: bytes = handle.read()
    except (FileNotFoundError, OSError):
        return None
    return content if hashlib.sha256(content).hexdigest() == material.sha256 else None


def playbook_package(intervention: Intervention, playbook: Playbook) -> bytes:
    document = {
        "intervention": str(intervention.uid),
        "title": intervention.title,
        "materials_folder": MATERIALS_DIR,
        **exchange.playbook_out(playbook).model_dump(mode="json"),
    }
    missing: list[str] = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "draaiboek.json", json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        )
        package.writestr("draaiboek.pdf", playbook_pdf(intervention, playbook))
        for material in playbook.materials.all():
            content = _read_checked(material)
            if content is None:
                missing.append(f"{material.title} ({material.filename})")
                continue
            package.writestr(f"{MATERIALS_DIR}/{material.filename}", content)
        if missing:
            package.writestr(
                "ontbrekend.txt",
                "Niet meegeleverd: het bestand ontbreekt of wijkt af van de controlesom.\n"
                + "".join(f"- {m}\n" for m in missing),
            )
    return buffer.getvalue()
