"""Running the interview on the real terminal: the intro, the group headers, the prompts, and
the review of the answers before they are scored.

Everything printed here that comes from the pack or the user goes through rich ``Text``
objects on a console with markup off, so no text is ever read as markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from clarity.cli.prompts import Recall, Review, interview, view_of
from clarity.core.reading.answers import get_answer
from clarity.core.record import answer_text, say
from clarity.core.rules.pack import CompiledRule, Question
from clarity.core.state.draft import Draft
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
HOW = (
    "Where there is no answer, leave it empty: that is an answer too. Shift-Tab goes back to "
    "the previous question; you review the answers before they are scored. Ctrl-C stops."
)
REVIEW_TITLE = "Your answers"
REVIEW_PROMPT = "Enter scores these answers; or type the number of one to change it:"


def reviewer(console: Console, perspective: str, **io: Any) -> Review:
    """The review before scoring: every answer given in the interview, numbered, then one
    prompt: Enter to score them, or an answer's number to change it."""
    from rich.text import Text

    view = view_of(perspective)

    def review(data: dict[str, Any], asked: list[Question]) -> str | None:
        import questionary

        from clarity.cli.prompts import ask_one

        console.print()
        console.print(Text(REVIEW_TITLE, style="bold"))
        width = len(str(len(asked)))
        for n, question in enumerate(asked, start=1):
            line = Text(f"{n:>{width}}. ", style="dim")
            line.append(visible(say(question.prompt, view), newlines=False))
            answer = answer_text(get_answer(data, question.field)[1])
            line.append(" ")
            line.append(visible(answer, newlines=False), style="bold")
            console.print(line)

        def valid(text: str) -> bool | str:
            text = text.strip()
            if not text or (text.isdigit() and 1 <= int(text) <= len(asked)):
                return True
            return f"a number from 1 to {len(asked)}, or nothing to score the answers"

        chosen = str(ask_one(questionary.text(REVIEW_PROMPT, validate=valid, **io))).strip()
        return asked[int(chosen) - 1].field if chosen else None

    return review


def run_interview(
    questions: list[Question],
    data: dict[str, Any],
    perspective: str,
    *,
    console: Console | None = None,
    rules: list[CompiledRule] | None = None,
    review: bool = False,
    on_answer: Any = None,
    resumed: frozenset[str] = frozenset(),
    recall: Recall | None = None,
    **io: Any,
) -> dict[str, Any]:
    """Print the intro, then ask what is not answered yet (and, with ``review``, show the
    answers to change any before they are scored); ``io`` goes to prompt_toolkit."""
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
    return interview(
        questions,
        data,
        perspective,
        announce=announce,
        on_answer=on_answer,
        rules=rules,
        review=reviewer(console, perspective, **io) if review else None,
        resumed=resumed,
        recall=recall,
        **io,
    )


def offer_draft(draft: Draft, **io: Any) -> bool:
    """Ask whether to go on from the answers kept when an interview stopped (Enter: yes)."""
    import questionary

    from clarity.cli.prompts import ask_one

    count = draft.count()
    what = f"'{visible(draft.task, newlines=False)}'" if draft.task else "a delegation"
    message = (
        f"You stopped a check of {what} with {count} answer{'' if count == 1 else 's'} kept. "
        "Go on from there?"
    )
    return bool(ask_one(questionary.confirm(message, default=True, **io)))


def interview_with_draft(
    questions: list[Question],
    data: dict[str, Any],
    perspective: str | None,
    *,
    rules: list[CompiledRule] | None = None,
    draft_file: Path | None = None,
    journal: Path | None = None,
    console: Console | None = None,
    **io: Any,
) -> dict[str, Any]:
    """The interview of ``clarity check``: it offers to go on from a draft kept when one
    stopped (unless TASK names another task), keeps a draft after every answer, and says on
    Ctrl-C or Ctrl-D that the answers are kept. The caller drops the draft once scored.
    Once the task is known, the answers of its latest check in ``journal`` (if any) are
    offered as the defaults of the questions still to ask."""
    from clarity.cli.guard import err
    from clarity.cli.saved import recall
    from clarity.core.errors import ClarityError
    from clarity.core.reading.answers import merge
    from clarity.core.state.draft import load_draft, save_draft

    draft = load_draft(draft_file)
    resumed: frozenset[str] = frozenset()
    if draft is not None:
        given = data.get("task")
        same = not given or (draft.task or "").casefold().split() == str(given).casefold().split()
        if same and offer_draft(draft, **io):
            resumed = frozenset(_fields(draft.answers)) - frozenset(_fields(data))
            data = merge(draft.answers, data)  # what is given now wins over the draft
        elif not same:
            err(
                f"clarity: note: the answers kept from the check of '{draft.task}' are "
                "replaced by this one's"
            )
    view = perspective or str(data.get("perspective") or "leader")

    failed: list[str] = []

    def keep(answers: dict[str, Any]) -> None:
        if failed:  # told once; the interview goes on without a draft
            return
        try:
            save_draft(answers, view, draft_file)
        except (ClarityError, OSError) as exc:
            failed.append(str(exc))
            err(f"clarity: warning: the answers cannot be kept as a draft ({exc}); go on")

    try:
        return run_interview(
            questions,
            data,
            view,
            console=console,
            rules=rules,
            review=True,
            on_answer=keep,
            resumed=resumed,
            recall=lambda task: recall(task, journal, view),
            **io,
        )
    except KeyboardInterrupt:
        if not failed and load_draft(draft_file) is not None:
            err("clarity: your answers are kept; 'clarity check' offers to go on from them")
        raise


def _fields(answers: dict[str, Any]) -> list[str]:
    """The answer fields a set of answers gives (``symptoms.NAME`` for the signs)."""
    symptoms = answers.get("symptoms")
    signs = [f"symptoms.{name}" for name in symptoms] if isinstance(symptoms, dict) else []
    return [key for key in answers if key != "symptoms"] + signs
