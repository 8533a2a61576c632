"""`gezondewijk backup` / `restore`: a round trip loses nothing; a wrong file changes nothing."""

import hashlib
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from gezondewijk.backups import archive
from gezondewijk.backups.services import BackupError, Stage, backup_create, backup_restore
from gezondewijk.finance.models import Account
from gezondewijk.initiatives.models import Initiative
from gezondewijk.network.models import Tie
from gezondewijk.people.models import ResidentProfile, User
from gezondewijk.places.models import Buurt, Wijk
from gezondewijk.planner_statistics import refresh_planner_statistics
from gezondewijk.projectbank import selectors as bank
from tests import factories
from tests.planner import planner_row_estimate

# Restore is one transaction of its own: tests run outside the test-case transaction, so
# foreign keys are checked at the real commit, as in production.
pytestmark = pytest.mark.django_db(transaction=True)

Fingerprint = dict[str, tuple[int, str]]


def fingerprint() -> Fingerprint:
    """Per table: the number of rows and a checksum of all of them (every concrete column),
    computed independently of the backup code."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if not meta.managed or meta.proxy:
            continue
        columns = [f.attname for f in meta.concrete_fields]
        rows = sorted(repr(row) for row in model._base_manager.values_list(*columns))
        found[meta.label_lower] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return found


def rewrite(path: Path, change: Callable[[dict[str, bytes]], None]) -> None:
    """Rewrite the archive at `path` after `change` edited its members in place."""
    with zipfile.ZipFile(path) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    change(members)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def reseal(members: dict[str, bytes], label: str) -> None:
    """Make the manifest agree with an edited data member, as a careful forger would."""
    manifest = json.loads(members[archive.MANIFEST])
    data = members[f"{archive.DATA_DIR}{label}.jsonl"]
    lines = data.splitlines()
    canonical = (archive.line(json.loads(line), canonical=True) for line in lines)
    digest = sum(archive.row_digest(c) for c in canonical) % archive.DIGEST_MODULUS
    for entry in manifest["tables"]:
        if entry["label"] == label:
            entry.update(
                rows=len(lines), sha256=hashlib.sha256(data).hexdigest(), digest=f"{digest:032x}"
            )
    members[archive.MANIFEST] = json.dumps(manifest).encode()


def edit_rows(label: str, edit: Callable[[list[list[Any]]], None]) -> Callable[..., None]:
    def change(members: dict[str, bytes]) -> None:
        name = f"{archive.DATA_DIR}{label}.jsonl"
        rows = [json.loads(line) for line in members[name].splitlines()]
        edit(rows)
        members[name] = b"".join(archive.line(row) + b"\n" for row in rows)
        reseal(members, label)

    return change


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def small_region(world: Any) -> Any:
    factories.ResidentProfileFactory.create_batch(3, buurt=world.buurt)
    return world


@pytest.mark.slow
def test_round_trip_of_the_demo_region_restores_every_row(tmp_path: Path) -> None:
    call_command("demo", residents=400, verbosity=0)  # Utrecht: 111 buurten, both CBS years
    before = fingerprint()
    assert sum(rows for rows, _ in before.values()) > 10_000
    backup = tmp_path / "gezondewijk.zip"
    call_command("backup", str(backup), verbosity=0)

    # Change, add and delete things all over the database.
    User.objects.filter(pk__in=User.objects.order_by("pk")[:20].values("pk")).update(
        display_name="Gewijzigd"
    )
    # An initiative the fund never heard of (the fund's books protect the others).
    booked = Account.objects.filter(initiative__isnull=False).values("initiative")
    Initiative.objects.exclude(pk__in=booked).filter(grant_applications__isnull=True).order_by(
        "pk"
    ).first().delete()  # type: ignore[union-attr]
    assert Tie.objects.exists()  # the network's builder ran (see extra_builder in the demo tests)
    Tie.objects.all().delete()
    Buurt.objects.filter(pk=Buurt.objects.order_by("-pk")[0].pk).update(name="Nieuwe naam")
    factories.ResidentProfileFactory.create_batch(5, buurt=Buurt.objects.first())
    assert fingerprint() != before
    refresh_planner_statistics()  # the planner now counts the five new residents too

    call_command("restore", str(backup), interactive=False, verbosity=0)

    assert fingerprint() == before
    assert planner_row_estimate(User._meta.db_table) == User.objects.count()
    # New rows get fresh keys (sequences continue after the restored rows).
    newest = User.objects.order_by("-pk")[0].pk
    assert factories.ResidentProfileFactory().user.pk > newest
    # Derived data was rebuilt: the project bank's search finds interventions again.
    assert len(bank.interventions_search(filters=bank.Filters(query="bewegen"))) > 0


def test_restore_brings_back_deleted_residents_and_places(
    small_region: Any, tmp_path: Path
) -> None:
    before = fingerprint()
    backup_create(path=tmp_path / "b.zip")
    User.objects.filter(resident_profile__isnull=False).delete()
    Buurt.objects.filter(pk=small_region.other_buurt.pk).delete()
    assert not ResidentProfile.objects.exists()
    summary = backup_restore(path=tmp_path / "b.zip")
    assert fingerprint() == before
    assert summary.rows == sum(rows for rows, _ in before.values())


def test_uploaded_files_come_back(small_region: Any, tmp_path: Path, settings: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    upload = settings.MEDIA_ROOT / "draaiboeken" / "2026" / "plan.pdf"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"%PDF-1.4 draaiboek")
    summary = backup_create(path=tmp_path / "b.zip")
    assert summary.media_files == 1
    upload.unlink()
    backup_restore(path=tmp_path / "b.zip")
    assert upload.read_bytes() == b"%PDF-1.4 draaiboek"


def test_a_file_that_is_not_a_zip_is_refused_and_changes_nothing(
    small_region: Any, tmp_path: Path
) -> None:
    before = fingerprint()
    wrong = tmp_path / "wrong.zip"
    wrong.write_text("wijk,buurt\n")
    with pytest.raises(CommandError, match="not a Gezonde Wijk backup: it is not a zip archive"):
        call_command("restore", str(wrong), interactive=False, verbosity=0)
    assert fingerprint() == before


def test_the_refusal_speaks_dutch(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.zip"
    wrong.write_text("wijk,buurt\n")
    with translation.override("nl"), pytest.raises(BackupError, match="geen zip-archief"):
        backup_restore(path=wrong)


def test_a_zip_without_a_manifest_is_refused(small_region: Any, tmp_path: Path) -> None:
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("notes.txt", "hallo")
    with pytest.raises(BackupError, match=r"it has no manifest\.json"):
        backup_restore(path=other)


def test_a_damaged_data_file_is_refused_and_changes_nothing(
    small_region: Any, tmp_path: Path
) -> None:
    backup = tmp_path / "b.zip"
    backup_create(path=backup)
    before = fingerprint()

    def damage(members: dict[str, bytes]) -> None:
        name = f"{archive.DATA_DIR}people.user.jsonl"
        members[name] = members[name].replace(b"Regio", b"Regia", 1)[:-40] + b"\n"

    rewrite(backup, damage)
    ResidentProfile.objects.order_by("pk").first().delete()  # type: ignore[union-attr]
    changed = fingerprint()
    with pytest.raises(BackupError, match=r"damaged: data/people\.user\.jsonl"):
        backup_restore(path=backup)
    assert fingerprint() == changed != before


def test_a_wrong_value_names_file_line_and_column_and_changes_nothing(
    small_region: Any, tmp_path: Path
) -> None:
    backup = tmp_path / "b.zip"
    backup_create(path=backup)
    columns = [f.attname for f in User._meta.concrete_fields]

    def bad_date(rows: list[list[Any]]) -> None:
        rows[1][columns.index("date_joined")] = "gisteren"

    rewrite(backup, edit_rows("people.user", bad_date))
    before = fingerprint()
    with pytest.raises(BackupError, match=r"people\.user\.jsonl line 2: date_joined holds"):
        backup_restore(path=backup)
    assert fingerprint() == before


def test_rows_that_point_nowhere_roll_the_whole_restore_back(
    small_region: Any, tmp_path: Path
) -> None:
    backup = tmp_path / "b.zip"
    backup_create(path=backup)
    columns = [f.attname for f in ResidentProfile._meta.concrete_fields]

    def dangling(rows: list[list[Any]]) -> None:
        rows[0][columns.index("buurt_id")] = 999_999

    rewrite(backup, edit_rows("people.residentprofile", dangling))
    Wijk.objects.filter(pk=small_region.other_wijk.pk).update(name="Later hernoemd")
    before = fingerprint()
    with pytest.raises(BackupError, match="do not fit together"):
        backup_restore(path=backup)
    assert fingerprint() == before


def test_a_backup_of_another_schema_is_refused(small_region: Any, tmp_path: Path) -> None:
    backup = tmp_path / "b.zip"
    backup_create(path=backup)

    def older_schema(members: dict[str, bytes]) -> None:
        manifest = json.loads(members[archive.MANIFEST])
        for entry in manifest["tables"]:
            if entry["label"] == "places.wijk":
                entry["columns"] = entry["columns"][:-1]
        manifest["tables"].append({**manifest["tables"][0], "label": "oud.tabel"})
        members[archive.MANIFEST] = json.dumps(manifest).encode()

    rewrite(backup, older_schema)
    before = fingerprint()
    with pytest.raises(BackupError, match="another version of the database schema") as refused:
        backup_restore(path=backup)
    assert "oud.tabel" in str(refused.value)
    assert "places.wijk" in str(refused.value)
    assert fingerprint() == before


def test_an_uploaded_file_outside_the_media_folder_is_refused(
    small_region: Any, tmp_path: Path
) -> None:
    backup = tmp_path / "b.zip"
    backup_create(path=backup)

    def escape(members: dict[str, bytes]) -> None:
        manifest = json.loads(members[archive.MANIFEST])
        manifest["media"] = [{"name": "../../etc/evil", "size": 4}]
        members[archive.MANIFEST] = json.dumps(manifest).encode()
        members[archive.MEDIA_DIR + "../../etc/evil"] = b"evil"

    rewrite(backup, escape)
    with pytest.raises(BackupError, match="outside the media folder"):
        backup_restore(path=backup)


def test_backup_command_prints_its_figures_and_will_not_overwrite(
    small_region: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "b.zip"
    call_command("backup", str(backup), verbosity=0)
    out = capsys.readouterr().out
    figures = dict(line.split(": ", 1) for line in out.splitlines())
    assert int(figures["rows"]) == sum(rows for rows, _ in fingerprint().values())
    assert int(figures["tables"]) == len(archive.tables())
    with pytest.raises(CommandError, match="already exists; pass --force"):
        call_command("backup", str(backup), verbosity=0)


def test_progress_is_reported_up_to_every_row_and_table(small_region: Any, tmp_path: Path) -> None:
    seen: list[tuple[Stage, int, int]] = []
    summary = backup_create(path=tmp_path / "b.zip", on_progress=lambda *a: seen.append(a))
    assert seen[-1] == (Stage.DUMP, summary.rows, summary.rows)
    assert all(done <= total for _stage, done, total in seen)
    seen.clear()
    backup_restore(path=tmp_path / "b.zip", on_progress=lambda *a: seen.append(a))
    last = {stage: (done, total) for stage, done, total in seen}
    assert last[Stage.LOAD] == (summary.rows, summary.rows)
    assert last[Stage.VERIFY] == (summary.tables, summary.tables)
