"""Rule packs installed as Python packages, found through the entry point group ``clarity.rules``.

A package declares one entry point per pack, in its ``pyproject.toml``::

    [project.entry-points."clarity.rules"]
    team = "team_rules:PACK"

The object it names is the path of a pack (a file, or a folder of ``.yaml`` files): a ``str``
or ``Path``, or a function that returns one. A relative path is read from the folder of the
module that defines it. Installed packs are laid over the built-in pack in the order of their
entry point names, and under the packs of the configuration and ``--rules``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clarity.core.errors import ClarityError

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

GROUP = "clarity.rules"
_FIX = "fix or uninstall the package that provides it (pip uninstall ...)"


@dataclass(frozen=True)
class InstalledPack:
    """A rule pack an installed package provides."""

    name: str
    value: str
    distribution: str | None
    path: Path

    @property
    def label(self) -> str:
        return _label(self.name, self.value, self.distribution)


def _label(name: str, value: str, distribution: str | None) -> str:
    origin = f" of {distribution}" if distribution else ""
    return f"entry point '{name} = {value}'{origin} (group {GROUP})"


def _distribution(entry: EntryPoint) -> str | None:
    dist = getattr(entry, "dist", None)
    if dist is None:
        return None
    try:
        return f"{dist.name} {dist.version}"
    except Exception:  # pragma: no cover - a distribution without readable metadata
        return None


def installed_packs() -> list[InstalledPack]:
    """Every pack the installed packages provide, sorted by entry point name.

    Raises a one-line ClarityError naming the entry point when it cannot be loaded or does not
    name an existing pack.
    """
    from importlib.metadata import entry_points

    seen: set[tuple[str, str]] = set()
    packs = []
    for entry in sorted(entry_points(group=GROUP), key=lambda e: (e.name, e.value)):
        if (entry.name, entry.value) in seen:  # the same package found twice on the path
            continue
        seen.add((entry.name, entry.value))
        dist = _distribution(entry)
        packs.append(InstalledPack(entry.name, entry.value, dist, _resolve(entry, dist)))
    return packs


def _resolve(entry: EntryPoint, dist: str | None) -> Path:
    label = _label(entry.name, entry.value, dist)

    def broken(message: str) -> ClarityError:
        return ClarityError(f"the rule pack of {label} {message}", hint=_FIX)

    try:
        target: Any = entry.load()
    except Exception as exc:
        raise broken(f"cannot be loaded: {type(exc).__name__}: {exc}") from None
    if callable(target):
        try:
            target = target()
        except Exception as exc:
            raise broken(f"failed: {type(exc).__name__}: {exc}") from None
    if not isinstance(target, (str, os.PathLike)):
        raise broken(f"is {type(target).__name__}, not the path of a pack file or folder")
    path = Path(os.fspath(target))
    if not path.is_absolute():
        module = sys.modules.get(entry.module)
        home = getattr(module, "__file__", None)
        path = (Path(home).parent if home else Path.cwd()) / path
    if not path.exists():
        raise broken(f"names {path}, which does not exist")
    return path
