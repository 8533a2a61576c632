"""The CBS import interrupted mid-file (an error part-way, a killed process) changes nothing;
run again, it completes."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gezondewijk.places.importers import cbs
from gezondewijk.places.importers.cbs import Stage, import_cbs_file
from gezondewijk.places.models import Buurt, Gemeente, Wijk
from tests.conftest import World
from tests.import_faults import Interrupted, breaks_after, database_state
from tests.places.test_cbs_import import write_csv

pytestmark = pytest.mark.django_db


def cbs_rows(gemeenten: int, wijken: int, buurten: int) -> list[list[str]]:
    """A well-formed key-figures table: gemeenten GM91xx with their wijken and buurten."""
    rows = []
    for g in range(gemeenten):
        gm = f"{9100 + g}"
        rows.append([f"GM{gm}", f"Gemeente {g}", "Gemeente", "9000", "4400", "2,1", "900", "1"])
        for w in range(1, wijken + 1):
            rows.append([f"WK{gm}{w:02d}", f"Wijk {w}", "Wijk", "900", "440", "2,0", "90", "2"])
            for b in range(1, buurten + 1):
                code = f"BU{gm}{w:02d}{b:02d}"
                rows.append([code, f"Buurt {b}", "Buurt", "90", "44", "1,9", "9", "2"])
    return rows


def test_an_error_while_writing_buurten_leaves_the_database_as_it_was(
    world: World, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "kwb-2024.csv", cbs_rows(1, 3, 4))
    before = database_state()
    on_write = breaks_after(2, lambda *args: None)  # gemeente and wijken written, then it breaks

    def progress(stage: Stage, done: int, total: int) -> None:
        if stage == Stage.WRITE and done:
            on_write()

    with pytest.raises(Interrupted):
        import_cbs_file(path=path, on_progress=progress)

    assert database_state() == before
    result = import_cbs_file(path=path)
    assert result.imported
    assert Buurt.objects.filter(code__startswith="BU9100").count() == 12
    assert Wijk.objects.filter(code__startswith="WK9100").count() == 3
    assert Gemeente.objects.filter(code="GM9100").exists()


def test_an_error_in_a_later_chunk_undoes_the_earlier_chunks(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cbs, "WRITE_CHUNK", 5)
    path = write_csv(tmp_path / "kwb-2024.csv", cbs_rows(1, 2, 10))
    before = database_state()
    monkeypatch.setattr(cbs, "_upsert", breaks_after(3, cbs._upsert))

    with pytest.raises(Interrupted):
        import_cbs_file(path=path)

    assert database_state() == before
    monkeypatch.undo()
    import_cbs_file(path=path)
    assert Buurt.objects.filter(code__startswith="BU9100").count() == 20


def _gezondewijk(database: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    env.pop("TEST_DATABASE_URL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "gezondewijk", *args, "--verbosity", "0"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _dump(database: Path) -> tuple[list[int], int]:
    with sqlite3.connect(database) as db:
        counts = [
            db.execute(f"select count(*) from places_{t}").fetchone()[0]
            for t in ("gemeente", "wijk", "buurt")
        ]
        return counts, hash("\n".join(db.iterdump()))


@pytest.mark.slow
def test_a_killed_import_process_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    """A real process, killed with SIGKILL while it writes a large file into a SQLite
    database: nothing of the file is in the database afterwards; the next run completes."""
    database = tmp_path / "killed.sqlite3"
    assert _gezondewijk(database, "migrate").wait(timeout=300) == 0
    # 18 000 buurten: the import writes for seconds before it commits, time enough to kill it.
    path = write_csv(tmp_path / "kwb-2024.csv", cbs_rows(5, 60, 60))
    before = _dump(database)
    wal = Path(f"{database}-wal")

    process = _gezondewijk(database, "import-cbs", str(path))
    # Writing has begun once the transaction's pages pile up in the write-ahead log.
    while process.poll() is None and not (wal.exists() and wal.stat().st_size > 1_000_000):
        time.sleep(0.005)
    assert process.poll() is None, "the import finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)

    assert process.returncode == -signal.SIGKILL
    assert _dump(database) == before
    assert _gezondewijk(database, "import-cbs", str(path)).wait(timeout=600) == 0
    assert _dump(database)[0] == [5, 5 * 60, 5 * 60 * 60]
