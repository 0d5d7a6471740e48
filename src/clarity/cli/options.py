"""Options several commands share, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

OutputOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer reads the annotation at runtime
    typer.Option("--output", "-o", metavar="FILE", help="Write the report here, atomically."),
]
JournalOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--journal",
        metavar="PATH",
        readable=False,  # clarity reports an unreadable journal itself, in one line
        help="The journal file (else $CLARITY_JOURNAL, else one in the user data folder).",
    ),
]
RulesOption = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Option(
        "--rules",
        metavar="PATH",
        help="A rule pack (file or folder) laid over the built-in one; repeatable.",
    ),
]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show a traceback on internal errors.")]
DetailOption = Annotated[
    bool,
    typer.Option(
        "--detail",
        "-d",
        help="The whole text report (why and how for each item); without it, the first screen.",
    ),
]
PagerOption = Annotated[
    bool,
    typer.Option(
        "--pager",
        help="Show a text report on a terminal through $PAGER (else 'less -FRX'), as git does.",
    ),
]
