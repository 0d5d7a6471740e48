"""The journal through `clarity check --save`: where it is written, concurrent writers, old and
foreign databases, and broken journals (one line, exit 2, the report still printed).

The journal itself is tested in tests/core/state/test_journal.py."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from clarity.cli.app import app
from clarity.core.errors import ClarityError
from clarity.core.state.journal import open_journal
from tests.conftest import EXAMPLES
from tests.core.state.test_journal import make_v1, report_of

CLARITY = Path(sys.executable).parent / "clarity"
HARMONY = str(EXAMPLES / "in-harmony.yaml")
MISSED = str(EXAMPLES / "missed-deadline.yaml")
runner = CliRunner()


def check(*args: str) -> Any:
    return runner.invoke(app, ["check", *args])


def count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM checks").fetchone()[0])


def the_error(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


# -- what is saved, and where --------------------------------------------------------------


def test_check_save_writes_to_the_user_data_folder_by_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CLARITY_JOURNAL", raising=False)
    result = check("--answers", HARMONY, "--save")
    assert result.exit_code == 0, result.output
    default = Path(os.environ["XDG_DATA_HOME"]) / "clarity" / "journal.sqlite3"
    assert count(default) == 1
    assert f"saved as check 1 in {default}" in result.stderr


def test_check_save_uses_the_environment_and_the_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLARITY_JOURNAL", str(tmp_path / "env.sqlite3"))
    assert check("--answers", HARMONY, "--save").exit_code == 0
    result = check("--answers", MISSED, "--save", "--journal", str(tmp_path / "opt.sqlite3"))
    assert result.exit_code == 0
    assert count(tmp_path / "env.sqlite3") == 1 and count(tmp_path / "opt.sqlite3") == 1


def test_without_save_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = check("--answers", HARMONY, "--journal", str(tmp_path / "j.sqlite3"))
    assert result.exit_code == 0
    assert not (tmp_path / "j.sqlite3").exists()
    assert "saved" not in result.stderr


def test_save_true_in_the_configuration_saves_and_no_save_overrides_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".clarity.yaml").write_text("save: true\n", encoding="utf-8")
    (tmp_path / "deeper").mkdir()
    monkeypatch.chdir(tmp_path / "deeper")
    db = tmp_path / "j.sqlite3"
    result = check("--answers", HARMONY, "--journal", str(db))
    assert result.exit_code == 0, result.output
    assert count(db) == 1
    assert check("--answers", HARMONY, "--journal", str(db), "--no-save").exit_code == 0
    assert count(db) == 1


def test_save_false_in_the_configuration_and_save_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".clarity.yaml").write_text("save: false\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "j.sqlite3"
    assert check("--answers", HARMONY, "--journal", str(db)).exit_code == 0
    assert not db.exists()
    assert check("--answers", HARMONY, "--journal", str(db), "--save").exit_code == 0
    assert count(db) == 1


def test_a_report_written_to_a_file_is_saved_too(tmp_path: Path) -> None:
    out, db = tmp_path / "report.json", tmp_path / "j.sqlite3"
    result = check(
        "--answers", MISSED, "--as", "report", "--format", "json", "-o", str(out), "--save",
        "--journal", str(db),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    with open_journal(db) as journal:
        (entry,) = journal.entries()
    assert entry.perspective == "report" == report["perspective"]
    assert entry.verdict == report["verdict"]
    assert [f["rule"] for f in entry.findings] == [f["rule"] for f in report["findings"]]


# -- several writers at once ---------------------------------------------------------------


@pytest.mark.slow
def test_concurrent_saves_from_several_processes_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "journal.sqlite3"
    workers, saves = 6, 5
    start = threading.Barrier(workers)
    results: list[subprocess.CompletedProcess[str]] = []
    lock = threading.Lock()
    env = {**os.environ, "NO_COLOR": "1", "CLARITY_JOURNAL_TIMEOUT": "30"}

    def worker() -> None:
        start.wait()
        for _ in range(saves):
            done = subprocess.run(
                [str(CLARITY), "check", "--answers", HARMONY, "--save", "--journal", str(db)],
                capture_output=True,
                text=True,
                env=env,
                stdin=subprocess.DEVNULL,
                timeout=60,
            )
            with lock:
                results.append(done)

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - began
    assert len(results) == workers * saves
    for done in results:
        assert done.returncode == 0, done.stderr
        assert "Verdict: in-harmony" in done.stdout
    told = sorted(int(done.stderr.split("saved as check ")[1].split()[0]) for done in results)
    assert told == list(range(1, workers * saves + 1))
    with sqlite3.connect(db) as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM checks")]
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert len(ids) == len(set(ids)) == workers * saves
    assert mode == "wal"
    print(f"{workers * saves} concurrent saves in {seconds:.1f} s")


# -- the schema and its migrations ---------------------------------------------------------


def test_history_reads_a_version_1_journal(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    make_v1(db)
    result = runner.invoke(app, ["history", "Old task", "--journal", str(db), "--detail"])
    assert result.exit_code == 0, result.output
    assert "both" in result.stdout and "C101" in result.stdout


def test_a_journal_from_a_newer_clarity_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 7")
    with pytest.raises(ClarityError) as exc:
        open_journal(db)
    assert "written by a newer clarity (schema 7; this clarity reads up to 3)" in str(exc.value)
    assert "upgrade clarity" in str(exc.value)
    result = check("--answers", HARMONY, "--save", "--journal", str(db))
    assert result.exit_code == 2
    assert "Verdict: in-harmony" in result.stdout
    assert the_error(result.stderr).startswith(f"clarity: error: {db}: the journal was written")
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 7


def test_another_programs_database_is_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "other.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    result = check("--answers", HARMONY, "--save", "--journal", str(db))
    assert result.exit_code == 2
    assert "this SQLite database is not a clarity journal" in the_error(result.stderr)
    with sqlite3.connect(db) as conn:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master")]
    assert tables == ["notes"]


# -- broken journals: one line, exit 2, and the report is still printed --------------------


def test_a_corrupt_journal_is_one_line_and_the_report_is_still_printed(tmp_path: Path) -> None:
    db = tmp_path / "journal.sqlite3"
    garbage = bytes(range(256)) * 16
    db.write_bytes(garbage)
    result = check("--answers", HARMONY, "--save", "--journal", str(db))
    assert result.exit_code == 2
    assert "Verdict: in-harmony" in result.stdout
    line = the_error(result.stderr)
    assert line.startswith(f"clarity: error: {db}: this file is not a clarity journal")
    assert "move it aside" in line
    assert db.read_bytes() == garbage
    history = runner.invoke(app, ["history", "--journal", str(db)])
    assert history.exit_code == 2 and "not a clarity journal" in the_error(history.stderr)


def test_a_truncated_journal_is_reported_as_damaged(tmp_path: Path) -> None:
    db = tmp_path / "journal.sqlite3"
    report = report_of(MISSED)
    with open_journal(db) as journal:
        for _ in range(20):
            journal.save(report, "1.0")
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = db.read_bytes()
    db.write_bytes(data[:100] + b"\xff" * (len(data) - 100))
    result = runner.invoke(app, ["history", "--journal", str(db)])
    assert result.exit_code == 2
    assert "not a clarity journal" in the_error(result.stderr) or "damaged" in result.stderr


@pytest.mark.parametrize("fresh", [True, False], ids=["new-file", "existing-journal"])
def test_a_locked_journal_waits_then_fails_and_the_report_is_still_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: bool
) -> None:
    db = tmp_path / "journal.sqlite3"
    if not fresh:
        with open_journal(db) as journal:
            journal.save(report_of(MISSED), "1.0")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setenv("CLARITY_JOURNAL_TIMEOUT", "0.3")
    try:
        began = time.monotonic()
        result = check("--answers", HARMONY, "--save", "--journal", str(db))
        seconds = time.monotonic() - began
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 2
    assert "Verdict: in-harmony" in result.stdout
    line = the_error(result.stderr)
    assert line.startswith(f"clarity: error: {db}: the journal is locked by another program")
    assert "waited 0.3 s" in line and "CLARITY_JOURNAL_TIMEOUT" in line
    assert 0.25 < seconds < 5
    if not fresh:
        assert count(db) == 1


def test_a_bad_timeout_setting_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLARITY_JOURNAL_TIMEOUT", "soon")
    result = check("--answers", HARMONY, "--save", "--journal", str(tmp_path / "j.sqlite3"))
    assert result.exit_code == 2
    assert "CLARITY_JOURNAL_TIMEOUT='soon' is not a number of seconds" in the_error(result.stderr)


@pytest.mark.parametrize("how", ["no-permission", "folder"])
def test_an_unreadable_journal_is_one_line_and_the_report_is_still_printed(
    tmp_path: Path, how: str
) -> None:
    db = tmp_path / "journal.sqlite3"
    if how == "no-permission":
        if os.geteuid() == 0:
            pytest.skip("root reads any file: the 'folder' case covers an unreadable journal")
        db.write_bytes(b"")
        db.chmod(0)
        expected = "cannot open the journal: permission denied"
    else:
        db.mkdir()
        expected = "the journal path is a folder, not a file"
    try:
        result = check("--answers", HARMONY, "--save", "--journal", str(db))
        history = runner.invoke(app, ["history", "--journal", str(db)])
    finally:
        if how == "no-permission":
            db.chmod(0o600)
    assert result.exit_code == 2
    assert "Verdict: in-harmony" in result.stdout
    assert the_error(result.stderr).startswith(f"clarity: error: {db}: {expected}")
    assert history.exit_code == 2 and expected in the_error(history.stderr)


def test_strict_and_a_failing_journal_exit_2(tmp_path: Path) -> None:
    db = tmp_path / "j.sqlite3"
    db.write_bytes(b"not a database at all, just some text" * 10)
    result = check("--answers", MISSED, "--strict", "--save", "--journal", str(db))
    assert result.exit_code == 2
    assert "Verdict: consequences" in result.stdout


def test_a_missing_folder_for_the_journal_is_created(tmp_path: Path) -> None:
    db = tmp_path / "a" / "b" / "journal.sqlite3"
    assert check("--answers", HARMONY, "--save", "--journal", str(db)).exit_code == 0
    assert count(db) == 1


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_a_new_journal_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    db = tmp_path / "journal.sqlite3"
    assert check("--answers", HARMONY, "--save", "--journal", str(db)).exit_code == 0
    assert db.stat().st_mode & 0o777 == 0o600


def test_a_journal_without_permission_is_refused_before_sqlite_sees_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root reads any file, so this also runs where chmod cannot take the permission away."""
    db = tmp_path / "journal.sqlite3"
    db.write_bytes(b"")
    real = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != db and real(path, mode))
    result = check("--answers", HARMONY, "--save", "--journal", str(db))
    assert result.exit_code == 2
    assert "Verdict: in-harmony" in result.stdout
    assert the_error(result.stderr) == (
        f"clarity: error: {db}: cannot open the journal: permission denied; "
        "check the file's permissions, or pass --journal PATH"
    )


def test_a_bad_save_setting_is_reported_like_any_bad_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".clarity.yaml").write_text("save: perhaps\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = check("--answers", HARMONY, "--journal", str(tmp_path / "j.sqlite3"))
    assert result.exit_code == 2
    assert the_error(result.stderr).startswith("clarity: error: .clarity.yaml:1:7: save:")
    assert result.stdout == ""
