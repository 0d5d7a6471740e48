"""The configuration file's format: the pydantic models ``.clarity.yaml`` and
``[tool.clarity]`` are validated with (they also give ``clarity schema config``). What they
validate is then read as plain values (``config_values``)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from clarity.core.limits import RANGES
from clarity.core.settings.config_values import SELECTOR_HELP as _SELECTOR_HELP
from clarity.core.settings.globs import DEFAULT_INCLUDE

Severity = Literal["error", "warning", "info"]


def _drop_nulls(value: Any, keep: tuple[str, ...] = ()) -> Any:
    """An empty key (``ignore:`` with nothing after it) means its default."""
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if v is not None or k in keep}
    return value


def _lower(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


class _Rules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    select: list[str] | None = Field(
        None, description=f"Rules to run (default: all). Each is {_SELECTOR_HELP}."
    )
    ignore: list[str] = Field(
        default_factory=list, description=f"Rules not to run. Each is {_SELECTOR_HELP}."
    )
    severity: dict[str, Severity] = Field(
        default_factory=dict,
        description=f"A rule's severity, by {_SELECTOR_HELP}: error, warning or info.",
    )

    @field_validator("severity", mode="before")
    @classmethod
    def _lower_severities(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: _lower(v) for k, v in value.items()}
        return value


class Override(_Rules):
    """Settings for the files matching some globs, applied after the main settings."""

    files: list[str] = Field(
        description=(
            "Globs, relative to the configuration file's folder: '*' within a folder, '**' "
            "across folders; a glob without '/' matches a file or folder name at any depth."
        ),
    )

    @model_validator(mode="before")
    @classmethod
    def _nulls(cls, value: Any) -> Any:
        return _drop_nulls(value, keep=("files",))

    @field_validator("files")
    @classmethod
    def _some_files(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("name at least one glob")
        return value


class LimitsConfig(BaseModel):
    """Bounds on untrusted input (see clarity.core.limits); the environment wins over them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_file_bytes: int | None = Field(
        None,
        ge=RANGES["max_file_bytes"][1],
        le=RANGES["max_file_bytes"][2],
        description="The largest file read, in bytes (default 5 MiB).",
    )
    max_depth: int | None = Field(
        None,
        ge=RANGES["max_depth"][1],
        le=RANGES["max_depth"][2],
        description="The deepest nesting of lists and mappings (default 64).",
    )
    max_text_chars: int | None = Field(
        None,
        ge=RANGES["max_text_chars"][1],
        le=RANGES["max_text_chars"][2],
        description="The longest text in a file, in characters (default 20000).",
    )
    pattern_timeout: float | None = Field(
        None,
        ge=RANGES["pattern_timeout"][1],
        le=RANGES["pattern_timeout"][2],
        description="The longest a rule's pattern may run on one answer, in seconds (default 0.25).",
    )
    max_delegations: int | None = Field(
        None,
        ge=RANGES["max_delegations"][1],
        le=RANGES["max_delegations"][2],
        description="The most delegations in one charter file (default 10000).",
    )
    max_findings: int | None = Field(
        None,
        ge=RANGES["max_findings"][1],
        le=RANGES["max_findings"][2],
        description="The most findings a lint run keeps (default 50000).",
    )

    @model_validator(mode="before")
    @classmethod
    def _nulls(cls, value: Any) -> Any:
        return _drop_nulls(value)


class Config(_Rules):
    """clarity's configuration: .clarity.yaml, or [tool.clarity] in pyproject.toml."""

    extends: str | list[str] | None = Field(
        None,
        description="Configurations this one builds on (its own keys win): paths relative to "
        "this file's folder, or 'pkg:PACKAGE/FILE' inside an installed Python package.",
    )
    rules: list[str] = Field(
        default_factory=list,
        description="Further rule packs (files or folders), relative to this file's folder.",
    )
    overrides: list[Override] = Field(
        default_factory=list, description="Per-path settings, applied in order."
    )
    fail_level: Severity = Field(
        "error", description="Exit 1 when a finding is at or above this severity."
    )
    include: list[str] = Field(
        default_factory=lambda: list(DEFAULT_INCLUDE),
        description="Which files in a folder are charters (globs).",
    )
    exclude: list[str] = Field(
        default_factory=list,
        description="Files and folders never linted (globs, with gitignore's rules).",
    )
    respect_gitignore: bool = Field(
        True, description="Leave out what .gitignore leaves out when searching folders."
    )
    save: bool = Field(
        False,
        description="Keep every clarity check in the journal, as --save does; --no-save overrides.",
    )

    limits: LimitsConfig = Field(
        default_factory=LimitsConfig,
        description="Bounds on untrusted input; the CLARITY_MAX_* and CLARITY_PATTERN_TIMEOUT "
        "environment variables win over them.",
    )

    @model_validator(mode="before")
    @classmethod
    def _nulls(cls, value: Any) -> Any:
        return _drop_nulls(value)

    @field_validator("fail_level", mode="before")
    @classmethod
    def _lower_level(cls, value: Any) -> Any:
        return _lower(value)
