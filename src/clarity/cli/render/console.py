"""Drawing rich renderables to text: the one place reports meet a rich Console."""

from __future__ import annotations

import io
import os
import shutil
import sys
from typing import Any

#: The width of a report that goes to a file or a pipe, when COLUMNS does not say.
PIPE_WIDTH = 100


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal (False when it is closed or replaced)."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def report_width() -> int:
    """The width to draw a report at: COLUMNS when set, else the terminal's own width when
    standard output is one, else PIPE_WIDTH (a file or a pipe has no width of its own)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if stdout_is_terminal():
        return shutil.get_terminal_size((PIPE_WIDTH, 24)).columns
    return PIPE_WIDTH


def report_height() -> int | None:
    """The rows a report has on the screen: LINES when set, else the terminal's own height
    when standard output is one; None for a file or a pipe (they have no height)."""
    lines = os.environ.get("LINES", "")
    if lines.isdigit() and int(lines) > 0:
        return int(lines)
    return shutil.get_terminal_size((PIPE_WIDTH, 24)).lines if stdout_is_terminal() else None


def to_text(renderable: Any, *, color: bool, width: int | None = None) -> str:
    """Draw a renderable as text: colour only when asked, never markup, emoji or highlighting
    (user text reaches rich only as Text objects); without colour, no trailing spaces.

    Text is wrapped by rich at word boundaries to ``width`` (by default ``report_width()``),
    so a line never runs past the terminal and never breaks inside a word the terminal cut."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=width or report_width(),
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
    console.print(renderable)
    text = buffer.getvalue()
    if not color:
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text
