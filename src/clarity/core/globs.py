"""Globs for file discovery and per-path settings, gitignore-style (no pydantic: lint's hot
path uses them without loading the configuration models)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

#: Which files in a folder are charters, unless the configuration says otherwise.
DEFAULT_INCLUDE: tuple[str, ...] = ("*.charter.yaml", "*.charter.yml", "*.charter.md")


@lru_cache(maxsize=512)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    out, i, n = [], 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if pattern.startswith("**", i):
            at_start = i == 0 or pattern[i - 1] == "/"
            if at_start and pattern.startswith("**/", i):
                out.append("(?:.*/)?")
                i += 3
                continue
            out.append(".*")
            i += 2
            continue
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            j = i + 1
            if pattern[j : j + 1] in ("!", "^"):
                j += 1
            if pattern[j : j + 1] == "]":
                j += 1
            end = pattern.find("]", j)
            if end == -1:
                out.append(re.escape(ch))
                i += 1
                continue
            body = pattern[i + 1 : end]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = end + 1
            continue
        else:
            out.append(re.escape(ch))
        i += 1
    return re.compile("".join(out), re.DOTALL)


def glob_match(pattern: str, path: str) -> bool:
    """Whether a posix ``path`` (relative) matches a glob, gitignore-style.

    ``*`` stays within a folder, ``**`` crosses folders; a glob matching a folder matches
    everything in it; a glob without ``/`` matches a file or folder name at any depth.
    """
    pattern = pattern.strip()
    while pattern.startswith("./"):
        pattern = pattern[2:]
    pattern = pattern.lstrip("/").rstrip("/") or "**"
    parts = [p for p in path.split("/") if p not in ("", ".")]
    regex = _glob_regex(pattern)
    if "/" not in pattern:
        return any(regex.fullmatch(part) for part in parts)
    return any(regex.fullmatch("/".join(parts[: k + 1])) for k in range(len(parts)))


def matches_any(patterns: Iterable[str], path: str) -> bool:
    return any(glob_match(p, path) for p in patterns)


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
