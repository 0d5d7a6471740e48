"""The journal: every saved check, kept in one SQLite file, so checks can be compared over time.

Each write is one short ``BEGIN IMMEDIATE`` transaction on a database in WAL mode with a busy
timeout, so several ``clarity check --save`` processes at once all get their turn and nothing
is lost. The schema is versioned with ``PRAGMA user_version``: ``MIGRATIONS[n]`` takes a
journal from version ``n`` to ``n + 1`` (``0`` is an empty file), and a journal written by a
newer clarity is refused rather than guessed at. Every SQLite or file-system failure becomes a
one-line :class:`ClarityError` naming the file and what to do.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from clarity.core.errors import ClarityError, Location

if TYPE_CHECKING:
    from clarity.core.scoring.engine import Report

#: The schema this clarity writes; older journals are migrated up to it when opened.
SCHEMA_VERSION = 3
#: How long to wait for another process holding the journal, in seconds.
DEFAULT_TIMEOUT = 5.0
ENV_PATH = "CLARITY_JOURNAL"
ENV_TIMEOUT = "CLARITY_JOURNAL_TIMEOUT"
FILE_NAME = "journal.sqlite3"


def journal_path(explicit: Path | None = None) -> Path:
    """``--journal PATH``, else ``$CLARITY_JOURNAL``, else the user data folder."""
    if explicit is not None:
        return explicit
    env = os.environ.get(ENV_PATH)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_data_path("clarity") / FILE_NAME


def busy_timeout() -> float:
    """Seconds to wait for a journal another process holds ($CLARITY_JOURNAL_TIMEOUT)."""
    raw = os.environ.get(ENV_TIMEOUT)
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 3600:
        raise ClarityError(
            f"{ENV_TIMEOUT}={raw!r} is not a number of seconds",
            hint="set it to a number from 0 to 3600, e.g. 5",
        )
    return value


@dataclass(frozen=True)
class Entry:
    """One saved check."""

    id: int
    created_at: str
    task: str
    perspective: str
    verdict: str
    #: None: not judged (none of the axis's questions was answered).
    autonomy: int | None
    accountability: int | None
    findings: list[dict[str, Any]]
    answers: dict[str, Any]
    pack_name: str
    pack_version: str
    session: str | None = None
    source: str | None = None
    clarity_version: str | None = None


# -- the schema and its migrations -------------------------------------------------------


def _to_v1(db: sqlite3.Connection) -> None:
    """An empty file becomes a journal: one table of checks."""
    db.execute(
        """
        CREATE TABLE checks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at TEXT NOT NULL,
            task TEXT NOT NULL,
            perspective TEXT NOT NULL,
            verdict TEXT NOT NULL,
            autonomy INTEGER NOT NULL,
            accountability INTEGER NOT NULL,
            findings TEXT NOT NULL,
            answers TEXT NOT NULL,
            pack_name TEXT NOT NULL,
            pack_version TEXT NOT NULL,
            source TEXT
        )
        """
    )


def _to_v2(db: sqlite3.Connection) -> None:
    """Version 2 remembers the coaching session and the clarity that saved each check."""
    db.execute("ALTER TABLE checks ADD COLUMN session TEXT")
    db.execute("ALTER TABLE checks ADD COLUMN clarity_version TEXT")
    db.execute("CREATE INDEX checks_by_task ON checks (task, id)")


def _to_v3(db: sqlite3.Connection) -> None:
    """Version 3 keeps a score that could not be judged as NULL (SQLite cannot drop a NOT NULL
    constraint: the table is copied into one without it)."""
    db.execute(
        """
        CREATE TABLE checks_v3 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at TEXT NOT NULL,
            task TEXT NOT NULL,
            perspective TEXT NOT NULL,
            verdict TEXT NOT NULL,
            autonomy INTEGER,
            accountability INTEGER,
            findings TEXT NOT NULL,
            answers TEXT NOT NULL,
            pack_name TEXT NOT NULL,
            pack_version TEXT NOT NULL,
            source TEXT,
            session TEXT,
            clarity_version TEXT
        )
        """
    )
    columns = (
        "id, created_at, task, perspective, verdict, autonomy, accountability, findings, "
        "answers, pack_name, pack_version, source, session, clarity_version"
    )
    db.execute(f"INSERT INTO checks_v3 ({columns}) SELECT {columns} FROM checks")
    db.execute("DROP TABLE checks")
    db.execute("ALTER TABLE checks_v3 RENAME TO checks")
    db.execute("CREATE INDEX checks_by_task ON checks (task, id)")


#: ``MIGRATIONS[n]`` takes a journal from schema version ``n`` to ``n + 1``.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {0: _to_v1, 1: _to_v2, 2: _to_v3}

_COLUMNS = (
    "id, created_at, task, perspective, verdict, autonomy, accountability, findings, answers, "
    "pack_name, pack_version, session, source, clarity_version"
)


# -- errors ------------------------------------------------------------------------------


def _error(path: Path, exc: BaseException) -> ClarityError:
    """A SQLite or OS failure as one line: the file, what is wrong, what to do."""
    where = Location(str(path))
    text = str(exc).lower()
    if isinstance(exc, sqlite3.OperationalError) and "locked" in text:
        return ClarityError(
            f"the journal is locked by another program (waited {busy_timeout():g} s)",
            location=where,
            hint=f"try again when it has finished, or set {ENV_TIMEOUT} to wait longer",
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return ClarityError(
            "this file is not a clarity journal: it is not a SQLite database or it is damaged",
            location=where,
            hint="move it aside (clarity then starts a new journal) or pass --journal PATH",
        )
    if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        return ClarityError(
            "cannot write the journal: permission denied",
            location=where,
            hint="check the file's and its folder's permissions, or pass --journal PATH",
        )
    if "unable to open" in text or isinstance(exc, OSError):
        reason = f": {exc.strerror}" if isinstance(exc, OSError) and exc.strerror else ""
        return ClarityError(
            f"cannot open the journal{reason}",
            location=where,
            hint="check that you may read and write the file and its folder, "
            "or pass --journal PATH",
        )
    return ClarityError(
        f"the journal failed: {exc}",
        location=where,
        hint="check the file, or pass --journal PATH to use another one",
    )


@contextmanager
def _guard(path: Path) -> Iterator[None]:
    try:
        yield
    except (sqlite3.Error, OSError) as exc:
        raise _error(path, exc) from None


# -- the journal -------------------------------------------------------------------------


class Journal:
    """An open journal. Use :func:`open_journal`; close it (or use ``with``) when done."""

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        self.path = path
        self._db = db
        #: The checks ``entries`` skipped because they are damaged, each as its error.
        self.damaged: list[ClarityError] = []

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def save(
        self,
        report: Report,
        pack_version: str,
        *,
        source: str | None = None,
        session: str | None = None,
        at: datetime | None = None,
    ) -> int:
        """Keep one check; returns its id. ``at`` (UTC) is for imports and tests."""
        from clarity import __version__

        when = (at or datetime.now(timezone.utc)).astimezone(timezone.utc)
        findings = [
            {
                "rule": f.rule.id,
                "name": f.rule.name,
                "severity": f.rule.severity,
                "dimension": f.rule.dimension,
                "field": f.field,
            }
            for f in report.findings
        ]
        row = (
            when.strftime("%Y-%m-%dT%H:%M:%SZ"),
            report.task,
            report.perspective,
            report.verdict,
            report.scores.autonomy,
            report.scores.accountability,
            json.dumps(findings, ensure_ascii=False),
            json.dumps(report.answers.as_json(), ensure_ascii=False),
            report.pack_name,
            pack_version,
            source,
            session,
            __version__,
        )
        with _guard(self.path):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                cursor = self._db.execute(
                    "INSERT INTO checks (created_at, task, perspective, verdict, autonomy, "
                    "accountability, findings, answers, pack_name, pack_version, source, "
                    "session, clarity_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    row,
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def entries(self, task: str | None = None) -> list[Entry]:
        """The saved checks, oldest first; only one task's when ``task`` is given."""
        query = f"SELECT {_COLUMNS} FROM checks"
        params: tuple[str, ...] = ()
        if task is not None:
            query += " WHERE task = ?"
            params = (task,)
        with _guard(self.path):
            rows = self._db.execute(query + " ORDER BY id", params).fetchall()
        entries = []
        for row in rows:
            try:
                entries.append(self._entry(row))
            except ClarityError as exc:  # a hand edit broke it: reported, and skipped
                self.damaged.append(exc)
        return entries

    def get(self, entry_id: int) -> Entry:
        """One saved check by its id."""
        row = None
        if 0 < entry_id < 2**63:  # SQLite's integers; any other number names no check
            with _guard(self.path):
                row = self._db.execute(
                    f"SELECT {_COLUMNS} FROM checks WHERE id = ?", (entry_id,)
                ).fetchone()
        if row is None:
            raise ClarityError(
                f"there is no check {entry_id} in the journal",
                location=Location(str(self.path)),
                hint="'clarity history TASK' lists the checks with their numbers",
            )
        return self._entry(row)

    def tasks(self) -> list[str]:
        """Every task with a saved check, in the order of their first check."""
        with _guard(self.path):
            rows = self._db.execute(
                "SELECT task FROM checks GROUP BY task ORDER BY MIN(id)"
            ).fetchall()
        return [str(row[0]) for row in rows]

    def _entry(self, row: tuple[Any, ...]) -> Entry:
        try:
            return self._read_entry(row)
        except (TypeError, ValueError, RecursionError, AttributeError):
            raise ClarityError(
                f"check {row[0]} in the journal is damaged (a hand edit broke its values)",
                location=Location(str(self.path)),
                hint="delete that row, move the journal aside, or pass --journal PATH",
            ) from None

    def _read_entry(self, row: tuple[Any, ...]) -> Entry:
        findings, answers = json.loads(row[7]), json.loads(row[8])
        if not isinstance(answers, dict) or not isinstance(findings, list):
            raise TypeError("answers must be a mapping, findings a list")
        if not all(isinstance(f, dict) for f in findings):
            raise TypeError("each finding must be a mapping")
        return Entry(
            id=int(row[0]),
            created_at=str(row[1]),
            task=str(row[2]),
            perspective=str(row[3]),
            verdict=str(row[4]),
            autonomy=None if row[5] is None else int(row[5]),
            accountability=None if row[6] is None else int(row[6]),
            findings=findings,
            answers=answers,
            pack_name=str(row[9]),
            pack_version=str(row[10]),
            session=row[11],
            source=row[12],
            clarity_version=row[13],
        )

    def _rollback(self) -> None:
        if self._db.in_transaction:
            with suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")


def open_journal(path: Path, *, create: bool = True) -> Journal:
    """Open (and when ``create``, make) the journal at ``path``: see
    clarity.core.state.journal_open, where what the file is is checked before anything changes."""
    from clarity.core.state.journal_open import open_journal as opened

    return opened(path, create=create)


class NoJournalError(ClarityError):
    """The journal file does not exist (and was not to be created)."""
