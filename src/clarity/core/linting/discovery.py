"""Finding the charters to lint: the paths given, folders searched recursively, with the
configuration's include and exclude globs and ``.gitignore`` deciding what is left out."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

from clarity.core.scoring.findings import Diagnostic
from clarity.core.settings.globs import DEFAULT_INCLUDE, matches_any
from clarity.core.settings.project import absolute, forget, gitignored
from clarity.core.values import FrozenValue, Value

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


class PathRules(Protocol):
    """Which files are charters and which are left out (the configuration, per path)."""

    def included(self, path: str) -> bool: ...

    def excluded(self, path: str, folder: bool = False) -> bool: ...


class GlobRules(FrozenValue):
    """Include and exclude globs, matched on ``relative(path)`` (the configuration's folder)."""

    __slots__ = ("exclude", "include", "relative")
    __match_args__ = ("include", "exclude", "relative")

    def __init__(
        self,
        include: Sequence[str] = DEFAULT_INCLUDE,
        exclude: Sequence[str] = (),
        relative: Callable[[str], str] | None = None,
    ) -> None:
        self.include = tuple(include) or DEFAULT_INCLUDE
        self.exclude = tuple(exclude)
        self.relative = relative

    def _rel(self, path: str) -> str:
        return self.relative(path) if self.relative is not None else path

    def included(self, path: str) -> bool:
        return matches_any(self.include, self._rel(path))

    def excluded(self, path: str, folder: bool = False) -> bool:
        return matches_any(self.exclude, self._rel(path), folder=folder)


def _walk(
    root: Path,
    rules: PathRules,
    gitignore: bool,
    problems: list[Diagnostic] | None = None,
) -> Iterator[Path]:
    """Files under a folder that are charters and not left out (by the configuration, or by
    ``.gitignore`` when ``gitignore``); symbolic links to folders are not followed.

    A folder that cannot be read is added to ``problems``."""
    on_error = _unreadable(problems) if problems is not None else None
    start = absolute(root)
    if gitignore and gitignored(start, folder=True):
        return
    for folder, dirs, files in os.walk(root, onerror=on_error, followlinks=False):
        base = Path(folder)
        where = start / os.path.relpath(folder, root)
        dirs[:] = [
            name
            for name in sorted(dirs)
            if name not in ALWAYS_EXCLUDED
            and not rules.excluded((base / name).as_posix(), folder=True)
            and not (gitignore and gitignored(where / name, folder=True, ancestors=False))
        ]
        for name in sorted(files):
            path = base / name
            shown = path.as_posix()
            if not rules.included(shown) or rules.excluded(shown):
                continue
            if gitignore and gitignored(where / name, ancestors=False):
                continue
            if path.exists() and not path.is_dir():  # a FIFO too: reading it says what
                yield path
            elif problems is not None and path.is_symlink() and not path.exists():
                problems.append(
                    Diagnostic(
                        shown,
                        None,
                        None,
                        "a symbolic link to nothing (a loop, or its target is gone); "
                        "check the link",
                        "not-found",
                    )
                )


def left_out(given: str, rules: PathRules, gitignore: bool) -> bool:
    """With --force-exclude: whether a file named explicitly is left out all the same (by the
    configuration's exclude, a left-out folder above it, or ``.gitignore``)."""
    path = Path(given)
    parts = path.parts
    for depth in range(1, len(parts)):
        if parts[depth - 1] not in ("..", ".", "/") and rules.excluded(
            Path(*parts[:depth]).as_posix(), folder=True
        ):
            return True
    if rules.excluded(path.as_posix()):
        return True
    return gitignore and gitignored(absolute(path))


def discover(
    paths: Sequence[str],
    include_patterns: Sequence[str] = DEFAULT_INCLUDE,
    exclude_patterns: Sequence[str] = (),
    relative: Callable[[str], str] | None = None,
    *,
    rules: PathRules | None = None,
    gitignore: bool = False,
    force_exclude: bool = False,
) -> Discovery:
    """The charter files to lint, sorted by path; a path that does not exist is a diagnostic.

    Folders are searched recursively for the include globs, leaving out what the exclude
    globs match (gitignore's rules, see ``globs.matches_any``) and, with ``gitignore``, what
    ``.gitignore`` leaves out; ``relative`` maps a path to the form the globs are written for
    (the configuration file's folder), by default the path as found; ``rules`` gives both
    per path instead. Files named explicitly are always linted, unless ``force_exclude``.
    """
    forget()
    chosen: PathRules = rules or GlobRules(include_patterns, exclude_patterns, relative)
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
        if (
            force_exclude
            and (path.exists() or path.is_symlink())
            and left_out(given, chosen, gitignore)
        ):
            continue
        if path.is_dir():
            candidates = list(_walk(path, chosen, gitignore, diagnostics))
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
