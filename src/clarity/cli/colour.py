"""Whether a report is drawn in colour: the one decision every command uses.

In order: ``--color always|never`` when given; no colour when the report goes to a file;
``NO_COLOR`` (set and not empty) turns colour off; ``FORCE_COLOR`` (set and not empty) turns it
on, as CI systems that show colour set it; else colour when standard output is a terminal.
"""

from __future__ import annotations

import os
from pathlib import Path

CHOICES = ("auto", "always", "never")


def use_color(output: Path | None = None, choice: str | None = None) -> bool:
    """Colour for a report written to ``output`` (None or '-': standard output)."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if output is not None and str(output) != "-":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    from clarity.cli.render.console import stdout_is_terminal

    return stdout_is_terminal()
