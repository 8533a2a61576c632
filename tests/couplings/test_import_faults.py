"""The social-map CSV import interrupted part-way changes nothing; a re-run completes."""

import pytest

from gezondewijk.couplings import socialmap, socialmap_format
from gezondewijk.people.models import Organisation
from gezondewijk.plein.models import OrganisationActivity
from tests.conftest import World
from tests.couplings.test_socialmap import _csv_files, _social_map, _wipe
from tests.import_faults import Interrupted, breaks_after, database_state

pytestmark = pytest.mark.django_db


def test_an_error_after_organisations_and_places_leaves_the_database_as_it_was(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _social_map(world)
    files = _csv_files()
    _wipe()
    tables = {t: socialmap_format.read_csv(t, data) for t, data in files.items()}
    before = database_state()
    # Organisations and places are written; the activities, last, break.
    monkeypatch.setattr(
        socialmap, "_write_activities", breaks_after(0, socialmap._write_activities)
    )

    with pytest.raises(Interrupted):
        socialmap.social_map_import(tables=tables)

    assert database_state() == before
    monkeypatch.undo()
    socialmap.social_map_import(tables=tables)
    assert Organisation.objects.count() == 2
    assert OrganisationActivity.objects.count() == 2
    assert _csv_files() == files
