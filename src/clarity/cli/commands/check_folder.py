"""clarity check --answers DIR --format jsonl: every answers file of a folder, one JSON line each.

The files (``*.yaml``, ``*.yml``, ``*.json``, not hidden, not in sub-folders) are scored in
name order. A file that cannot be scored gives a line with its error instead and the run goes
on; the exit code is 2 at the end when any file failed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clarity.core.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, ClarityError, Location
from clarity.core.limits import DEFAULT_LIMITS, Limits

if TYPE_CHECKING:
    from clarity.cli.commands.check_options import CheckOptions
    from clarity.core.rules.pack import Pack
    from clarity.core.scoring.engine import Report
    from clarity.core.state.journal import Journal

SUFFIXES = (".yaml", ".yml", ".json")


def answers_files(folder: Path) -> list[Path]:
    """The answers files of a folder, sorted by name: the same order on every machine."""
    try:
        entries = list(folder.iterdir())
    except OSError as exc:
        raise ClarityError(
            f"cannot read the folder: {exc.strerror or exc}", location=Location(str(folder))
        ) from None
    return sorted(
        (
            p
            for p in entries
            if p.suffix.lower() in SUFFIXES
            and not p.name.startswith(".")
            and p.exists()  # a FIFO too: reading it says what it is
            and not p.is_dir()
        ),
        key=lambda p: p.name,
    )


def score_file(
    path: Path,
    pack: Pack,
    sets: dict[str, Any],
    set_keys: frozenset[str],
    view: str | None,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[Report, dict[str, Any]]:
    """One answers file scored as `clarity check --answers FILE` scores it."""
    from clarity.core.reading.answers import build_answers, complete, merge, read_answers
    from clarity.core.scoring.engine import score
    from clarity.core.scoring.present import report_data

    doc = read_answers(str(path), limits=limits)
    assert isinstance(doc.data, dict)
    data = merge(dict(doc.data), sets)
    if view is not None and "perspective" not in data:
        data["perspective"] = view
    data = complete(
        data, pack.questions, doc.source, view or str(data.get("perspective") or "leader")
    )
    answers = build_answers(data, doc, doc.source, set_keys)
    report = score(answers, pack, view)  # type: ignore[arg-type]
    return report, report_data(report, pack)


def run_folder(opts: CheckOptions) -> int:
    from clarity.cli.commands.check import check_settings
    from clarity.cli.guard import err
    from clarity.cli.render.json_ import line
    from clarity.core.reading.answers import parse_sets
    from clarity.core.rules.pack import load_pack

    folder = Path(str(opts.answers))
    if opts.format != "jsonl":
        raise ClarityError(
            f"--answers names a folder; --format {opts.format} reports on one answers file",
            location=Location(str(folder)),
            hint="use --format jsonl to score every answers file in it, one JSON line each",
        )
    if opts.task is not None:
        raise ClarityError(
            "TASK cannot be given with a folder of answers files: each file names its own",
            hint="leave TASK out, or name one answers file",
        )
    files = answers_files(folder)
    if not files:
        raise ClarityError(
            "the folder holds no answers files",
            location=Location(str(folder)),
            hint="answers files end in .yaml, .yml or .json",
        )
    settings = check_settings(opts)
    sets = parse_sets(opts.sets, settings.limits)
    set_keys = frozenset(
        [k for k in sets if k != "symptoms"] + [f"symptoms.{s}" for s in sets.get("symptoms", {})]
    )
    save = settings.save
    pack = load_pack(settings.packs, settings.limits)
    saver = _Saver(opts.journal) if save else None
    lines: list[str] = []
    failed = unclear = 0
    try:
        for path in files:
            try:
                report, payload = score_file(
                    path, pack, sets, set_keys, opts.perspective, settings.limits
                )
            except ClarityError as exc:
                failed += 1
                record: dict[str, Any] = {"file": str(path), "error": str(exc)}
            else:
                unclear += report.verdict != "in-harmony"
                record = {"file": str(path), **payload}
                if saver is not None:
                    entry = saver.save(report, pack.version, str(path))
                    if entry is not None:
                        record["saved_as"] = entry
            text = line(record)
            if opts.output is None or str(opts.output) == "-":
                sys.stdout.write(text)
                sys.stdout.flush()
            else:
                lines.append(text)
    finally:
        if saver is not None:
            saver.close()
    if lines and opts.output is not None:
        from clarity.cli.output import emit

        emit("".join(lines), opts.output)
    code = EXIT_OK
    if saver is not None:
        if saver.saved:
            err(f"clarity: saved {saver.saved} checks in {saver.path}")
        if saver.error is not None:
            err(f"clarity: error: {saver.error}")
            code = EXIT_USAGE
    if failed:
        err(
            f"clarity: error: {failed} of {len(files)} answers files could not be scored "
            "(their lines hold the error)"
        )
        return EXIT_USAGE
    if code == EXIT_OK and opts.strict and unclear:
        return EXIT_FINDINGS
    return code


class _Saver:
    """Keeps each check in the journal; a journal that fails stops the saving, not the lines."""

    def __init__(self, explicit: Path | None) -> None:
        from clarity.core.state.journal import journal_path

        self.path = journal_path(explicit)
        self.saved = 0
        self.error: ClarityError | None = None
        self._journal: Journal | None = None

    def save(self, report: Report, pack_version: str, source: str) -> int | None:
        if self.error is not None:
            return None
        try:
            if self._journal is None:
                from clarity.core.state.journal import open_journal

                self._journal = open_journal(self.path)
            entry = self._journal.save(report, pack_version, source=source)
        except ClarityError as exc:
            self.error = exc
            return None
        self.saved += 1
        return entry

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
