"""The project bank pages: search with filters, an intervention with its playbook, PDF and
JSON, forms that report bad input, and the exchange page."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from gezondewijk.permissions.roles import Role
from gezondewijk.projectbank.models import Intervention, Material
from tests import factories
from tests.conftest import World
from tests.projectbank.factories import ExperienceFactory, InterventionFactory, StepFactory


@pytest.fixture
def coordinator_client(world: World) -> Client:
    client = Client()
    client.force_login(world.coordinator)
    return client


@pytest.fixture
def resident_client(world: World) -> Client:
    client = Client()
    client.force_login(world.resident)
    return client


def test_search_finds_a_dutch_word_form_and_filters_by_recognition(
    resident_client: Client,
) -> None:
    InterventionFactory(title="Samen bewegen", recognition="effectief_goede", themes=["bewegen"])
    InterventionFactory(title="Beweegtuin", recognition="goed_beschreven", themes=["bewegen"])
    InterventionFactory(title="Taalcafé", themes=["meedoen"])
    url = reverse("projectbank:intervention_list")
    response = resident_client.get(url, {"q": "beweging"})
    assert response.status_code == 200
    assert "Samen bewegen" in response.text
    assert "Taalcafé" not in response.text
    response = resident_client.get(url, {"q": "bewegen", "recognition": "effectief_goede"})
    assert "Samen bewegen" in response.text
    assert "Beweegtuin" not in response.text


def test_the_intervention_page_shows_playbook_experiences_and_similar_ones(
    resident_client: Client,
) -> None:
    step = StepFactory(title="Wandelroute uitzetten")
    intervention = step.playbook.intervention
    ExperienceFactory(intervention=intervention, rating=4, what_worked="Vaste tijd op dinsdag.")
    ExperienceFactory(intervention=intervention, rating=2, what_worked="Flyers in de bus.")
    InterventionFactory(title="Verwante aanpak", themes=["meedoen"])
    response = resident_client.get(
        reverse("projectbank:intervention_detail", args=[intervention.uid])
    )
    assert "Wandelroute uitzetten" in response.text
    assert "Vaste tijd op dinsdag." in response.text
    assert "3,0" in response.text or "3.0" in response.text  # the average rating
    assert "Verwante aanpak" in response.text
    # A resident reads but is offered no editing or selecting.
    assert reverse("projectbank:intervention_edit", args=[intervention.uid]) not in response.text
    assert "organisation" not in response.context or response.context["endorse_form"] is None


def test_an_unknown_intervention_is_not_found(resident_client: Client) -> None:
    url = reverse("projectbank:intervention_detail", args=["00000000-0000-0000-0000-000000000000"])
    assert resident_client.get(url).status_code == 404


def test_the_playbook_downloads_as_a_pdf_with_its_steps(resident_client: Client) -> None:
    step = StepFactory(title="Wijk verkennen — met bewoners", duration_weeks=3)
    step.playbook.budget_lines.create(category="locatie", description="Zaalhuur", amount="120.50")
    uid = step.playbook.intervention.uid
    response = resident_client.get(reverse("projectbank:playbook_pdf", args=[uid]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Wijk verkennen - met bewoners" in text
    assert "EUR 120,50" in text


def test_the_playbook_exports_as_json(resident_client: Client) -> None:
    step = StepFactory(title="Aftrap", roles="coördinator, buurtsportcoach")
    uid = step.playbook.intervention.uid
    response = resident_client.get(reverse("projectbank:playbook_json", args=[uid]))
    body = json.loads(response.content)
    assert body["intervention"] == str(uid)
    assert body["steps"][0]["roles"] == ["coördinator", "buurtsportcoach"]


def test_a_playbook_that_does_not_exist_has_no_pdf(resident_client: Client) -> None:
    uid = InterventionFactory().uid
    assert resident_client.get(reverse("projectbank:playbook_pdf", args=[uid])).status_code == 404


def test_the_intervention_form_reports_bad_input_by_field(coordinator_client: Client) -> None:
    response = coordinator_client.post(
        reverse("projectbank:intervention_create"),
        {
            "title": "Zonder thema",
            "summary": "x",
            "recognition": "niet_beoordeeld",
            "evidence": "kapot",
        },
    )
    assert response.status_code == 200
    assert "themes" in response.context["form"].errors
    assert "evidence" in response.context["form"].errors
    assert not Intervention.objects.exists()


def test_a_coordinator_adds_an_intervention_through_the_form(coordinator_client: Client) -> None:
    response = coordinator_client.post(
        reverse("projectbank:intervention_create"),
        {
            "title": "Gezonde kantine",
            "summary": "Gezond eten en drinken in de sportkantine.",
            "recognition": "goed_beschreven",
            "themes": ["voeding"],
            "settings": ["sportvereniging"],
            "evidence": "Richtlijn https://example.org/kantine",
        },
    )
    created = Intervention.objects.get()
    assert response["Location"] == reverse("projectbank:intervention_detail", args=[created.uid])
    assert created.evidence_links.get().title == "Richtlijn"


def test_a_wrong_material_is_refused_on_the_page_with_the_reason(
    coordinator_client: Client,
) -> None:
    uid = StepFactory().playbook.intervention.uid
    response = coordinator_client.post(
        reverse("projectbank:material_add", args=[uid]),
        {"title": "Flyer", "file": SimpleUploadedFile("flyer.pdf", b"geen pdf")},
    )
    assert response.status_code == 400
    assert "past niet bij de naam" in str(response.context["material_form"].errors["file"])
    assert not Material.objects.exists()


def test_the_exchange_page_imports_and_reports_a_bad_file(coordinator_client: Client) -> None:
    url = reverse("projectbank:exchange")
    bad = SimpleUploadedFile("noord.json", b'{"format": "gezondewijk-projectbank", "version": 1}')
    response = coordinator_client.post(url, {"file": bad})
    assert response.status_code == 400
    assert "interventions: Field required" in response.text
    good = {
        "format": "gezondewijk-projectbank",
        "version": 1,
        "exported_at": "2026-01-01T00:00:00Z",
        "bank": {"bank": "Projectenbank Noord"},
        "interventions": [],
    }
    response = coordinator_client.post(
        url, {"file": SimpleUploadedFile("noord.json", json.dumps(good).encode())}
    )
    assert response.status_code == 200
    assert response.context["result"].created == 0


def test_a_funder_may_export_but_not_import(world: World) -> None:
    client = Client()
    client.force_login(factories.user_with_role(Role.FUNDER, world.region))
    assert client.get(reverse("projectbank:exchange_export")).status_code == 200
    response = client.post(
        reverse("projectbank:exchange"), {"file": SimpleUploadedFile("x.json", b"{}")}
    )
    assert response.status_code == 403


def test_a_coordinator_reorders_and_removes_steps_on_the_page(coordinator_client: Client) -> None:
    first = StepFactory(title="Verkennen", position=1)
    second = StepFactory(playbook=first.playbook, title="Werven", position=2)
    uid = first.playbook.intervention.uid
    coordinator_client.post(
        reverse("projectbank:step_move", args=[uid, second.pk]), {"position": "1"}
    )
    assert list(first.playbook.steps.values_list("title", flat=True)) == ["Werven", "Verkennen"]
    coordinator_client.post(reverse("projectbank:step_delete", args=[uid, second.pk]))
    assert list(first.playbook.steps.values_list("title", "position")) == [("Verkennen", 1)]


def test_a_step_of_another_playbook_is_not_found(coordinator_client: Client) -> None:
    uid = StepFactory().playbook.intervention.uid
    elsewhere = StepFactory()
    response = coordinator_client.post(reverse("projectbank:step_delete", args=[uid, elsewhere.pk]))
    assert response.status_code == 404


def test_the_reindex_command_rebuilds_the_search_index(db: None) -> None:
    from django.core.management import call_command

    from gezondewijk.projectbank import search

    InterventionFactory(title="Moestuin van de buurt")
    search.clear_index()
    call_command("projectbank_reindex", stdout=io.StringIO())
    found = Intervention.objects.filter(title="Moestuin van de buurt")
    assert list(search.matches("moestuinen").ids) == [found.get().pk]


def test_the_playbook_package_holds_json_pdf_and_the_material_files(
    coordinator_client: Client,
) -> None:
    import hashlib
    import zipfile

    step = StepFactory(title="Aftrap")
    uid = step.playbook.intervention.uid
    add = reverse("projectbank:material_add", args=[uid])
    poster = SimpleUploadedFile("poster.pdf", b"%PDF-1.7\nposter")
    assert (
        coordinator_client.post(
            add, {"title": "Poster", "file": poster, "step": step.pk}
        ).status_code
        == 302
    )
    flyer = SimpleUploadedFile("flyer.txt", b"Doe mee op dinsdag!")
    assert coordinator_client.post(add, {"title": "Flyer", "file": flyer}).status_code == 302
    broken = Material.objects.get(title="Flyer")
    response = coordinator_client.get(reverse("projectbank:playbook_zip", args=[uid]))
    assert response["Content-Type"] == "application/zip"
    package = zipfile.ZipFile(io.BytesIO(response.content))
    document = json.loads(package.read("draaiboek.json"))
    [ref] = document["steps"][0]["materials"]
    content = package.read(f"materialen/{ref['filename']}")
    assert content == b"%PDF-1.7\nposter"
    assert hashlib.sha256(content).hexdigest() == ref["sha256"]
    assert document["materials"][0]["title"] == "Flyer"
    assert package.read("draaiboek.pdf").startswith(b"%PDF-")
    # A stored file that no longer matches its checksum is not passed on under its name.
    broken.file.storage.delete(broken.file.name)
    with broken.file.storage.open(broken.file.name, "wb") as handle:
        handle.write(b"iets anders")
    package = zipfile.ZipFile(
        io.BytesIO(coordinator_client.get(reverse("projectbank:playbook_zip", args=[uid])).content)
    )
    assert f"materialen/{broken.filename}" not in package.namelist()
    assert "Flyer" in package.read("ontbrekend.txt").decode()


def test_a_refused_material_is_explained_on_the_page(coordinator_client: Client) -> None:
    step = StepFactory()
    response = coordinator_client.post(
        reverse("projectbank:material_add", args=[step.playbook.intervention.uid]),
        {"title": "Programma", "file": SimpleUploadedFile("programma.exe", b"MZ\x90\x00")},
    )
    assert response.status_code == 400
    assert "exe" in response.text
    assert not Material.objects.exists()
