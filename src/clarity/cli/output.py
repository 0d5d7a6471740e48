"""Writing reports: to standard output (through a pager when asked), or to the file the user
named."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from clarity.core.fileio import write_file

#: The pager when neither CLARITY_PAGER nor PAGER names one: quits when the report fits one
#: screen, keeps colours, leaves the report on the screen after quitting (as git does).
DEFAULT_PAGER = "less -FRX"


def page(text: str) -> bool:
    """Show ``text`` through the user's pager; False when there is none to run (then the
    caller writes it as it is). An empty PAGER or 'cat' means no pager, as for git."""
    command = os.environ.get("CLARITY_PAGER", os.environ.get("PAGER", DEFAULT_PAGER)).strip()
    if command in ("", "cat"):
        return False
    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    try:
        proc = subprocess.Popen(shlex.split(command), stdin=subprocess.PIPE, env=env)
    except (OSError, ValueError):
        return False
    assert proc.stdin is not None
    try:
        proc.stdin.write(text.encode("utf-8", "replace"))
        proc.stdin.close()
    except BrokenPipeError:  # the reader quit before the end: that is fine
        pass
    proc.wait()
    return True


def emit(text: str | Iterable[str], output: Path | None, *, pager: bool = False) -> None:
    """Send a rendered report where the user asked: a file (a regular file replaced whole; a
    terminal, device or pipe written to: see clarity.core.fileio), a pager on a terminal (with
    ``pager``), or standard output, the whole text or its pieces one by one as they are drawn
    (never joined, so a long report is never held whole)."""
    if output is None or str(output) == "-":
        from clarity.cli.render.console import stdout_is_terminal

        paged = pager and output is None and stdout_is_terminal()
        if paged and isinstance(text, str) and page(text):
            return
        for piece in [text] if isinstance(text, str) else text:
            sys.stdout.write(piece)
        sys.stdout.flush()
    else:
        write_file(output, text, what="the report")
