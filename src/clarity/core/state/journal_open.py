"""Opening the journal: what the file is, before anything in it changes.

A journal is opened read-write (and migrated to this clarity's schema) to save a check, and
read-only to read one (``history``, ``compare``), so a journal in a read-only folder is read as
it stands. Before a migration, a switch to WAL or any write, the file must be clarity's: a
FIFO or device, another application's SQLite database or a schema version clarity never wrote
is refused in one line, the file left as it was.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from pathlib import Path

from clarity.core.errors import ClarityError, Location
from clarity.core.state.journal import (
    _COLUMNS,
    FILE_NAME,
    MIGRATIONS,
    SCHEMA_VERSION,
    Journal,
    NoJournalError,
    _guard,
    busy_timeout,
)


def open_journal(path: Path, *, create: bool = True) -> Journal:
    """Open (and when ``create``, make) the journal at ``path``, migrated to this schema.

    Raises :class:`ClarityError` when it is missing (and not ``create``), locked, damaged,
    not a clarity journal, unreadable, or written by a newer clarity.
    """
    with _guard(path):
        is_dir, exists, is_file = path.is_dir(), path.exists(), path.is_file()
    if exists and not is_dir and not is_file:  # a FIFO or device: never opened (it could hang)
        raise ClarityError(
            "the journal is not a regular file (a pipe or a device)",
            location=Location(str(path)),
            hint="pass --journal with a file path",
        )
    if is_dir:
        raise ClarityError(
            "the journal path is a folder, not a file",
            location=Location(str(path)),
            hint=f"pass --journal with a file path, e.g. {path / FILE_NAME}",
        )
    if not exists:
        if not create:
            raise NoJournalError(
                "there is no journal here yet",
                location=Location(str(path)),
                hint="save checks with 'clarity check --save', or pass --journal PATH",
            )
        with _guard(path):
            path.parent.mkdir(parents=True, exist_ok=True)
            _create_private(path)
    elif not os.access(path, os.R_OK | (os.W_OK if create else 0)):
        raise ClarityError(
            "cannot open the journal: permission denied",
            location=Location(str(path)),
            hint="check the file's permissions, or pass --journal PATH",
        )
    timeout = busy_timeout()
    # Only reading (history, compare): opened read-only, so a journal in a read-only folder
    # is read as well; an older journal is upgraded first where it may be written.
    read_only = not create and (
        not all(os.access(p, os.W_OK) for p in (path, path.parent)) or _current(path, timeout)
    )
    with _guard(path):
        db = _connect(path, timeout, read_only)
    try:
        with _guard(path):
            _prepare(db, path, read_only)
    except BaseException:
        db.close()
        raise
    return Journal(path, db)


def _current(path: Path, timeout: float) -> bool:
    """Whether the journal can be read as it is (``READS_FROM`` on; read without changing
    anything)."""
    try:
        db = _connect(path, timeout, read_only=True)
        try:
            return int(db.execute("PRAGMA user_version").fetchone()[0]) >= READS_FROM
        finally:
            db.close()
    except sqlite3.Error:
        return True  # opened read-only, it says what is wrong


def _create_private(path: Path) -> None:
    """A new journal holds people's answers: only its owner may read it (SQLite's -wal and
    -shm files take the same mode). Another process creating it at the same moment is fine."""
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _connect(path: Path, timeout: float, read_only: bool) -> sqlite3.Connection:
    if not read_only:
        return sqlite3.connect(str(path), timeout=timeout, isolation_level=None)
    uri = path.absolute().as_uri() + "?mode=ro"
    db = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
    try:
        db.execute("PRAGMA user_version").fetchone()
    except sqlite3.OperationalError:  # WAL needs its -shm file, which cannot be made here:
        db.close()  # nothing can write the journal either, so it is read as it stands
        return sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)
    return db


#: The columns of each schema version's table (what makes a database a clarity journal).
_SCHEMA_COLUMNS = {1: set(_COLUMNS.split(", ")) - {"session", "clarity_version"}}
_SCHEMA_COLUMNS[2] = _SCHEMA_COLUMNS[3] = set(_COLUMNS.split(", "))
#: The oldest schema read as it is, without upgrading it: version 3 only lets a score be NULL.
READS_FROM = 2


def _not_ours(path: Path) -> ClarityError:
    return ClarityError(
        "this SQLite database is not a clarity journal",
        location=Location(str(path)),
        hint="pass --journal with another file; clarity leaves this one alone",
    )


def _check_identity(db: sqlite3.Connection, version: int, path: Path) -> None:
    """Refuse, before anything in it is changed, a database that is not a clarity journal."""
    if version < 0:
        raise _not_ours(path)
    if version == 0:
        if _has_tables(db):
            raise _not_ours(path)
        return
    columns = {str(row[1]) for row in db.execute("PRAGMA table_info(checks)")}
    if not _SCHEMA_COLUMNS.get(version, set()) <= columns or not columns:
        raise _not_ours(path)


def _prepare(db: sqlite3.Connection, path: Path, read_only: bool = False) -> None:
    # One read transaction: the version and the tables are seen as one state. Read apart,
    # another process creating the journal in between made a new journal look like a
    # database that is not a journal (version 0 read before its commit, tables after).
    db.execute("BEGIN")
    try:
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        _refuse_newer(version, path)
        _check_identity(db, version, path)
    finally:
        db.execute("COMMIT")
    if read_only:
        if version < READS_FROM:
            raise ClarityError(
                "the journal is from an older clarity and cannot be upgraded where it is",
                location=Location(str(path)),
                hint="open it once where it may be written, or copy it to a writable folder",
            )
        return
    if version < SCHEMA_VERSION:
        db.execute("BEGIN IMMEDIATE")
        try:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            _refuse_newer(version, path)
            _check_identity(db, version, path)
            while version < SCHEMA_VERSION:
                MIGRATIONS[version](db)
                version += 1
            db.execute(f"PRAGMA user_version = {version:d}")
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                with suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
            raise
    mode = str(db.execute("PRAGMA journal_mode").fetchone()[0]).lower()
    if mode != "wal":
        try:  # WAL lets readers and the one writer work at once; it stays set in the file
            db.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower():
                raise
            # another process holds the file right now: it switches, or the next one will;
            # BEGIN IMMEDIATE and the busy timeout keep every write safe meanwhile


def _has_tables(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None


def _refuse_newer(version: int, path: Path) -> None:
    if version > SCHEMA_VERSION:
        raise ClarityError(
            f"the journal was written by a newer clarity (schema {version}; this clarity "
            f"reads up to {SCHEMA_VERSION})",
            location=Location(str(path)),
            hint="upgrade clarity, or pass --journal PATH to keep a separate journal",
        )
