"""Where a project begins and what git leaves out: the repository root, the folders a
configuration is looked for in, and ``.gitignore`` (pathspec's gitignore rules; no pydantic).

A repository root is a folder holding ``.git`` (a folder, or a file in a worktree or
submodule). Configuration is looked for from a folder upward and never past it, and paths in
baselines, SARIF and fingerprints are written relative to the project root.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a .gitignore is read: `check` only looks for configuration
    from pathspec import GitIgnoreSpec


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a folder we may not look into: as if nothing were there
        return False


@lru_cache(maxsize=1024)
def repo_root(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` (absolute) that holds ``.git``, or None."""
    for candidate in (folder, *folder.parents):
        if _exists(candidate / ".git"):
            return candidate
    return None


def upward(folder: Path) -> Iterator[Path]:
    """``folder`` and its parents, stopping at the repository root (the whole way up outside
    a repository): where configuration is looked for."""
    root = repo_root(folder)
    for candidate in (folder, *folder.parents):
        yield candidate
        if candidate == root:
            return


def absolute(path: str | os.PathLike[str], cwd: Path | None = None) -> Path:
    """A normalised absolute path (symbolic links kept as they are)."""
    return Path(os.path.normpath((cwd or Path.cwd()) / path))


@lru_cache(maxsize=4096)
def _spec_of(folder: Path) -> GitIgnoreSpec | None:
    """The rules of one folder's ``.gitignore`` (and, at a repository root, of
    ``.git/info/exclude``), or None when it has none."""
    lines: list[str] = []
    sources = [folder / ".gitignore"]
    if (folder / ".git").is_dir():
        sources.insert(0, folder / ".git" / "info" / "exclude")
    for source in sources:
        try:
            lines += source.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(lines) if lines else None


def gitignored(path: Path, *, folder: bool = False, ancestors: bool = True) -> bool:
    """Whether git would leave out ``path`` (absolute): its repository's ``.gitignore`` files
    from the root down, the deepest deciding, and a file inside a left-out folder left out
    too (``ancestors=False`` when the folders above are known to be kept, as in a walk that
    prunes). Outside a repository nothing is."""
    root = repo_root(path.parent)
    if root is None or path == root:
        return False
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return False
    if ".git" in parts:
        return True
    for depth in range(1 if ancestors else len(parts), len(parts) + 1):
        is_folder = folder or depth < len(parts)
        if _decides(root, parts[:depth], is_folder):
            return True
    return False


def _decides(root: Path, parts: tuple[str, ...], folder: bool) -> bool:
    """Whether the ``.gitignore`` files above ``parts`` leave it out (the deepest one wins)."""
    ignored = False
    base = root
    for depth in range(len(parts)):
        spec = _spec_of(base)
        if spec is not None:
            rel = "/".join(parts[depth:]) + ("/" if folder else "")
            include = spec.check_file(rel).include
            if include is not None:
                ignored = include
        base = base / parts[depth]
    return ignored


def forget() -> None:
    """Forget the repository roots and ``.gitignore`` files seen (a new run looks again)."""
    repo_root.cache_clear()
    _spec_of.cache_clear()


def project_root(config_folder: Path | None, cwd: Path) -> Path:
    """The folder that paths in baselines, SARIF and fingerprints are relative to: the
    repository root, else the configuration's folder, else the working directory. Inside a
    repository it does not depend on where clarity was started."""
    return repo_root(cwd) or config_folder or cwd
