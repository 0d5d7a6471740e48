"""clarity session run|check: a coach walks through several delegations, one after another.

Each item is asked (only what it does not answer already), scored, and saved to the journal
with the session's id. After every answer the progress is written to a state file, so a
session stopped with Ctrl-C goes on where it stopped: finished items are skipped and the
answers given in the interrupted item are kept. A summary closes the session and the state
file is removed.

Everything printed that comes from the session file, the pack or the user goes through rich
``Text`` objects on a console with markup off.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clarity.core.errors import EXIT_OK, ClarityError, Location, NoAnswersError
from clarity.core.scoring import shown_score

if TYPE_CHECKING:
    from rich.console import Console

    from clarity.core.state.journal import Journal
    from clarity.core.state.session import Session, SessionEntry, SessionState


@dataclass
class SessionOptions:
    file: Path
    journal: Path | None = None
    state: Path | None = None
    restart: bool = False
    rules: list[Path] = field(default_factory=list)


def check(file: Path, rules: list[Path] | None = None) -> int:
    """Validate a session file: every problem names file:line:col."""
    from clarity.core.state.session import load_session
    from clarity.core.text import visible

    session = load_session(file, rules)
    items = len(session.items)
    sys.stdout.write(
        visible(
            f"{file}: valid: {items} item{'s' if items != 1 else ''}, "
            f"{len(session.asked)} question{'s' if len(session.asked) != 1 else ''} asked "
            f"({session.title})",
            newlines=False,
        )
        + "\n"
    )
    return EXIT_OK


def run(opts: SessionOptions) -> int:
    """The command: check the file, insist on a terminal, then run the session."""
    from clarity.cli.commands.check import interactive
    from clarity.core.state.session import load_session

    session = load_session(opts.file, opts.rules)
    if not interactive():
        raise NoAnswersError(
            "no terminal to ask the session's questions on",
            hint=(
                "run 'clarity session run' in a terminal; to score answers files without "
                "questions, use clarity check --answers DIR --format jsonl"
            ),
        )
    return run_session(session, opts)


def _text(value: Any, style: str | None = None) -> Any:
    from rich.text import Text

    from clarity.core.text import visible

    return Text(visible(str(value), newlines=False), style=style or "")


def run_session(
    session: Session, opts: SessionOptions, *, console: Console | None = None, **io: Any
) -> int:
    """Ask every item not finished yet, save each, close with a summary.

    ``io`` (``input``, ``output``) goes to prompt_toolkit, so tests can type the answers.
    """
    from rich.console import Console

    from clarity.core.state.journal import journal_path, open_journal
    from clarity.core.state.session import new_state, read_state, state_path, write_state

    if console is None:
        console = Console(highlight=False, markup=False, emoji=False)
    state_file = state_path(opts.file, opts.state)
    state = None if opts.restart else read_state(state_file)
    if state is not None and state.digest != session.digest:
        raise ClarityError(
            "the session file changed since this session was interrupted",
            location=Location(str(state_file)),
            hint="run it with --restart to start over (the answers kept so far are dropped)",
        )
    journal = open_journal(journal_path(opts.journal))
    with journal:
        _opening(console, session, state)
        if state is None:
            state = new_state(session)
            write_state(state_file, state)
        for item in session.items:
            if item.index in state.finished():
                continue
            _ask_item(console, session, item, state, state_file, journal, io)
        _summary(console, session, state, journal)
    state_file.unlink(missing_ok=True)
    return EXIT_OK


def _opening(console: Console, session: Session, state: SessionState | None) -> None:
    console.print(_text(session.title, "bold"))
    if state is None:
        if session.opening:
            from rich.text import Text

            from clarity.core.text import visible

            console.print(Text(visible(session.opening.strip())))
        console.print(
            _text(
                f"{len(session.items)} to walk through. Ctrl-C stops; run the session again "
                "to go on where it stopped.",
                "dim",
            )
        )
        return
    done = len(state.finished())
    console.print(
        _text(
            f"Resuming the session started {state.started}: {done} of {len(session.items)} "
            "done; the answers given so far are kept (--restart starts over).",
            "dim",
        )
    )


def _ask_item(
    console: Console,
    session: Session,
    item: SessionEntry,
    state: SessionState,
    state_file: Path,
    journal: Journal,
    io: dict[str, Any],
) -> None:
    from clarity.cli.prompts import interview
    from clarity.core.reading.answers import build_answers, complete, merge
    from clarity.core.scoring.engine import score
    from clarity.core.state.session import CurrentItem, DoneItem, write_state

    data = merge({}, item.preset)
    if state.current is not None and state.current.index == item.index:
        given = [k for k in state.current.answers if k not in item.preset]
        data = merge(data, state.current.answers)
    else:
        given = []
    console.print()
    head = _text(f"{item.index + 1} of {len(session.items)} · ", "bold")
    head.append_text(_text(item.label, "bold"))
    head.append(f" · {item.perspective}'s view", style="dim")
    console.print(head)
    if given:
        console.print(_text(f"Kept from before: {', '.join(given)}", "dim"))

    def announce(title: str | None, help_line: str | None) -> None:
        if title is not None:
            console.print(_text(title, "bold"))
        if help_line is not None:
            console.print(_text(help_line, "dim"))

    def keep(answers: dict[str, Any]) -> None:
        state.current = CurrentItem(index=item.index, answers=merge({}, answers))
        write_state(state_file, state)

    try:
        interview(
            session.asked,
            data,
            item.perspective,
            announce=announce,
            on_answer=keep,
            rules=session.pack.rules,
            **io,
        )
    except KeyboardInterrupt:
        console.print()
        console.print(
            _text(
                f"Session paused: {len(state.finished())} of {len(session.items)} done. "
                f"Run 'clarity session run {session.source}' again to go on where it stopped.",
            )
        )
        raise
    source = f"{session.source} items[{item.index}]"
    answers = build_answers(
        complete(data, session.pack.questions, source, item.perspective), None, source
    )
    report = score(answers, session.pack, item.perspective)  # type: ignore[arg-type]
    entry = journal.save(report, session.pack.version, source=source, session=state.session)
    verdict = session.pack.verdicts[report.verdict]
    line = _text("Verdict: ", "bold")
    line.append(report.verdict, style="bold")
    line.append_text(_text(f" · {verdict.title}"))
    line.append(
        f" · autonomy {shown_score(report.scores.autonomy)}"
        f" · accountability {shown_score(report.scores.accountability)}",
        style="dim",
    )
    console.print(line)
    state.done.append(
        DoneItem(
            index=item.index,
            task=item.task,
            perspective=item.perspective,
            verdict=report.verdict,
            autonomy=report.scores.autonomy,
            accountability=report.scores.accountability,
            entry=entry,
        )
    )
    state.current = None
    write_state(state_file, state)


def _summary(console: Console, session: Session, state: SessionState, journal: Journal) -> None:
    from rich.table import Table

    console.print()
    console.print(_text(f"Summary · {session.title}", "bold"))
    table = Table(box=None, show_edge=False, pad_edge=False, padding=(0, 2, 0, 0))
    for name in ("", "item", "verdict", "autonomy", "accountability", "check"):
        table.add_column(
            name, justify="right" if name in ("autonomy", "accountability") else "left"
        )
    by_index = {item.index: item for item in session.items}
    for done in sorted(state.done, key=lambda d: d.index):
        item = by_index.get(done.index)
        table.add_row(
            _text(f"{done.index + 1}."),
            _text(item.label if item else done.task),
            _text(done.verdict),
            _text(shown_score(done.autonomy)),
            _text(shown_score(done.accountability)),
            _text("" if done.entry is None else f"#{done.entry}"),
        )
    console.print(table)
    console.print(
        _text(
            f"Saved to {journal.path} as session {state.session}; "
            "'clarity history TASK' shows a task over time.",
            "dim",
        )
    )
    console.print(session_summary(state))


def session_summary(state: SessionState) -> Any:
    """The last line of a session: how many delegations, and how many of each verdict."""
    from collections import Counter

    count = len(state.done)
    verdicts = Counter(done.verdict for done in state.done)
    line = _text("In short: ", "bold")
    line.append(f"{count} delegation{'' if count == 1 else 's'}")
    for verdict in ("in-harmony", "boundaries", "consequences", "both"):
        if verdicts[verdict]:
            line.append(f" · {verdicts[verdict]} {verdict}")
    return line
