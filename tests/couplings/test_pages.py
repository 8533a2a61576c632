"""The integrators' guide and the social-map page for the region's staff."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gezondewijk.couplings import signing
from gezondewijk.couplings.views import service_request_example
from gezondewijk.people import services as people_services
from gezondewijk.people.models import ApiScope, Organisation
from gezondewijk.permissions.roles import Role
from gezondewijk.referrals import selectors
from gezondewijk.referrals.models import Referral
from tests import factories
from tests.conftest import World
from tests.referrals.factories import coach, gp

pytestmark = pytest.mark.django_db


def test_the_guide_explains_keys_scopes_signatures_and_the_format(world: World) -> None:
    page = Client().get(reverse("couplings:docs")).content.decode()
    assert "webhooks:manage" in page
    assert "socialmap:write" in page
    assert signing.HEADER in page
    assert "def verify(" in page
    assert "hmac.compare_digest" in page
    assert "code,gemeente,organisatie,titel,begin,einde" in page


def test_the_python_example_on_the_guide_verifies_a_real_signature() -> None:
    # The guide shows signing.verify's own source, so what it says is what we run.
    body = b'{"type":"survey.opened"}'
    assert signing.verify("geheim", signing.header_value("geheim", body), body)


def test_a_region_administrator_imports_a_csv_and_sees_problems_by_line(world: World) -> None:
    admin = factories.user_with_role(Role.REGION_ADMIN, world.region)
    client = Client()
    client.force_login(admin)
    url = reverse("couplings:socialmap")
    bad = (
        b"gemeente,naam,type,wijken,website,beschrijving\n"
        b"GM9001,Goed,buurthuis,,,\n"
        b"GM9001,Fout,x,,,\n"
    )
    refused = client.post(
        url, {"bestand": SimpleUploadedFile("o.csv", bad), "tabel": "organisaties"}
    )
    assert refused.status_code == 400
    assert "organisaties, regel 3, kolom type" in refused.content.decode()
    assert not Organisation.objects.exists()

    good = bad.split(b"GM9001,Fout")[0]
    done = client.post(url, {"bestand": SimpleUploadedFile("o.csv", good), "tabel": "organisaties"})
    assert done.status_code == 302
    assert Organisation.objects.get().name == "Goed"


def test_a_coordinator_may_export_but_not_import(world: World) -> None:
    client = Client()
    client.force_login(world.coordinator)
    page = client.get(reverse("couplings:socialmap"))
    assert page.status_code == 200
    assert 'type="file"' not in page.content.decode()
    body = b"gemeente,naam,type,wijken,website,beschrijving\n"
    upload = SimpleUploadedFile("o.csv", body)
    assert client.post(reverse("couplings:socialmap"), {"bestand": upload}).status_code == 403
    csv = client.get(reverse("couplings:socialmap_download", args=["csv"]), {"tabel": "locaties"})
    assert csv.content.startswith(b"buurt,naam,soort")


def test_the_guides_referral_example_is_accepted_from_a_practices_system(world: World) -> None:
    page = Client().get(reverse("couplings:docs")).content.decode()
    assert "referrals:exchange" in page
    assert "/api/v1/referrals/fhir/ServiceRequest" in page
    assert "professional-email" in page
    # The example as shown, with the names of this world's resident and professionals.
    practice = factories.OrganisationFactory(gemeente=world.gemeente)
    example = service_request_example()
    example["subject"]["identifier"]["value"] = selectors.code_of(user=world.resident).code
    example["requester"]["identifier"]["value"] = gp(world, organisation=practice).email
    example["performer"][0]["identifier"]["value"] = coach(world).email
    _, raw = people_services.api_key_create(
        organisation=practice, name="HIS", scopes=[ApiScope.REFERRALS_EXCHANGE]
    )
    answer = Client(headers={"X-API-Key": raw}).post(
        "/api/v1/referrals/fhir/ServiceRequest", data=example, content_type="application/json"
    )
    assert answer.status_code == 201, answer.content
    assert Referral.objects.get().external_id == "V-2026-0042"
