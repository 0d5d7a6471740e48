"""Configuration files: the nearest one found walking up from the working directory, and one
read (YAML, ``pyproject.toml``'s ``[tool.clarity]`` or another TOML file) into a validated
``Config`` over the configurations it extends, and its plain values (``config_values``).
``config.load_config`` puts them together.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from clarity.core.errors import ClarityError, Location
from clarity.core.limits import from_env
from clarity.core.reading.inputs import read_text

if TYPE_CHECKING:
    from clarity.core.reading.yamlsafe import Document
    from clarity.core.settings.config_models import Config
    from clarity.core.settings.config_values import ConfigValue

CONFIG_NAMES: tuple[str, ...] = (".clarity.yaml", ".clarity.yml")
PYPROJECT = "pyproject.toml"
_TABLE = ("tool", "clarity")


def find_config(cwd: Path) -> Path | None:
    """The nearest configuration walking up from ``cwd`` (absolute), never past the
    repository root, or None."""
    from clarity.core.settings.project import upward

    for folder in upward(cwd):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if _is_file(candidate):
                return candidate
        pyproject = folder / PYPROJECT
        if _is_file(pyproject) and _has_clarity_table(pyproject, display(pyproject, cwd)):
            return pyproject
    return None


def _is_file(path: Path) -> bool:
    """Whether a configuration is there: a file, or anything else that is not a folder (a
    FIFO or device is then refused in one line when it is read, never waited on)."""
    try:
        return path.exists() and not path.is_dir()
    except OSError:  # a folder we may not look into: as if nothing were there
        return False


def _has_clarity_table(path: Path, source: str) -> bool:
    from clarity.core.reading.tomlsafe import load_toml

    limits = from_env()
    text = read_text(path, source, limits)
    if "clarity" not in text:  # cheap: most pyproject files never mention it
        return False
    return load_toml(text, source, _TABLE, limits) is not None


def display(path: Path, cwd: Path) -> str:
    """A configuration's path as it is shown: relative to ``cwd`` where it can be."""
    try:
        return os.path.relpath(path, cwd)
    except ValueError:  # another drive on Windows
        return str(path)


def read_values(path: Path, source: str) -> tuple[ConfigValue, Document | None]:
    """A configuration file's validated values, over the configurations it extends: kept from
    the last run that validated the same file (no document then: ``read_document`` reads it
    if it is needed), else validated now (see ``config_values``)."""
    from clarity.core.settings.config_values import ConfigValue, keep, kept

    text = read_text(path, source, from_env())
    found = kept(path, text)
    if found is not None:
        return found, None
    config, doc = _validated(path, source, text, extended=True)
    value = ConfigValue.of(config)
    if not doc.data.get("extends"):  # (what it extends may change without it)
        keep(path, text, value)
    return value, doc


def read_config(path: Path, source: str, *, extended: bool = True) -> tuple[Config, Document]:
    """Read and validate one configuration file (YAML, pyproject.toml or another TOML), over
    the configurations it extends unless not ``extended`` (``extends.extend`` reads the chain
    itself, so that it sees a loop).

    The file is read within the limits of the environment (its own ``limits`` apply to what
    is read after it)."""
    return _validated(path, source, read_text(path, source, from_env()), extended=extended)


def _validated(path: Path, source: str, text: str, *, extended: bool) -> tuple[Config, Document]:
    doc = read_document(path, source, text)
    # The models only where a configuration is validated: finding none, or one kept from the
    # last run, costs no pydantic.
    from clarity.core.reading.validation import validate
    from clarity.core.settings.config_models import Config

    config = validate(Config, doc, private=True)
    if config.extends and extended:
        from clarity.core.settings.extends import extend

        config = extend(config, doc, path)
    return config, doc


def read_document(path: Path, source: str, text: str | None = None) -> Document:
    """A configuration file's document (its data and where each key is), not validated: a
    mapping, or a clear error. ``text``: the file's, if it was read already."""
    if text is None:
        text = read_text(path, source, from_env())
    if path.suffix == ".toml":
        from clarity.core.reading.tomlsafe import load_toml

        table = _TABLE if path.name == PYPROJECT else ()
        doc = load_toml(text, source, table, from_env())
        if doc is None:
            raise ClarityError(
                "there is no [tool.clarity] table",
                location=Location(source),
                hint="add one, or use a .clarity.yaml file",
            )
    else:
        from clarity.core.reading.yamlsafe import load_yaml

        doc = load_yaml(text, source, from_env(), private=True)
    if doc.data is None:
        doc.data = {}
    if not isinstance(doc.data, dict):
        raise ClarityError(
            "the configuration must be a mapping of settings",
            location=doc.where(()),
            hint="write 'key: value' lines, e.g. 'fail_level: warning'",
        )
    return doc
