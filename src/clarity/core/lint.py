"""Linting charters: find the files, read their delegations, run the one engine, locate findings.

``lint_paths`` is the whole of it: discovery, then every file (in parallel worker processes
when there are enough of them), then the results in a deterministic order (by path). Every
output format is a function of the ``LintRun`` it returns.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from clarity.core.charters import CharterEntry, read_charter
from clarity.core.engine import Finding, evaluate
from clarity.core.errors import ClarityError
from clarity.core.findings import Diagnostic, FileResult, LintFinding, LintRun
from clarity.core.globs import DEFAULT_INCLUDE, matches_any
from clarity.core.limits import DEFAULT_LIMITS, Limits
from clarity.core.lintpack import LintPack, load_lint_pack
from clarity.core.record import answer_text, say
from clarity.core.suppress import apply_suppressions, find_suppressions
from clarity.core.values import FrozenValue, Value

if TYPE_CHECKING:
    from clarity.core.pack import Pack

#: A pack as lint takes it: the lint view (cached between runs), or a fully loaded pack.
AnyPack: TypeAlias = "LintPack | Pack"

#: Folders never searched (a file inside them can still be named explicitly).
ALWAYS_EXCLUDED: tuple[str, ...] = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    ".tox",
    ".nox",
    "node_modules",
    "__pycache__",
)
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

    def settings_for(self, path: str) -> RuleSettings: ...


class Discovery(Value):
    __slots__ = ("diagnostics", "files")
    __match_args__ = ("files", "diagnostics")

    def __init__(self, files: list[str], diagnostics: list[Diagnostic]) -> None:
        self.files = files
        self.diagnostics = diagnostics


def _unreadable(problems: list[Diagnostic]) -> Callable[[OSError], None]:
    """For os.walk: a folder that cannot be listed is a diagnostic, never silently skipped."""

    def on_error(exc: OSError) -> None:
        where = Path(exc.filename).as_posix() if exc.filename else "."
        reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror
        problems.append(
            Diagnostic(
                where,
                None,
                None,
                f"cannot read the folder: {reason or exc}; check its permissions",
                "unreadable",
            )
        )

    return on_error


def _walk(
    root: Path,
    include: Sequence[str],
    exclude: Sequence[str],
    relative: Callable[[str], str],
    problems: list[Diagnostic] | None = None,
) -> Iterator[Path]:
    """Files under a folder matching the patterns; symbolic links to folders are not followed.

    A folder that cannot be read is added to ``problems``."""
    on_error = _unreadable(problems) if problems is not None else None
    for folder, dirs, files in os.walk(root, onerror=on_error, followlinks=False):
        base = Path(folder)
        dirs[:] = [
            name
            for name in sorted(dirs)
            if name not in ALWAYS_EXCLUDED
            and not matches_any(exclude, relative((base / name).as_posix()))
        ]
        for name in sorted(files):
            path = base / name
            rel = relative(path.as_posix())
            if matches_any(include, rel) and not matches_any(exclude, rel):
                if path.is_file():
                    yield path
                elif problems is not None and path.is_symlink() and not path.exists():
                    problems.append(
                        Diagnostic(
                            path.as_posix(),
                            None,
                            None,
                            "a symbolic link to nothing (a loop, or its target is gone); "
                            "check the link",
                            "not-found",
                        )
                    )


def discover(
    paths: Sequence[str],
    include_patterns: Sequence[str] = DEFAULT_INCLUDE,
    exclude_patterns: Sequence[str] = (),
    relative: Callable[[str], str] | None = None,
) -> Discovery:
    """The charter files to lint, sorted by path; a path that does not exist is a diagnostic.

    Files named explicitly are always linted. Folders are searched recursively for the
    include globs, leaving out what the exclude globs match (gitignore-style, see
    ``config.glob_match``); ``relative`` maps a path to the form the globs are written for
    (the configuration file's folder), by default the path as found.
    """
    include = list(include_patterns) or list(DEFAULT_INCLUDE)
    to_glob = relative or (lambda path: path)
    found: set[str] = set()
    seen: set[str] = set()
    diagnostics = []
    for given in paths:
        path = Path(given)
        try:
            path.stat()
        except PermissionError:  # a folder on the way may not be looked into
            diagnostics.append(
                Diagnostic(
                    given, None, None, "permission denied; check the permissions", "unreadable"
                )
            )
            continue
        except OSError:
            pass  # missing, or a link to nothing: told apart below
        if path.is_dir():
            candidates = list(_walk(path, include, exclude_patterns, to_glob, diagnostics))
        elif path.exists():
            candidates = [path]
        elif path.is_symlink():
            diagnostics.append(
                Diagnostic(
                    given,
                    None,
                    None,
                    "a symbolic link to nothing (a loop, or its target is gone); check the link",
                    "not-found",
                )
            )
            continue
        else:
            diagnostics.append(
                Diagnostic(given, None, None, "no such file or folder; check the path", "not-found")
            )
            continue
        for candidate in candidates:
            shown = candidate.as_posix()
            try:
                real = str(candidate.resolve())
            except (OSError, RuntimeError):  # a symbolic link loop
                real = shown
            if shown in found or real in seen:
                continue
            seen.add(real)
            found.add(shown)
    return Discovery(sorted(found), diagnostics)


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
        title=say(rule.title, "leader"),
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


def lint_file(path: str, pack: AnyPack, settings: LintSettings | None = None) -> FileResult:
    """Lint one charter file. A file that cannot be read or parsed becomes a diagnostic."""
    settings = settings or LintSettings()
    result = FileResult(path)
    try:
        charter = read_charter(Path(path), path, settings.limits)
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
) -> list[FileResult]:
    """Lint files, in worker processes when there are enough; results sorted by path."""
    global _WORKER
    settings = settings or LintSettings()
    context = None
    workers = workers_for(len(files), jobs)  # at most this many, with the cheapest start
    if workers > 1:
        context = _mp_context()
        workers = workers_for(len(files), jobs, context.get_start_method())
    if workers <= 1:
        results = [lint_file(path, pack, settings) for path in files]
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
                results = list(pool.map(_lint_in_worker, files, chunksize=chunk))
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
) -> LintRun:
    """Find the charters under ``paths`` and lint them all into one LintRun."""
    settings = settings or LintSettings()
    if pack is None:
        pack = load_lint_pack(pack_paths, settings.limits)
    found = discover(paths, include, exclude, relative)
    results = lint_files(found.files, pack, pack_paths=pack_paths, settings=settings, jobs=jobs)
    results.extend(FileResult(d.path, diagnostics=[d]) for d in found.diagnostics)
    return LintRun(files=sorted(results, key=lambda r: r.path), fail_level=fail_level)
