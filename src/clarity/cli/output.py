"""Writing reports: to standard output, or to a file atomically."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from clarity.core.errors import ClarityError, Location


def write_atomic(path: Path, text: str) -> None:
    """Write a whole file or nothing: a temporary file in the same folder, then a rename."""
    folder = path.parent if str(path.parent) else Path()
    try:
        handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ClarityError(
            f"cannot write the report: {exc.strerror or exc}",
            location=Location(str(path)),
            hint="check that the folder exists and is writable",
        ) from None
    try:
        Path(tmp).chmod(_mode_for(path))
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        Path(tmp).replace(path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        if isinstance(exc, OSError):
            raise ClarityError(
                f"cannot write the report: {exc.strerror or exc}", location=Location(str(path))
            ) from None
        raise


def _mode_for(path: Path) -> int:
    """Keep an existing file's mode; a new file gets the usual mode under the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def emit(text: str, output: Path | None) -> None:
    """Send a rendered report where the user asked."""
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(output, text)
