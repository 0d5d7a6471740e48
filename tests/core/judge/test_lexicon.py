"""simplemma's English dictionary, read from the table shipped with clarity."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from clarity.core.errors import ClarityError
from clarity.core.judge import lexicon
from clarity.core.judge.lexicon import Entries, Lexicon, lexicon_file, write_lexicon
from clarity.core.judge.normalize import normalize


def _source() -> str:
    db = sqlite3.connect(lexicon_file().resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return str(db.execute("SELECT value FROM about WHERE key = 'source'").fetchone()[0])
    finally:
        db.close()


def _installed_source() -> str:
    import simplemma

    data = Path(simplemma.__file__).parent / "strategies" / "dictionaries" / "data" / "en.plzma"
    return hashlib.sha256(data.read_bytes()).hexdigest()


def test_the_table_holds_simplemmas_english_dictionary() -> None:
    """Written from simplemma's own entries: when the installed simplemma ships the same data
    file as the one the table was written from, every entry is the same."""
    if _installed_source() not in _source():
        pytest.skip("the installed simplemma ships another dictionary than the table's")
    from simplemma.strategies import DefaultDictionaryFactory

    theirs = DefaultDictionaryFactory().get_dictionary("en")
    ours = Lexicon().get_dictionary("en")
    assert len(ours) == len(theirs) > 100_000
    assert dict(ours.items()) == dict(theirs.items())


def test_the_table_records_where_it_came_from() -> None:
    assert _source().startswith("simplemma ")
    assert "en.plzma sha256:" in _source()


def test_lemmas_and_known_words_read_from_the_table() -> None:
    assert normalize("approving approved approves") == "approve approve approve"
    assert normalize("The reports were signed off") == "the report be sign off"
    # A misspelt word no dictionary knows is corrected to the judge's vocabulary.
    assert normalize("dissapointed", frozenset({"disappointed"})) == "disappoint"


def test_a_word_is_looked_up_without_reading_the_whole_dictionary() -> None:
    entries = Entries(lexicon_file())
    assert entries.get("approving") == "approve"
    assert entries.get("zzzqqq") is None
    assert "approving" in entries
    with pytest.raises(KeyError):
        entries["zzzqqq"]


def test_only_english_is_there() -> None:
    with pytest.raises(ValueError, match="Unsupported language"):
        Lexicon().get_dictionary("de")


def test_a_forked_process_opens_its_own_connection(tmp_path: Path) -> None:
    """A lint worker forked after its parent looked words up must not share the parent's
    connection (SQLite forbids it): the child opens the table again and reads the same."""
    if not hasattr(os, "fork"):
        pytest.skip("no fork on this platform")
    path = tmp_path / "table.sqlite3"
    write_lexicon({"ran": "run", "dogs": "dog"}, path, "test")
    entries = Entries(path)
    assert entries.get("ran") == "run"
    parent = entries._db
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer through the pipe, then leave at once
        ok = entries.get("dogs") == "dog" and entries._db is not parent
        os.write(write, b"1" if ok else b"0")
        os._exit(0)
    os.close(write)
    answer = os.read(read, 1)
    os.waitpid(pid, 0)
    assert answer == b"1"
    assert entries._db is parent


def test_a_missing_table_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(lexicon, "shipped", lambda name: tmp_path)
    with pytest.raises(ClarityError, match="dictionary of lemmas is missing"):
        lexicon_file()
