"""Linting charters: find the files, read their delegations, run the one engine, locate findings.

``lint_paths`` is the whole of it: discovery, then every file (in parallel worker processes
when there are enough of them), then the results in a deterministic order (by path). Every
output format is a function of the ``LintRun`` it returns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from clarity.core.errors import ClarityError
from clarity.core.limits import DEFAULT_LIMITS, Limits
from clarity.core.linting.discovery import ALWAYS_EXCLUDED as ALWAYS_EXCLUDED
from clarity.core.linting.discovery import Discovery as Discovery
from clarity.core.linting.discovery import GlobRules as GlobRules
from clarity.core.linting.discovery import PathRules, discover
from clarity.core.linting.suppress import apply_suppressions, find_suppressions
from clarity.core.record import answer_value, say
from clarity.core.rules import budget
from clarity.core.rules.pack import Pack, load_pack
from clarity.core.scoring.engine import Finding, evaluate, open_questions
from clarity.core.scoring.findings import Diagnostic, FileResult, LintFinding, LintRun
from clarity.core.settings.globs import DEFAULT_INCLUDE
from clarity.core.values import FrozenValue

if TYPE_CHECKING:
    from clarity.core.reading.charters import CharterEntry


class RuleSettings(Protocol):
    """Which rules are on for one file, and at what severity (configuration, per path)."""

    def enabled(self, rule_id: str, rule_name: str | None = None) -> bool: ...

    def severity(self, rule_id: str, default: str, rule_name: str | None = None) -> str: ...


class SettingsSource(Protocol):
    """The configuration as lint needs it: the settings that apply to one path."""

    def settings_for(self, path: str) -> RuleSettings | None: ...


def as_diagnostic(path: str, exc: ClarityError, code: str) -> Diagnostic:
    where = exc.location
    text = exc.message
    if exc.key:
        text = f"{exc.key}: {text}"
    if exc.hint:
        text = f"{text}; {exc.hint}"
    line = where.line if where is not None else None
    column = where.column if where is not None else None
    return Diagnostic(path, line, column, text, code)


def _finding(path: str, entry: CharterEntry, hit: Finding, severity: str) -> LintFinding:
    rule = hit.rule
    name, index, answer = hit.field, hit.index, hit.answer
    if name is None and len(rule.reads) == 1:
        # A rule that fires on an absence ("not matches ...") names no answer: when it reads
        # one field only, that field is still the place to point at.
        name = rule.reads[0]
        answer = entry.record.get(name)
    line, column = entry.locate(name, index)
    return LintFinding(
        path=path,
        line=line,
        column=column,
        delegation=entry.task,
        field=name,
        rule=rule.id,
        name=rule.name,
        title=say(rule.title, "leader"),
        dimension=rule.dimension,
        severity=severity,
        message=say(rule.message, "leader"),
        why=say(rule.why, "leader"),
        fix=say(rule.fix, "leader"),
        answer=None if name is None else answer_value(answer),
        trap=rule.trap,
    )


def _question(path: str, entry: CharterEntry, hit: Finding) -> LintFinding:
    """A rule that could not tell (``engine.open_questions``), as an info finding on the answer
    it is about: its follow-up question, which a lint run cannot put to anyone, and how the
    charter answers it (``clarified``). It names no trap and never counts towards the
    verdict."""
    assert hit.rule.ask is not None  # (open questions are of rules that ask)
    found = _finding(path, entry, hit, "info")
    question = say(hit.rule.ask.prompt, "leader")
    return found.replace(
        title=f"Open question: {found.title}",
        message=(
            f"clarity could not tell. {question} (answer it under clarified: "
            f"'{hit.rule.id}: yes' if the flaw is there, '{hit.rule.id}: no' if not)"
        ),
        trap=None,
    )


class LintSettings(FrozenValue):
    """Everything a worker needs besides the pack: picklable, so it can cross processes."""

    __slots__ = ("config", "limits")
    __match_args__ = ("config", "limits")

    def __init__(
        self, config: SettingsSource | None = None, limits: Limits = DEFAULT_LIMITS
    ) -> None:
        self.config = config
        self.limits = limits


def lint_file(
    path: str, pack: Pack, settings: LintSettings | None = None, text: str | None = None
) -> FileResult:
    """Lint one charter file (or ``text`` as if it were that file, as ``lint -`` reads it).
    A file that cannot be read or parsed becomes a diagnostic, and so does a bug met on it:
    one file never ends the run for the others."""
    try:
        return _lint_file(path, pack, settings or LintSettings(), text)
    except Exception as exc:  # a bug: reported on this file, and the run goes on
        problem = ClarityError(
            f"clarity could not lint this file ({type(exc).__name__}): this is a bug",
            hint="please report it with the file",
        )
        return FileResult(path, diagnostics=[as_diagnostic(path, problem, "internal-error")])


def _lint_file(path: str, pack: Pack, settings: LintSettings, text: str | None) -> FileResult:
    # (read here: a run whose files all have kept results never imports the YAML reader)
    from clarity.core.reading.charters import charter_kind, parse_charter, read_charter

    result = FileResult(path)
    try:
        if text is None:
            charter = read_charter(Path(path), path, settings.limits)
        else:
            charter = parse_charter(text, path, charter_kind(path), settings.limits)
    except ClarityError as exc:
        result.diagnostics.append(as_diagnostic(path, exc, "parse-error"))
        return result
    rule_settings = settings.config.settings_for(path) if settings.config is not None else None

    def on(rule_id: str, name: str) -> bool:
        return rule_settings is None or rule_settings.enabled(rule_id, name)

    def severity(rule_id: str, name: str, default: str) -> str:
        if rule_settings is None:
            return default
        return rule_settings.severity(rule_id, default, name)

    rules = [c for c in pack.rules if on(c.rule.id, c.rule.name)]
    findings: list[LintFinding] = []
    result.delegations = len(charter.entries)
    result.tasks = [(entry.task, entry.anchor[0]) for entry in charter.entries]
    budget.start_file()
    failed: dict[str, ClarityError] = {}
    for entry in charter.entries:
        hits = _evaluate(entry.record, rules, failed, entry.clarified)
        for hit in hits:
            level = severity(hit.rule.id, hit.rule.name, hit.rule.severity)
            findings.append(_finding(path, entry, hit, level))
        if not failed:
            try:
                asked = open_questions(entry.record, rules, hits, clarified=entry.clarified)
            except ClarityError as exc:  # (the budget spent: reported as the rules' failures are)
                failed.setdefault("questions", exc)
                asked = []
            findings.extend(_question(path, entry, q) for q in asked)
        if failed:  # a rule that failed once is not run again on this file
            rules = [c for c in rules if c.rule.id not in failed]
    if failed:  # the other rules' findings are kept: the file is reported as incomplete
        spent = [e for e in failed.values() if isinstance(e, budget.BudgetSpent)]
        first = spent[0] if spent else next(iter(failed.values()))
        code = "incomplete" if spent else "rule-error"
        result.diagnostics.append(as_diagnostic(path, first, code))
    suppressions = find_suppressions(charter.text, charter.kind, path)
    kept, extra = apply_suppressions(
        findings, suppressions, charter.spans, [entry.task for entry in charter.entries]
    )
    extra = [
        _with_severity(f, severity(f.rule, f.name, f.severity)) for f in extra if on(f.rule, f.name)
    ]
    result.findings = sorted(kept + extra, key=lambda f: f.sort_key)
    return result


def _evaluate(
    record: Any, rules: list[Any], failed: dict[str, ClarityError], clarified: dict[str, bool]
) -> list[Finding]:
    """The findings of ``rules`` on one delegation, where the charter's answers to follow-up
    questions (``clarified``) decide their rules; a rule that fails (a pattern too slow, the
    time budget spent) is noted in ``failed`` and the others still run."""
    try:
        return evaluate(record, rules, clarified=clarified, each=True)
    except ClarityError:
        found: list[Finding] = []
        for rule in rules:
            try:
                found += evaluate(record, [rule], clarified=clarified, each=True)
            except ClarityError as exc:
                failed.setdefault(rule.rule.id, exc)
        return found


def _with_severity(finding: LintFinding, severity: str) -> LintFinding:
    if severity == finding.severity:
        return finding
    return finding.replace(severity=severity)


def lint_paths(
    paths: Sequence[str],
    *,
    pack: Pack | None = None,
    pack_paths: Sequence[Path] = (),
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    relative: Callable[[str], str] | None = None,
    settings: LintSettings | None = None,
    jobs: int | None = None,
    cache: bool = True,
    fail_level: str = "error",
    rules: PathRules | None = None,
    gitignore: bool = False,
    force_exclude: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> LintRun:
    """Find the charters under ``paths`` and lint them all into one LintRun (see
    ``discover`` for which files; ``cache``: use and keep the results of earlier runs)."""
    settings = settings or LintSettings()
    if pack is None:
        pack = load_pack(pack_paths, settings.limits)
    from clarity.core.linting.lintpool import lint_files

    found = discover(
        paths,
        include,
        exclude,
        relative,
        rules=rules,
        gitignore=gitignore,
        force_exclude=force_exclude,
    )
    results = lint_files(
        found.files,
        pack,
        pack_paths=pack_paths,
        settings=settings,
        jobs=jobs,
        cache=cache,
        progress=progress,
    )
    results.extend(FileResult(d.path, diagnostics=[d]) for d in found.diagnostics)
    return LintRun(files=sorted(results, key=lambda r: r.path), fail_level=fail_level)
