"""``extends:``: a configuration built on another one, shared across repositories.

``extends`` names a configuration file relative to the one that names it, or one inside an
installed Python package as ``pkg:PACKAGE/PATH`` (``pkg:PACKAGE`` alone means its
``clarity.yaml``). The settings of the extended file come first and the extending file's own
keys replace them, key by key. Rule packs (``rules``) of an extended file are read from its
own folder; globs (``exclude``, ``include``, ``overrides``) apply from the folder of the
configuration in use. A mistake is reported in the file where it is, at its line.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clarity.core.errors import ClarityError, Location

if TYPE_CHECKING:
    from clarity.core.reading.yamlsafe import Document
    from clarity.core.settings.config_models import Config

PACKAGE_PREFIX = "pkg:"
PACKAGE_DEFAULT = "clarity.yaml"
MAX_DEPTH = 8


def _package_file(spec: str, where: Location) -> Path:
    name, _, inner = spec[len(PACKAGE_PREFIX) :].partition("/")
    try:
        found = importlib.util.find_spec(name) if name and "." not in name[:1] else None
    except (ImportError, ValueError):
        found = None
    folders = list(found.submodule_search_locations or []) if found is not None else []
    if not folders:
        raise ClarityError(
            f"no installed package '{name}'",
            location=where,
            key="extends",
            hint="install it (pip install ...), or give a path to a configuration file",
        )
    return Path(folders[0]) / (inner or PACKAGE_DEFAULT)


def target_of(spec: str, folder: Path, where: Location) -> tuple[Path, str]:
    """The file an ``extends`` entry names, and how to show it."""
    if spec.startswith(PACKAGE_PREFIX):
        path = _package_file(spec, where)
        shown = spec
    else:
        path = Path(os.path.normpath(folder / spec))
        shown = spec
    if not path.is_file():
        raise ClarityError(
            f"no such configuration '{spec}' to extend",
            location=where,
            key="extends",
            hint="paths are relative to the folder of this file; packages are 'pkg:NAME/FILE'",
        )
    return path, shown


def extend(config: Config, doc: Document, path: Path, chain: tuple[Path, ...] = ()) -> Config:
    """``config`` over the configurations it extends (read recursively, refusing a loop)."""
    from clarity.core.settings.config_files import read_config
    from clarity.core.settings.config_models import Config

    specs = [config.extends] if isinstance(config.extends, str) else list(config.extends or [])
    if not specs:
        return config
    here = Path(os.path.normpath(path)).resolve()
    chain = (*chain, here)
    merged: dict[str, Any] = {}
    for i, spec in enumerate(specs):
        key = ("extends",) if isinstance(config.extends, str) else ("extends", i)
        where = doc.where(key)
        target, shown = target_of(spec, here.parent, where)
        if target.resolve() in chain or len(chain) > MAX_DEPTH:
            raise ClarityError(
                f"'{spec}' extends this file again (a loop)",
                location=where,
                key="extends",
                hint="remove one of the extends",
            )
        base, base_doc = read_config(target, _source(target, shown), extended=False)
        base = extend(base, base_doc, target, chain)
        merged.update(_own(base, target.parent))
    merged.update({k: v for k, v in _own(config, None).items()})
    merged.pop("extends", None)
    return Config.model_validate(merged)


def _own(config: Config, folder: Path | None) -> dict[str, Any]:
    """The keys a file sets itself; its rule packs made absolute when it is extended."""
    data = {name: getattr(config, name) for name in config.model_fields_set}
    if folder is not None and "rules" in data:
        data["rules"] = [str(folder / pack) for pack in data["rules"]]
    return data


def _source(target: Path, shown: str) -> str:
    try:
        return os.path.relpath(target)
    except ValueError:  # another drive on Windows
        return shown
