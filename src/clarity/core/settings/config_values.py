"""A validated configuration as plain values, kept in the user's cache.

Validating a configuration file takes its pydantic models (``config_models``), and importing
pydantic and building them costs about 0.13 s: more than a whole ``clarity lint`` of a charter
linted before (0.08 s here). So every command reads a configuration as the plain, frozen values
of this module, whether they were just validated or read back: a file's validated values are
kept in the user's cache (the store of ``judge.memory``) under a digest of clarity's version,
the file's path and its bytes, and a file read again unchanged is not validated again. A
configuration that extends others is validated every time: what it extends may change
without it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clarity.core.settings.globs import DEFAULT_INCLUDE

if TYPE_CHECKING:
    from clarity.core.settings.config_models import Config

#: What a selector may be, as help texts and errors say it.
SELECTOR_HELP = "a rule id (C101), a rule name (outcome-missing), an id prefix (C1) or ALL"
#: Bumped when what is kept changes meaning.
KEPT_VERSION = "1"


@dataclass(frozen=True)
class RuleTable:
    """Rule selection and severities: a configuration's own, or one override's."""

    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class OverrideValue(RuleTable):
    """Settings for the files matching some globs, applied after the main settings."""

    files: list[str] = field(default_factory=list)

    def own(self) -> dict[str, Any]:
        """What the override sets, its globs first (as ``clarity config`` shows it)."""
        data: dict[str, Any] = {"files": self.files}
        if self.select is not None:
            data["select"] = self.select
        if self.ignore:
            data["ignore"] = self.ignore
        if self.severity:
            data["severity"] = self.severity
        return data


@dataclass(frozen=True)
class ConfigValue(RuleTable):
    """A validated configuration (``config_models.Config``) as plain values; the defaults are
    the models' (a test holds them together)."""

    extends: str | list[str] | None = None
    rules: list[str] = field(default_factory=list)
    overrides: list[OverrideValue] = field(default_factory=list)
    fail_level: str = "error"
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool = True
    save: bool = False
    #: The bounds on input the file sets, by name.
    limits: dict[str, int | float] = field(default_factory=dict)
    #: The keys the file, or what it extends, sets (the others are defaults).
    given: frozenset[str] = frozenset()

    @classmethod
    def of(cls, config: Config) -> ConfigValue:
        """The values of a configuration just validated."""
        return cls.from_data({**config.model_dump(mode="json"), "given": config.model_fields_set})

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ConfigValue:
        """The values from ``as_data`` (or a validated model's dump)."""
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in names}
        values["overrides"] = [OverrideValue(**o) for o in data.get("overrides", [])]
        values["limits"] = {k: v for k, v in data.get("limits", {}).items() if v is not None}
        values["given"] = frozenset(data.get("given", ()))
        return cls(**values)

    def as_data(self) -> dict[str, Any]:
        """Plain JSON data, read back by ``from_data``."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["overrides"] = [
            {f.name: getattr(o, f.name) for f in fields(o)} for o in self.overrides
        ]
        data["given"] = sorted(self.given)
        return data


def _key(path: Path, text: str) -> str:
    from clarity import __version__
    from clarity.core.judge.memory import key

    return key("config", KEPT_VERSION, __version__, str(path.absolute()), text)


def kept(path: Path, text: str) -> ConfigValue | None:
    """The values kept when this file, with this text, was last validated, if any."""
    from clarity.core.judge.memory import memory

    found = memory().get(_key(path, text))
    if found is None:
        return None
    try:
        return ConfigValue.from_data(json.loads(found))
    except (ValueError, TypeError, KeyError):  # a copy only: validate the file again
        return None


def keep(path: Path, text: str, value: ConfigValue) -> None:
    """Keep a file's validated values for the next run."""
    from clarity.core.judge.memory import memory

    memory().put(_key(path, text), json.dumps(value.as_data(), separators=(",", ":")))
