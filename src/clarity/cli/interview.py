"""Running the interview on the real terminal: the intro, the group headers, then the prompts.

Everything printed here that comes from the pack or the user goes through rich ``Text``
objects on a console with markup off, so no text is ever read as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clarity.cli.prompts import interview, view_of
from clarity.core.pack import CompiledRule, Question
from clarity.core.text import visible

if TYPE_CHECKING:
    from rich.console import Console

INTRO = {
    "leader": (
        "The clarity test for a responsibility you delegated: three questions, "
        "then how often the everyday signs of constrained autonomy show up."
    ),
    "report": (
        "The clarity test for a responsibility you were given, or want more autonomy over: "
        "three questions, then how often the everyday signs of constrained autonomy show up "
        "for you."
    ),
}
HOW = "Where there is no answer, leave it empty: that is an answer too. Ctrl-C stops."


def run_interview(
    questions: list[Question],
    data: dict[str, Any],
    perspective: str,
    *,
    console: Console | None = None,
    rules: list[CompiledRule] | None = None,
    **io: Any,
) -> dict[str, Any]:
    """Print the intro, then ask what is not answered yet; ``io`` goes to prompt_toolkit."""
    from rich.console import Console
    from rich.text import Text

    if console is None:
        console = Console(highlight=False, markup=False, emoji=False)

    def announce(title: str | None, help_line: str | None) -> None:
        if title is not None:
            console.print()
            console.print(Text(visible(title, newlines=False), style="bold"))
        if help_line is not None:
            console.print(Text(visible(help_line, newlines=False), style="dim"))

    console.print(Text(INTRO[view_of(perspective)]))
    console.print(Text(HOW, style="dim"))
    if data.get("task"):
        line = Text("Responsibility: ", style="bold")
        line.append(visible(str(data["task"]), newlines=False))
        console.print(line)
    return interview(questions, data, perspective, announce=announce, rules=rules, **io)
