"""clarity check: the three-question clarity test for one delegation."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from clarity.cli.commands.check_options import CheckOptions
from clarity.cli.saved import JOURNAL_PREFIX, is_saved, read_saved, saved_answers
from clarity.core.errors import EXIT_FINDINGS, EXIT_OK, NoAnswersError
from clarity.core.limits import Limits
from clarity.core.reading.answers import (
    build_answers,
    check_option_text,
    complete,
    merge,
    parse_sets,
    read_answers,
)
from clarity.core.reading.yamlsafe import Document, is_folder, read_stream
from clarity.core.rules.pack import load_pack
from clarity.core.scoring.engine import Report, score
from clarity.core.scoring.present import report_data

FORMATS = ("text", "json", "markdown", "html", "svg", "jsonl")


def interactive() -> bool:
    """Prompts only when both ends are a terminal."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


@dataclass(frozen=True)
class CheckSettings:
    """What the nearest configuration says for a check, under the command's options."""

    limits: Limits
    save: bool
    packs: list[Path]


def check_settings(opts: CheckOptions) -> CheckSettings:
    """Read the nearest configuration once: its limits, `save` (unless --save/--no-save) and
    rule packs (laid under --rules), so check scores with the same pack as lint. Where no
    configuration can be found, its defaults, without loading the configuration models."""
    from clarity.core.settings.configs import may_hold_config
    from clarity.core.settings.project import upward

    cwd = Path(os.path.normpath(Path.cwd().absolute()))
    if not any(may_hold_config(folder) for folder in upward(cwd)):
        from clarity.core.limits import effective

        return CheckSettings(effective(), bool(opts.save), list(opts.rules))
    from clarity.core.settings.config import load_config

    loaded = load_config()
    save = loaded.config.save if opts.save is None else opts.save
    return CheckSettings(loaded.limits, save, [*loaded.packs, *opts.rules])


def save_report(
    report: Report,
    pack_version: str,
    source: str | None,
    journal: Path | None,
    *,
    session: str | None = None,
) -> int:
    """Keep a check in the journal and say so on standard error; returns its id."""
    from clarity.cli.guard import err
    from clarity.core.state.journal import journal_path, open_journal

    path = journal_path(journal)
    with open_journal(path) as book:
        entry = book.save(report, pack_version, source=source, session=session)
    err(f"clarity: saved as check {entry} in {path}")
    return entry


def run(opts: CheckOptions) -> int:
    if (
        opts.answers not in (None, "-")
        and not is_saved(opts.answers)
        and is_folder(Path(str(opts.answers)))
    ):
        from clarity.cli.commands.check_folder import run_folder

        return run_folder(opts)
    doc: Document | None = None
    data: dict[str, object] = {}
    source = "answers"
    settings = check_settings(opts)
    limits = settings.limits
    if is_saved(opts.answers):
        assert opts.answers is not None
        entry = read_saved(opts.answers, opts.journal)
        data = saved_answers(entry)
        source = f"{JOURNAL_PREFIX}{entry.id}"
    elif opts.answers is not None:
        stdin_text = read_stream(sys.stdin, "<stdin>", limits) if opts.answers == "-" else None
        doc = read_answers(opts.answers, stdin_text, limits)
        assert isinstance(doc.data, dict)
        data = dict(doc.data)
        source = doc.source
    sets = parse_sets(opts.sets, limits)
    if opts.task is not None:
        check_option_text(opts.task, "TASK", limits)
        sets["task"] = opts.task
    set_keys = frozenset(
        [k for k in sets if k != "symptoms"] + [f"symptoms.{s}" for s in sets.get("symptoms", {})]
    )
    data = merge(data, sets)
    if opts.perspective is not None and "perspective" not in data:
        data["perspective"] = opts.perspective
    ask = opts.answers is None and interactive() and not opts.defaults
    if opts.defaults:
        data, source = with_defaults(data, opts, source)
    elif opts.answers is None and not (set_keys - {"task"}) and not ask:
        raise NoAnswersError(
            "no terminal to ask the questions on and no answers given",
            hint="pass --answers FILE (or - for standard input), or --set KEY=VALUE",
        )
    save = settings.save
    pack = load_pack(settings.packs, limits)
    if ask:
        from clarity.cli.interview import interview_with_draft

        data = interview_with_draft(
            pack.questions, data, opts.perspective, rules=pack.rules, journal=opts.journal
        )
        source = "the interview"
    elif opts.answers is None and not opts.defaults:
        source = "--set"
    view = opts.perspective or str(data.get("perspective") or "leader")
    data = complete(data, pack.questions, source, view)
    answers = build_answers(data, doc, source, set_keys)
    report = score(answers, pack, opts.perspective)  # type: ignore[arg-type]
    payload = report_data(report, pack)
    if opts.format == "jsonl":
        payload = {"file": doc.source if doc is not None else None, **payload}
    text = render(payload, opts.format, opts.output, detail=opts.detail)
    from clarity.cli.output import emit

    if ask and opts.output is None:
        text = "\n" + text  # (a blank line between the last answer and the report)
    emit(text, opts.output, pager=opts.pager)
    if ask:  # the interview's answers are in the report now: their draft is done with
        from clarity.core.state.draft import drop_draft

        drop_draft()
    if save:  # the report comes first: a journal that fails still leaves it printed
        save_report(report, pack.version, source, opts.journal)
    if opts.strict and report.verdict != "in-harmony":
        return EXIT_FINDINGS
    return EXIT_OK


def with_defaults(
    data: dict[str, object], opts: CheckOptions, source: str
) -> tuple[dict[str, object], str]:
    """--defaults: what the answers leave out is taken from the task's latest saved check (in
    the same view if any), without asking; what no check gave stays unknown."""
    from clarity.cli.saved import recall
    from clarity.core.errors import ClarityError, Location
    from clarity.core.reading.answers import get_answer, set_answer

    task = data.get("task")
    if not isinstance(task, str) or not task.strip():
        raise ClarityError(
            "--defaults takes the answers of the task's latest saved check, and no task is named",
            location=Location("--defaults"),
            hint="name it: clarity check TASK --defaults",
        )
    view = opts.perspective or str(data.get("perspective") or "leader")
    found = recall(task, opts.journal, view)
    if found is None:
        raise NoAnswersError(
            f"no saved check of '{task}' to take the answers from",
            location=Location("--defaults"),
            hint="save one with 'clarity check --save', or answer the questions in a terminal",
        )
    out = dict(data)
    for name, value in found[1].items():
        if not get_answer(out, name)[0]:
            set_answer(out, name, value)
    return out, source if opts.answers is not None else "--defaults"


def render(
    payload: dict[str, object], fmt: str, output: Path | None, *, detail: bool = False
) -> str:
    if fmt == "jsonl":
        from clarity.cli.render.json_ import line

        return line(payload)
    if fmt == "html":
        from clarity.cli.render.check_html import render_check_html

        return render_check_html(payload)
    if fmt == "svg":
        from clarity.cli.render.check_svg import check_svg

        return check_svg(payload)
    if fmt == "json":
        from clarity.cli.render.json_ import dumps

        return dumps(payload)
    if fmt == "markdown":
        from clarity.cli.render.markdown import render as markdown

        return markdown(payload)
    from clarity.cli.colour import use_color
    from clarity.cli.render.console import report_height
    from clarity.cli.render.text import render as text

    color = use_color(output)
    height = report_height() if output is None else None
    return text(payload, color=color, detail=detail, height=height)
