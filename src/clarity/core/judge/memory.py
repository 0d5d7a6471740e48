"""What the judges decided before, kept in the user's cache folder (as ruff keeps its results).

A charter that did not change is judged again on every pre-commit run. Reading the decisions
stored then spares loading what judging needs: the meaning model and numpy, the lemma
dictionary and the date parser, about 0.9 s of a cold start here. Each decision is stored
under a digest of what decided it (a bank's identity, or the date reader's version) and the
text, so a changed bank, a retrained judge or a new release never reads an old decision.

The store is one SQLite file (``judged.sqlite3``): a process looks up only the keys it needs,
and several lint workers can add to it at once. New decisions are written in one transaction
when the process ends (or a lint worker stops), or sooner when many wait. The cache is a convenience: a store that
cannot be opened, read or written is not used, and ``CLARITY_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import atexit
import hashlib
import sqlite3
from pathlib import Path
from typing import Any

#: Bumped when what is stored changes meaning.
STORE_VERSION = "1"
#: Beyond this many decisions, the oldest half is dropped when new ones are written.
MAX_ENTRIES = 200_000
#: New decisions are written once this many wait (and when the process ends): what a long run
#: holds in memory stays bounded.
WRITE_EVERY = 10_000


def key(*parts: str) -> str:
    """The key of one decision: a digest of what decided it and the text."""
    joined = "\0".join((STORE_VERSION, *parts))
    return hashlib.blake2b(joined.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class Memory:
    """Decisions by key: read from the store on demand, new ones written back once."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._opened = False
        self._new: dict[str, str] = {}

    def _connect(self) -> sqlite3.Connection | None:
        if self._opened:
            return self._db
        self._opened = True
        try:
            if self.path is None or not self.path.is_file():
                return None
            self._db = sqlite3.connect(self.path, timeout=2.0)
            self._db.execute("SELECT 1 FROM judged LIMIT 1")
        except (sqlite3.Error, OSError):
            self._db = None
        return self._db

    def get(self, name: str) -> str | None:
        found = self._new.get(name)
        if found is not None:
            return found
        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute("SELECT value FROM judged WHERE key = ?", (name,)).fetchone()
        except sqlite3.Error:
            return None
        return None if row is None else str(row[0])

    def put(self, name: str, value: str) -> None:
        if self.path is not None:
            self._new[name] = value
            if len(self._new) >= WRITE_EVERY:
                self.save()

    def save(self) -> None:
        """Write the new decisions (best effort: a store that fails is left alone)."""
        if not self._new or self.path is None:
            return
        new, self._new = self._new, {}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with sqlite3.connect(self.path, timeout=2.0) as db:
                db.execute(
                    "CREATE TABLE IF NOT EXISTS judged "
                    "(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID"
                )
                db.executemany("INSERT OR REPLACE INTO judged VALUES (?, ?)", new.items())
                (count,) = db.execute("SELECT count(*) FROM judged").fetchone()
                if count > MAX_ENTRIES:
                    db.execute(
                        "DELETE FROM judged WHERE key IN (SELECT key FROM judged LIMIT ?)",
                        (count - MAX_ENTRIES // 2,),
                    )
            self._opened = False  # (read it again: it may exist only now)
        except (sqlite3.Error, OSError):
            pass


_MEMORY: list[Memory] = []


def memory() -> Memory:
    """The process's one store, in the user's cache folder (none when caching is off)."""
    if not _MEMORY:
        from clarity.core.places import cache_dir

        folder = cache_dir()
        _MEMORY.append(Memory(folder / "judged.sqlite3" if folder is not None else None))
        atexit.register(_MEMORY[0].save)
    return _MEMORY[0]


def save_on_worker_exit() -> None:
    """In a lint worker process (which ends without running ``atexit``): save when it stops."""
    from multiprocessing import util

    store = memory()
    store._db, store._opened, store._new = None, False, {}  # (a forked copy: its own link)
    util.Finalize(None, store.save, exitpriority=10)


def cached(kind: str, identity: str, text: str, compute: Any, parse: Any = str) -> Any:
    """A decision from the store, or ``compute(text)`` stored for next time."""
    store = memory()
    name = key(kind, identity, text)
    found = store.get(name)
    if found is not None:
        try:
            return parse(found)
        except ValueError:
            pass
    value = compute(text)
    store.put(name, str(value))
    return value
