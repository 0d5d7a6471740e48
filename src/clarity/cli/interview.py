"""Running the interview on the real terminal."""

from __future__ import annotations

from typing import Any

from clarity.cli.prompts import interview
from clarity.core.pack import Question


def run_interview(
    questions: list[Question], data: dict[str, Any], perspective: str
) -> dict[str, Any]:
    from rich.console import Console
    from rich.text import Text

    console = Console(stderr=False, highlight=False, markup=False, emoji=False)

    def announce(group: str) -> None:
        console.print()
        console.print(Text(group, style="bold"))

    console.print(
        Text(
            "The clarity test: three questions about a responsibility you delegated, "
            "then the everyday signs. Ctrl-C stops.",
            style="dim",
        )
    )
    return interview(questions, data, perspective, announce=announce)
