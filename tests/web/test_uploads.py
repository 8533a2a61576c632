"""Uploaded files are recognised by their first bytes and bounded in size, on every page that
takes one; the refusal says why, and nothing is stored."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gezondewijk.checks import views_questionnaire
from gezondewijk.checks.models import Questionnaire
from gezondewijk.couplings import views as couplings_views
from gezondewijk.people.models import Organisation
from gezondewijk.permissions.roles import Role
from gezondewijk.projectbank import forms as projectbank_forms
from gezondewijk.projectbank.models import Intervention
from gezondewijk.web import uploads
from tests import factories
from tests.conftest import World

# An ELF executable, the kind of thing a renamed upload hides.
EXECUTABLE = b"\x7fELF\x02\x01\x01\x00" + bytes(200)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (PDF, "pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpeg"),
        (b"PK\x03\x04\x14\x00", "zip"),
        (b'\xef\xbb\xbf  {"resourceType": "Questionnaire"}', "json"),
        ("gemeente,naam\nGM9001,Café\n".encode(), "text"),
        (EXECUTABLE, "unknown"),
        (b"\xff\xfe\x00\x00 not utf-8", "unknown"),
    ],
)
def test_the_first_bytes_say_what_a_file_is(head: bytes, kind: str) -> None:
    assert uploads.kind_of(head, complete=True) == kind


def test_a_multibyte_character_cut_at_the_end_of_the_head_is_still_text() -> None:
    head = ("a" * 4095 + "é").encode()[: uploads.HEAD_BYTES]
    assert uploads.kind_of(head) == "text"
    assert uploads.kind_of(head, complete=True) == "unknown"


def test_check_upload_refuses_empty_too_large_and_renamed_files() -> None:
    def check(name: str, content: bytes, max_bytes: int = 1024) -> None:
        uploads.check_upload(
            SimpleUploadedFile(name, content), accepted={"json"}, max_bytes=max_bytes
        )

    check("ok.json", b"{}")
    with pytest.raises(ValidationError, match="leeg"):
        check("leeg.json", b"")
    with pytest.raises(ValidationError, match=re.escape("groter dan 0.5 MB")):
        check("groot.json", b"[" + b" " * 600_000 + b"]", max_bytes=512 * 1024)
    with pytest.raises(ValidationError, match=re.escape("“virus.json” is geen JSON-bestand")):
        check("virus.json", EXECUTABLE)


# -- every page that takes a file -----------------------------------------------------------


@pytest.fixture
def admin_client(world: World) -> Client:
    client = Client()
    client.force_login(factories.user_with_role(Role.REGION_ADMIN, world.region))
    return client


MB = 1024 * 1024


def _too_large(start: bytes) -> SimpleUploadedFile:
    """Just over the 1 MB each test below sets as the limit (the real ones are 2 to 20 MB)."""
    return SimpleUploadedFile("groot", start + b" " * (MB + 1 - len(start)))


def test_the_questionnaire_import_refuses_a_renamed_executable_and_a_large_file(
    admin_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views_questionnaire, "MAX_UPLOAD", MB)
    url = reverse("checks:questionnaire_list")
    renamed = admin_client.post(
        url, {"file": SimpleUploadedFile("vragen.json", EXECUTABLE), "kind": "check"}
    )
    large = admin_client.post(url, {"file": _too_large(b"{"), "kind": "check"})

    assert "is geen JSON-bestand" in str(renamed.context["form"].errors["file"])
    assert "groter dan 1 MB" in str(large.context["form"].errors["file"])
    assert not Questionnaire.objects.exists()


def test_the_bank_exchange_import_refuses_a_renamed_executable_and_a_large_file(
    admin_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(projectbank_forms, "MAX_EXCHANGE_BYTES", MB)
    url = reverse("projectbank:exchange")
    renamed = admin_client.post(url, {"file": SimpleUploadedFile("bank.json", EXECUTABLE)})
    large = admin_client.post(url, {"file": _too_large(b"{")})

    assert renamed.status_code == large.status_code == 400
    assert "is geen JSON-bestand" in str(renamed.context["form"].errors["file"])
    assert "groter dan 1 MB" in str(large.context["form"].errors["file"])
    assert not Intervention.objects.exists()


def test_the_social_map_import_refuses_a_renamed_executable_and_a_large_file(
    admin_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(couplings_views, "MAX_UPLOAD", MB)
    url = reverse("couplings:socialmap")
    renamed = admin_client.post(
        url, {"bestand": SimpleUploadedFile("kaart.xlsx", EXECUTABLE), "tabel": "organisaties"}
    )
    large = admin_client.post(
        url,
        {"bestand": _too_large(b"gemeente"), "tabel": "organisaties"},
    )

    assert renamed.status_code == large.status_code == 400
    assert "is geen CSV/TXT of XLSX/DOCX/ODF-bestand" in renamed.content.decode()
    assert "groter dan 1 MB" in large.content.decode()
    assert not Organisation.objects.exists()
