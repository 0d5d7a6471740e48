"""clarity history: the saved checks of a task over time, or the tasks in the journal."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clarity.cli.saved import answers_yaml, is_saved, saved_check
from clarity.core.errors import EXIT_OK, ClarityError, Location

if TYPE_CHECKING:
    from clarity.core.state.journal import Entry

FORMATS = ("text", "json", "csv", "markdown", "html", "svg", "yaml")


@dataclass
class HistoryOptions:
    task: str | None = None
    format: str = "text"
    journal: Path | None = None
    output: Path | None = None
    detail: bool = False
    pager: bool = False


def run(opts: HistoryOptions) -> int:
    from clarity.core.state.history import find_task, history_data, tasks_data
    from clarity.core.state.journal import NoJournalError, journal_path, open_journal

    path = journal_path(opts.journal)
    try:
        journal = open_journal(path, create=False)
    except NoJournalError:
        if opts.task is not None:
            raise
        entries: list[Entry] = []
    else:
        with journal:
            if opts.task is None:
                entries = journal.entries()
            elif is_saved(opts.task):
                entries = [saved_check(opts.task, journal)]
            else:
                task = find_task(opts.task, journal.tasks())
                if task is None:
                    raise _unknown_task(opts.task, journal.tasks(), path)
                entries = journal.entries(task)
            for problem in journal.damaged:
                from clarity.cli.guard import err

                err(f"clarity: warning: {problem} (skipped)")
    from clarity.cli.output import emit

    if opts.format == "yaml":
        if opts.task is None:
            raise ClarityError(
                "--format yaml gives the answers of one check: name its task or journal:ID",
                location=Location("--format"),
                hint="e.g. clarity history journal:12 --format yaml > answers.yaml",
            )
        emit(answers_yaml(entries[-1]), opts.output)
        return EXIT_OK
    payload = tasks_data(entries) if opts.task is None else history_data(entries)

    text = render(payload, opts.format, opts.output, journal=path, detail=opts.detail)
    emit(text, opts.output, pager=opts.pager)
    return EXIT_OK


def _unknown_task(wanted: str, known: list[str], path: Path) -> ClarityError:
    import difflib

    close = difflib.get_close_matches(wanted, known, n=1, cutoff=0.6)
    if close:
        hint = f"did you mean '{close[0]}'?"
    elif known:
        hint = "'clarity history' lists the tasks in the journal"
    else:
        hint = "nothing is saved yet: save checks with 'clarity check --save'"
    return ClarityError(f"no saved checks of '{wanted}'", location=Location(str(path)), hint=hint)


def render(
    payload: dict[str, Any],
    fmt: str,
    output: Path | None,
    *,
    journal: Path | None = None,
    detail: bool = False,
) -> str:
    """The history in a format: text (with the trend chart), json, csv, markdown, html, svg."""
    if fmt == "markdown":
        from clarity.cli.render.markdown import render_history_markdown

        return render_history_markdown(payload)
    if fmt == "html":
        from clarity.cli.render.history_html import render_history_html

        return render_history_html(payload)
    if fmt == "svg":
        from clarity.cli.render.history_svg import render_history_svg

        return render_history_svg(payload)
    if fmt == "json":
        from clarity.cli.render.json_ import dumps

        return dumps(payload)
    if fmt == "csv":
        from clarity.cli.render.history_csv import render as csv

        return csv(payload)
    from clarity.cli.colour import use_color
    from clarity.cli.render.console import report_height
    from clarity.cli.render.history_text import render as text

    color = use_color(output)
    height = report_height() if output is None else None
    return text(payload, color=color, journal=journal, detail=detail, height=height)
