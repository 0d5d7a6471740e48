"""Where the files shipped with clarity are: the built-in rule pack (``rules``) and the JSON
Schemas (``schemas``), inside the installed package, or in the source tree beside ``src/``."""

from __future__ import annotations

from pathlib import Path

#: The ``clarity`` package folder.
PACKAGE = Path(__file__).resolve().parent.parent


def shipped(name: str) -> Path:
    """The folder ``name`` as installed with clarity, else the source tree's."""
    installed = PACKAGE / name
    if installed.is_dir():
        return installed
    return PACKAGE.parent.parent / name


def builtin_pack_path() -> Path:
    """The built-in rule pack's folder."""
    return shipped("rules")
