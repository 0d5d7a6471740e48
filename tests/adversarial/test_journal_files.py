"""Journals that are not what they seem: a negative schema version, another application's
SQLite file, rows a hand edit broke, and a journal in a folder nobody may write. Each is one
line or a warning, never exit 3, and nothing in a file that is not clarity's is changed."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from tests.adversarial.helpers import HARMONY, assert_clean, assert_refused, invoke

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    """A journal of two checks of two tasks."""
    (tmp_path / "a.yaml").write_text(HARMONY, encoding="utf-8")
    other = (EXAMPLES / "missed-deadline-review.yaml").read_text(encoding="utf-8")
    (tmp_path / "b.yaml").write_text(other, encoding="utf-8")
    for name in ("a.yaml", "b.yaml"):
        run = invoke("check", "--answers", name, "--save", "--journal", "j.sqlite3")
        assert run.code in (0, 1), run.stderr
    return tmp_path / "j.sqlite3"


def edit(path: Path, *statements: str) -> None:
    db = sqlite3.connect(path)
    for statement in statements:
        db.execute(statement)
    db.commit()
    db.close()


def test_a_negative_schema_version_is_not_a_clarity_journal(journal: Path) -> None:
    edit(journal, "PRAGMA user_version = -1")
    run = invoke("history", "--journal", "j.sqlite3")
    assert_refused(run, "this SQLite database is not a clarity journal", where="j.sqlite3")
    run = invoke("check", "--answers", "a.yaml", "--save", "--journal", "j.sqlite3")
    assert "not a clarity journal" in run.stderr and run.code == 2


@pytest.mark.parametrize("version", [0, 1, 2, 7])
def test_another_applications_database_is_refused_before_anything_changes(
    version: int, tmp_path: Path
) -> None:
    other = tmp_path / "app.db"
    edit(
        other,
        "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)",
        "INSERT INTO users (name) VALUES ('ada')",
        f"PRAGMA user_version = {version}",
    )
    before = other.read_bytes()
    (tmp_path / "a.yaml").write_text(HARMONY, encoding="utf-8")
    for args in (
        ["check", "--answers", "a.yaml", "--save", "--journal", "app.db"],
        ["history", "--journal", "app.db"],
        ["compare", "journal:1", "a.yaml", "--journal", "app.db"],
    ):
        run = invoke(*args)
        assert "Traceback" not in run.stdout + run.stderr
        assert run.code == 2, (args, run.stderr)
        assert "app.db:" in run.stderr
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "app.db"]  # no -wal
    db = sqlite3.connect(other)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    db.close()


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE checks SET autonomy = 'lots' WHERE id = 1",
        "UPDATE checks SET findings = '[1, 2]' WHERE id = 1",
        "UPDATE checks SET answers = 'not json' WHERE id = 1",
        "UPDATE checks SET findings = NULL WHERE id = 1",
    ],
    ids=["text-number", "findings-not-mappings", "answers-not-json", "null"],
)
def test_rows_a_hand_edit_broke_are_reported_and_skipped(damage: str, journal: Path) -> None:
    if "NULL" in damage:  # NOT NULL columns: rebuild the table without the constraint
        edit(
            journal,
            "ALTER TABLE checks RENAME TO old",
            "CREATE TABLE checks AS SELECT * FROM old",
            "DROP TABLE old",
        )
    edit(journal, damage)
    for fmt in ("text", "json", "csv", "markdown", "html", "svg"):
        run = invoke("history", "--journal", "j.sqlite3", "--format", fmt)
        assert_clean(run)
        assert "check 1 in the journal is damaged" in run.stderr
        assert run.stderr.startswith("clarity: warning:")
    run = invoke("history", "--journal", "j.sqlite3", "--format", "json")
    assert "Redesign the customer onboarding emails" in run.stdout  # the other check is kept
    run = invoke("compare", "journal:1", "journal:2", "--journal", "j.sqlite3")
    assert_refused(run, "check 1 in the journal is damaged")


def test_a_journal_in_a_read_only_folder_is_read(journal: Path) -> None:
    folder = journal.parent
    before = journal.read_bytes()
    journal.chmod(0o444)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
    try:
        run = invoke("history", "--journal", "j.sqlite3", "--format", "json")
        assert_clean(run)
        assert "Redesign the customer onboarding emails" in run.stdout
        run = invoke("compare", "journal:1", "journal:2", "--journal", "j.sqlite3")
        assert run.code in (0, 1), run.stderr
    finally:
        folder.chmod(0o755)
        journal.chmod(0o644)
    assert journal.read_bytes() == before
