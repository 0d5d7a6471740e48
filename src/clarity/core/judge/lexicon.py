"""simplemma's English dictionary, read a key at a time from a table shipped with clarity.

simplemma ships each dictionary lzma-compressed and front-coded. Before its first lemma, its
low-memory reader decompresses the English one and walks all 181,000 entries to index them;
the default reader decodes them all into a dict. Measured on a charter whose texts clarity had
never judged, that was 0.19 s of the 0.55 s the whole lint took, paid again by every process.
The same entries, written once into an SQLite table (``models/simplemma-en``, by
``tools/lexicon.py``), are read one key at a time, so the first lemma costs about a
millisecond.

simplemma still lemmatises: its rules and decompositions run as they always do, only the
dictionary they look words up in is read from here (``Lexicon``, a ``DictionaryFactory`` of its
own kind). The table pins the entries the judges were trained on: a newer simplemma with other
entries changes nothing until the table is written again.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from clarity.core.errors import ClarityError
from clarity.core.places import shipped

if TYPE_CHECKING:
    import sqlite3

FOLDER = "simplemma-en"
TABLE = "dictionary.sqlite3"
LANGUAGE = "en"


def lexicon_file() -> Path:
    """The table, or a clear error if it is missing."""
    path = shipped("models") / FOLDER / TABLE
    if not path.is_file():
        raise ClarityError(
            f"the dictionary of lemmas is missing: {path} should exist",
            hint="reinstall clarity (pip install --force-reinstall clarity-test) to bring it back",
        )
    return path


class Entries(Mapping[str, str]):
    """The table as a read-only mapping of a word to its lemma. Each process opens its own
    connection (a forked lint worker must not share its parent's)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._owner = -1
        self._db: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._db is None or self._owner != os.getpid():
            import sqlite3

            uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
            self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._owner = os.getpid()
        return self._db

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        row = self._connection().execute("SELECT lemma FROM entries WHERE word = ?", (key,))
        found = row.fetchone()
        return str(found[0]) if found is not None else default

    def __getitem__(self, key: str) -> str:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[str]:
        for (word,) in self._connection().execute("SELECT word FROM entries ORDER BY word"):
            yield str(word)

    def __len__(self) -> int:
        return int(self._connection().execute("SELECT count(*) FROM entries").fetchone()[0])


class Lexicon:
    """A simplemma ``DictionaryFactory`` that reads the shipped table, for English only."""

    def __init__(self, path: Path | None = None) -> None:
        self._entries = Entries(path or lexicon_file())

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        if lang != LANGUAGE:
            raise ValueError(f"Unsupported language: {lang}")
        return self._entries


def write_lexicon(entries: Mapping[str, str], path: Path, source: str) -> None:
    """Write ``entries`` (a word and its lemma) into a new table at ``path``; ``source`` says
    where they came from (kept in the table's ``about``)."""
    import sqlite3

    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    try:
        db.execute(
            "CREATE TABLE entries (word TEXT PRIMARY KEY, lemma TEXT NOT NULL) WITHOUT ROWID"
        )
        db.execute("CREATE TABLE about (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.executemany("INSERT INTO entries VALUES (?, ?)", sorted(entries.items()))
        db.execute("INSERT INTO about VALUES ('source', ?)", (source,))
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()
