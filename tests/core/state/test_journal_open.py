"""Opening the journal: what the file is is settled before anything in it changes."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import pytest

from clarity.core.errors import ClarityError
from clarity.core.state.journal import NoJournalError
from clarity.core.state.journal_open import open_journal


def test_a_new_journal_is_made_with_its_folder_and_private(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "journal.sqlite3"
    with open_journal(path) as journal:
        assert journal.entries() == []
    assert path.is_file()
    if sys.platform != "win32":
        assert path.stat().st_mode & 0o777 == 0o600


def test_reading_a_journal_that_is_not_there_makes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with pytest.raises(NoJournalError, match="there is no journal here yet"):
        open_journal(path, create=False)
    assert not path.exists()


def test_a_folder_is_not_a_journal(tmp_path: Path) -> None:
    with pytest.raises(ClarityError, match="the journal path is a folder, not a file"):
        open_journal(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_is_never_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "journal.sqlite3"
    os.mkfifo(fifo)
    with pytest.raises(ClarityError, match="not a regular file"):
        open_journal(fifo)


def test_another_programs_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
    with pytest.raises(ClarityError, match="this SQLite database is not a clarity journal"):
        open_journal(path)
    with sqlite3.connect(path) as db:
        assert [row[0] for row in db.execute("SELECT name FROM sqlite_master")] == ["notes"]


def test_a_journal_is_read_where_it_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal.sqlite3"
    open_journal(path).close()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: not (mode & os.W_OK) and real(p, mode))
    with open_journal(path, create=False) as journal:
        assert journal.entries() == []
