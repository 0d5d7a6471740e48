"""Writing reports: to standard output, or to the file the user named."""

from __future__ import annotations

import sys
from pathlib import Path

from clarity.core.fileio import write_file


def emit(text: str, output: Path | None) -> None:
    """Send a rendered report where the user asked: a regular file is replaced whole, a
    terminal, device or pipe is written to (see clarity.core.fileio.write_file)."""
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_file(output, text, what="the report")
