"""clarity compare: two answer sets for one task, item by item (files or journal entries)."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clarity.core.errors import EXIT_OK, ClarityError, Location
from clarity.core.reading.yamlsafe import read_stream

if TYPE_CHECKING:
    from clarity.core.rules.pack import Pack
    from clarity.core.scoring.compare import Side
    from clarity.core.state.journal import Journal

from clarity.cli.saved import JOURNAL_PREFIX

FORMATS = ("text", "json", "markdown", "html", "svg")


@dataclass
class CompareOptions:
    a: str
    b: str
    format: str = "text"
    output: Path | None = None
    journal: Path | None = None
    rules: list[Path] = field(default_factory=list)
    detail: bool = False
    pager: bool = False


def warn(line: str) -> None:
    from clarity.cli.guard import err

    err(f"clarity: warning: {line}")


class _Sources:
    """Reads both sides; opens the journal once, and only when a side needs it."""

    def __init__(self, opts: CompareOptions, pack: Pack) -> None:
        self.opts = opts
        self.pack = pack
        self._journal: Journal | None = None

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()

    def side(self, spec: str, stdin_text: str | bytes | None) -> Side:
        from clarity.core.reading.answers import build_answers, complete, read_answers
        from clarity.core.scoring.compare import Side
        from clarity.core.scoring.engine import score

        if spec.startswith(JOURNAL_PREFIX):
            return self._journal_side(spec)
        doc = read_answers(spec, stdin_text)
        assert isinstance(doc.data, dict)
        data = complete(dict(doc.data), self.pack.questions, doc.source)
        answers = build_answers(data, doc, doc.source)
        return Side(source=doc.source, report=score(answers, self.pack))

    def _journal_side(self, spec: str) -> Side:
        from clarity.cli.saved import check_id, saved_answers
        from clarity.core.reading.answers import build_answers, complete
        from clarity.core.scoring.compare import Side
        from clarity.core.scoring.engine import score
        from clarity.core.state.journal import journal_path, open_journal

        number = check_id(spec)  # a bad name is told before the journal is opened
        if self._journal is None:
            self._journal = open_journal(journal_path(self.opts.journal), create=False)
        entry = self._journal.get(number)
        source = f"{JOURNAL_PREFIX}{entry.id}"
        data = complete(saved_answers(entry), self.pack.questions, source)
        answers = build_answers(data, None, source)
        if (entry.pack_name, entry.pack_version) != (self.pack.name, self.pack.version):
            warn(
                f"{source} was saved with rule pack {entry.pack_name} {entry.pack_version}; "
                f"both sides are scored with {self.pack.name} {self.pack.version}"
            )
        return Side(source=source, report=score(answers, self.pack), date=entry.created_at)


def run(opts: CompareOptions) -> int:
    from clarity.core.rules.pack import load_pack
    from clarity.core.scoring.compare import compare

    if opts.a == "-" and opts.b == "-":
        raise ClarityError(
            "only one side can be read from standard input",
            location=Location("-"),
            hint="give the other side as a file or as journal:ID",
        )
    stdin_text = read_stream(sys.stdin, "<stdin>") if "-" in (opts.a, opts.b) else None
    pack = load_pack(opts.rules)
    sources = _Sources(opts, pack)
    try:
        a = sources.side(opts.a, stdin_text)
        b = sources.side(opts.b, stdin_text)
    finally:
        sources.close()
    payload = compare(a, b, pack)
    if not payload["same_task"]:
        warn(
            f"the two answer sets are about different tasks ('{a.report.task}' and "
            f"'{b.report.task}'); comparing them anyway"
        )
    from clarity.cli.output import emit

    text = render(payload, opts.format, opts.output, detail=opts.detail)
    emit(text, opts.output, pager=opts.pager)
    return EXIT_OK


def render(payload: dict[str, Any], fmt: str, output: Path | None, *, detail: bool = False) -> str:
    if fmt == "json":
        from clarity.cli.render.json_ import dumps

        return dumps(payload)
    if fmt == "markdown":
        from clarity.cli.render.markdown import render_compare_markdown

        return render_compare_markdown(payload)
    if fmt == "html":
        from clarity.cli.render.compare_html import render_compare_html

        return render_compare_html(payload)
    if fmt == "svg":
        from clarity.cli.render.compare_svg import compare_svg

        return compare_svg(payload)
    from clarity.cli.colour import use_color
    from clarity.cli.render.compare_text import render as text

    color = use_color(output)
    return text(payload, color=color, detail=detail)
