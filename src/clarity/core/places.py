"""Where clarity's files are: those shipped with it (the built-in rule pack, ``rules``, and the
JSON Schemas, ``schemas``: inside the installed package, or in the source tree beside ``src/``)
and the user's cache folder (the compiled pack, the judges' decisions)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: The ``clarity`` package folder.
PACKAGE = Path(__file__).resolve().parent.parent


def shipped(name: str) -> Path:
    """The folder ``name`` as installed with clarity, else the source tree's."""
    installed = PACKAGE / name
    if installed.is_dir():
        return installed
    return PACKAGE.parent.parent / name


#: A file as a cached entry depends on it: its path, modification time and size.
Stamp = tuple[str, int, int]


def stamp(path: str | Path) -> Stamp:
    """A file as a cached entry depends on it: its path, modification time and size."""
    st = Path(path).stat()
    return (os.fspath(path), st.st_mtime_ns, st.st_size)


def trusted(path: Path) -> bool:
    """Whether a cached file (or folder) and the folder holding it are the user's own and
    nobody else may change them: only such a copy is read back (unpickled, mapped)."""
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: the folder is per user
        return True
    for item in (path.parent, path):
        st = item.stat()
        if st.st_uid != os.getuid() or st.st_mode & 0o022:
            return False
    return True


def builtin_pack_path() -> Path:
    """The built-in rule pack's folder."""
    return shipped("rules")


def cache_dir() -> Path | None:
    """The user's cache folder for clarity (as platformdirs has it), or None to use none."""
    if os.environ.get("CLARITY_NO_CACHE", "").strip() not in ("", "0"):
        return None
    if sys.platform == "win32":  # pragma: no cover - not where the tests run
        from platformdirs import user_cache_dir

        return Path(user_cache_dir("clarity", appauthor=False))
    if sys.platform == "darwin":  # pragma: no cover
        return Path.home() / "Library" / "Caches" / "clarity"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "clarity"
