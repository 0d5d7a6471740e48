"""Globs for file discovery and per-path settings, with gitignore's rules (pathspec; no
pydantic: lint's hot path uses them without loading the configuration models)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

#: Which files in a folder are charters, unless the configuration says otherwise.
DEFAULT_INCLUDE: tuple[str, ...] = ("*.charter.yaml", "*.charter.yml", "*.charter.md")


@lru_cache(maxsize=512)
def _spec(patterns: tuple[str, ...]) -> GitIgnoreSpec:
    from pathspec import GitIgnoreSpec  # (imported only when there are globs to match)

    lines = []
    for pattern in patterns:
        pattern = pattern.strip()
        negated = pattern.startswith("!")
        body = pattern[1:] if negated else pattern
        if body.startswith("./"):  # written relative to the folder: anchored there
            while body.startswith("./"):
                body = body[2:]
            body = "/" + (body or "**")
        lines.append(("!" if negated else "") + body)
    return GitIgnoreSpec.from_lines(lines)


def matches_any(patterns: Iterable[str], path: str, *, folder: bool = False) -> bool:
    """Whether a posix ``path`` (relative to the globs' folder) matches the globs, with
    gitignore's rules (pathspec): ``*`` stays within a folder, ``**`` crosses folders, a glob
    matching a folder matches everything in it, a glob without a ``/`` in the middle or at the
    start matches a name at any depth, ``/drafts`` only at the top, ``drafts/`` only a folder,
    and ``!`` brings back what an earlier glob left out. ``folder`` says the path is a folder."""
    patterns = tuple(patterns)
    if not patterns:
        return False
    spec = _spec(patterns)
    if not spec.patterns:
        return False
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if not parts:
        return False
    return bool(spec.match_file("/".join(parts) + ("/" if folder else "")))


def glob_match(pattern: str, path: str) -> bool:
    """Whether a posix ``path`` (relative) matches one glob (see ``matches_any``)."""
    return matches_any((pattern,), path)


def relative_to(root: Path, cwd: Path, path: str | os.PathLike[str]) -> str:
    """A file's posix path relative to ``root`` (as given when it lies outside it); ``path`` is
    as given on the command line, relative to ``cwd``, or absolute."""
    absolute = os.path.normpath(cwd / path)
    base = os.path.normpath(os.fspath(root))
    try:
        rel = os.path.relpath(absolute, base)
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return Path(os.path.normpath(os.fspath(path))).as_posix()
    return Path(rel).as_posix()
