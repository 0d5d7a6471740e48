"""Linting charters: find the files, read their delegations, run the one engine, locate findings.

``lint_paths`` is the whole of it: discovery, then every file (in parallel worker processes
when there are enough of them), then the results in a deterministic order (by path). Every
output format is a function of the ``LintRun`` it returns.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from clarity.core.charters import CharterEntry, charter_kind, parse_charter, read_charter
from clarity.core.discovery import ALWAYS_EXCLUDED as ALWAYS_EXCLUDED
from clarity.core.discovery import Discovery as Discovery
from clarity.core.discovery import GlobRules as GlobRules
from clarity.core.discovery import PathRules, discover
from clarity.core.engine import Finding, evaluate
from clarity.core.errors import ClarityError
from clarity.core.findings import Diagnostic, FileResult, LintFinding, LintRun
from clarity.core.globs import DEFAULT_INCLUDE
from clarity.core.limits import DEFAULT_LIMITS, Limits
from clarity.core.lintpack import LintPack, load_lint_pack
from clarity.core.record import answer_text, say
from clarity.core.suppress import apply_suppressions, find_suppressions
from clarity.core.values import FrozenValue

if TYPE_CHECKING:
    from clarity.core.pack import Pack

#: A pack as lint takes it: the lint view (cached between runs), or a fully loaded pack.
AnyPack: TypeAlias = "LintPack | Pack"

#: Files per worker process below which linting in one process is faster (see
#: ``min_files_per_worker``).
FORKED_MIN_FILES = 16
SPAWNED_MIN_FILES = 200


class RuleSettings(Protocol):
    """Which rules are on for one file, and at what severity (configuration, per path)."""

    def enabled(self, rule_id: str, rule_name: str | None = None) -> bool: ...

    def severity(self, rule_id: str, default: str, rule_name: str | None = None) -> str: ...


class SettingsSource(Protocol):
    """The configuration as lint needs it: the settings that apply to one path."""

    def settings_for(self, path: str) -> RuleSettings | None: ...


def _diagnostic(path: str, exc: ClarityError, code: str) -> Diagnostic:
    where = exc.location
    text = exc.message
    if exc.key:
        text = f"{exc.key}: {text}"
    if exc.hint:
        text = f"{text}; {exc.hint}"
    line = where.line if where is not None else None
    column = where.column if where is not None else None
    return Diagnostic(path, line, column, text, code)


def referenced_fields(cond: Any) -> list[str]:
    """The record fields a condition reads, in order, without repeats."""
    from clarity.core.conditions import referenced_fields as fields

    return list(dict.fromkeys(fields(cond)))


def _finding(path: str, entry: CharterEntry, hit: Finding, severity: str) -> LintFinding:
    rule = hit.rule
    name, index, answer = hit.field, hit.index, hit.answer
    if name is None:
        # A rule that fires on an absence ("not matches ...") names no answer: when it reads
        # one field only, that field is still the place to point at.
        reads = getattr(rule, "reads", None)
        fields = list(reads) if reads is not None else referenced_fields(rule.when)
        if len(fields) == 1:
            name, answer = fields[0], entry.record.get(fields[0])
    line, column = entry.locate(name, index)
    return LintFinding(
        path=path,
        line=line,
        column=column,
        delegation=entry.task,
        field=name,
        rule=rule.id,
        name=rule.name,
        title=rule.title,
        dimension=rule.dimension,
        severity=severity,
        message=say(rule.message, "leader"),
        why=say(rule.why, "leader"),
        fix=say(rule.fix, "leader"),
        answer=None if name is None else answer_text(answer),
        trap=rule.trap,
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
    path: str, pack: AnyPack, settings: LintSettings | None = None, text: str | None = None
) -> FileResult:
    """Lint one charter file (or ``text`` as if it were that file, as ``lint -`` reads it).
    A file that cannot be read or parsed becomes a diagnostic."""
    settings = settings or LintSettings()
    result = FileResult(path)
    try:
        if text is None:
            charter = read_charter(Path(path), path, settings.limits)
        else:
            charter = parse_charter(text, path, charter_kind(path), settings.limits)
    except ClarityError as exc:
        result.diagnostics.append(_diagnostic(path, exc, "parse-error"))
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
    try:
        for entry in charter.entries:
            for hit in evaluate(entry.record, rules):  # type: ignore[arg-type]
                level = severity(hit.rule.id, hit.rule.name, hit.rule.severity)
                findings.append(_finding(path, entry, hit, level))
    except ClarityError as exc:
        result.diagnostics.append(_diagnostic(path, exc, "rule-error"))
        return result
    suppressions = find_suppressions(charter.text, charter.kind, path)
    kept, extra = apply_suppressions(
        findings, suppressions, charter.spans, [entry.task for entry in charter.entries]
    )
    extra = [
        _with_severity(f, severity(f.rule, f.name, f.severity)) for f in extra if on(f.rule, f.name)
    ]
    result.findings = sorted(kept + extra, key=lambda f: f.sort_key)
    return result


def _with_severity(finding: LintFinding, severity: str) -> LintFinding:
    if severity == finding.severity:
        return finding
    return finding.replace(severity=severity)


# ---------------------------------------------------------------------------------------------
# Running many files


class _Worker:
    __slots__ = ("pack", "settings")

    def __init__(self, pack: AnyPack, settings: LintSettings) -> None:
        self.pack = pack
        self.settings = settings


#: The pack and settings of this worker process. The parent sets it just before starting a
#: pool, so a forked worker inherits the compiled pack; a spawned one compiles its own.
_WORKER: _Worker | None = None


def _init_worker(pack_paths: tuple[Path, ...], settings: LintSettings) -> None:
    global _WORKER
    from clarity.core.judge.memory import save_on_worker_exit

    save_on_worker_exit()
    if _WORKER is None:
        _WORKER = _Worker(load_lint_pack(pack_paths, settings.limits), settings)


def _lint_in_worker(path: str) -> FileResult:
    assert _WORKER is not None, "the worker was not initialised"
    return lint_file(path, _WORKER.pack, _WORKER.settings)


def _mp_context() -> Any:
    import multiprocessing

    return multiprocessing.get_context()


def min_files_per_worker(start_method: str) -> int:
    """Below this many files per worker, starting processes costs more than it saves: a
    forked worker starts at once, a spawned one (macOS, Windows) first imports clarity and
    compiles the pack again."""
    return FORKED_MIN_FILES if start_method == "fork" else SPAWNED_MIN_FILES


def workers_for(files: int, jobs: int | None, start_method: str = "fork") -> int:
    """How many processes to use: one, unless there are enough files to share out."""
    wanted = jobs if jobs is not None and jobs > 0 else (os.cpu_count() or 1)
    return max(1, min(wanted, files // min_files_per_worker(start_method)))


def lint_files(
    files: Sequence[str],
    pack: AnyPack,
    *,
    pack_paths: Sequence[Path] = (),
    settings: LintSettings | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[FileResult]:
    """Lint files, in worker processes when there are enough; results sorted by path.
    ``progress(done, total)`` is told as files are done."""
    global _WORKER
    settings = settings or LintSettings()
    context = None
    workers = workers_for(len(files), jobs)  # at most this many, with the cheapest start
    if workers > 1:
        context = _mp_context()
        workers = workers_for(len(files), jobs, context.get_start_method())
    tell = progress or (lambda done, total: None)
    if workers <= 1:
        results = []
        for path in files:
            results.append(lint_file(path, pack, settings))
            tell(len(results), len(files))
    else:
        from concurrent.futures import ProcessPoolExecutor

        chunk = max(1, len(files) // (workers * 4))
        _WORKER = _Worker(pack, settings)
        try:
            with ProcessPoolExecutor(
                max_workers=workers,
                mp_context=context,
                initializer=_init_worker,
                initargs=(tuple(pack_paths), settings),
            ) as pool:
                results = []
                for done in pool.map(_lint_in_worker, files, chunksize=chunk):
                    results.append(done)
                    tell(len(results), len(files))
        finally:
            _WORKER = None
    return sorted(results, key=lambda r: r.path)


def lint_paths(
    paths: Sequence[str],
    *,
    pack: AnyPack | None = None,
    pack_paths: Sequence[Path] = (),
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    relative: Callable[[str], str] | None = None,
    settings: LintSettings | None = None,
    jobs: int | None = None,
    fail_level: str = "error",
    rules: PathRules | None = None,
    gitignore: bool = False,
    force_exclude: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> LintRun:
    """Find the charters under ``paths`` and lint them all into one LintRun (see
    ``discover`` for which files)."""
    settings = settings or LintSettings()
    if pack is None:
        pack = load_lint_pack(pack_paths, settings.limits)
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
        progress=progress,
    )
    results.extend(FileResult(d.path, diagnostics=[d]) for d in found.diagnostics)
    return LintRun(files=sorted(results, key=lambda r: r.path), fail_level=fail_level)
