"""Linting many files: in worker processes when there are enough, within the run's bounds.

Workers never outlive the run (``procs.die_with_parent``) and the parent ends them when it is
interrupted; the findings of a run are capped (``max_findings``) as results arrive, so memory
follows what is reported; the processes share the run's pattern time budget
(``core/rules/budget.py``).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from clarity.core.errors import ClarityError
from clarity.core.limits import raise_hint
from clarity.core.linting.lint import LintSettings, as_diagnostic, lint_file
from clarity.core.rules import budget
from clarity.core.rules.pack import Pack, load_pack
from clarity.core.scoring.findings import FileResult

#: Files per worker process below which linting in one process is faster (see
#: ``min_files_per_worker``).
FORKED_MIN_FILES = 16
SPAWNED_MIN_FILES = 200


class _Worker:
    __slots__ = ("pack", "settings")

    def __init__(self, pack: Pack, settings: LintSettings) -> None:
        self.pack = pack
        self.settings = settings


#: The pack and settings of this worker process. The parent sets it just before starting a
#: pool, so a forked worker inherits the compiled pack; a spawned one compiles its own.
_WORKER: _Worker | None = None


def _init_worker(
    pack_paths: tuple[Path, ...], settings: LintSettings, parent: int, shared: Any
) -> None:
    global _WORKER
    from clarity.core.judge.memory import save_on_worker_exit
    from clarity.core.linting.procs import die_with_parent

    die_with_parent(parent)
    save_on_worker_exit()
    budget.start_run(settings.limits.pattern_timeout_seconds, shared)
    if _WORKER is None:
        _WORKER = _Worker(load_pack(pack_paths, settings.limits), settings)


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
    pack: Pack,
    *,
    pack_paths: Sequence[Path] = (),
    settings: LintSettings | None = None,
    jobs: int | None = None,
    cache: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> list[FileResult]:
    """Lint files, in worker processes when there are enough; results sorted by path.
    ``progress(done, total)`` is told as files are done. A file linted before, unchanged and
    under the same rules, gets its kept result back (``results``), unless not ``cache``."""
    global _WORKER
    settings = settings or LintSettings()
    from clarity.core.linting.results import Results

    kept = Results.open(pack, pack_paths, settings) if cache else None
    cap = _FindingsCap(settings.limits.max_findings)
    tell = progress or (lambda done, total: None)
    total = len(files)
    results: list[FileResult] = []
    keys: dict[str, str | None] = {}
    if kept is not None:
        todo = []
        for path in files:
            name, found = kept.get(path)
            if found is None:
                keys[path] = name
                todo.append(path)
            else:
                results.append(cap(found))
                tell(len(results), total)
        files = todo

    def done(result: FileResult) -> None:
        if kept is not None:
            kept.put(keys.get(result.path), result)
        results.append(cap(result))
        tell(len(results), total)

    context = None
    workers = workers_for(len(files), jobs)  # at most this many, with the cheapest start
    if workers > 1:
        context = _mp_context()
        workers = workers_for(len(files), jobs, context.get_start_method())
    if files and workers <= 1:
        budget.start_run(settings.limits.pattern_timeout_seconds)
        try:
            for path in files:
                done(lint_file(path, pack, settings))
        finally:
            budget.stop_run()
    elif files:
        from concurrent.futures import ProcessPoolExecutor

        chunk = max(1, len(files) // (workers * 4))
        shared = budget.shared_run_budget(context, settings.limits.pattern_timeout_seconds)
        _WORKER = _Worker(pack, settings)
        try:
            with ProcessPoolExecutor(
                max_workers=workers,
                mp_context=context,
                initializer=_init_worker,
                initargs=(tuple(pack_paths), settings, os.getpid(), shared),
            ) as pool:
                try:
                    for result in pool.map(_lint_in_worker, files, chunksize=chunk):
                        done(result)
                except BaseException:  # Ctrl-C, or a worker lost: end the others now
                    _kill_workers(pool)
                    raise
        finally:
            _WORKER = None
    return sorted(results, key=lambda r: r.path)


class _FindingsCap:
    """Keeps the findings of a run up to ``max_findings``, as the files' results arrive: the
    file where the limit is reached says so (exit 2), and later files keep none."""

    def __init__(self, limit: int) -> None:
        self.left = limit
        self.limit = limit

    def __call__(self, result: FileResult) -> FileResult:
        if len(result.findings) > self.left:
            if self.left >= 0:
                problem = ClarityError(
                    f"the run keeps at most {self.limit} findings: later ones are left out",
                    hint="lint fewer files at a time, or " + raise_hint("max_findings"),
                )
                result.diagnostics.append(as_diagnostic(result.path, problem, "too-many-findings"))
            result.findings = result.findings[: max(self.left, 0)]
            self.left = -1
        else:
            self.left -= len(result.findings)
        return result


def _kill_workers(pool: Any) -> None:
    pool.shutdown(wait=False, cancel_futures=True)
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            process.kill()
