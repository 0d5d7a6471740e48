"""Writing files whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from clarity.core.errors import ClarityError, Location


def _mode_for(path: Path) -> int:
    """Keep an existing file's mode; a new file gets the usual mode under the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, text: str | Iterable[str], *, what: str = "the file") -> None:
    """Write a whole file or nothing: a temporary file in the same folder, fsync, then a rename.

    ``text`` may be the pieces of the file, written one by one as they come (a report of
    thousands of charters is never held whole). A process killed part-way leaves the old file
    whole (and at most a stray temporary file).
    """
    folder = path.parent if str(path.parent) else Path()
    try:
        handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ClarityError(
            f"cannot write {what}: {exc.strerror or exc}",
            location=Location(str(path)),
            hint="check that the folder exists and is writable",
        ) from None
    try:
        Path(tmp).chmod(_mode_for(path))
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            for piece in [text] if isinstance(text, str) else text:
                out.write(piece)
            out.flush()
            os.fsync(out.fileno())
        Path(tmp).replace(path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        if isinstance(exc, OSError):
            raise ClarityError(
                f"cannot write {what}: {exc.strerror or exc}", location=Location(str(path))
            ) from None
        raise
