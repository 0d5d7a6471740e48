"""Bounds on untrusted input, applied before anything expensive runs.

Six limits, each with a default and a range it may be set within:

========================  ==========  ===================  ============================
limit                     default     range                environment variable
========================  ==========  ===================  ============================
``max_file_bytes``        5 MiB       1 KiB to 256 MiB     ``CLARITY_MAX_FILE_BYTES``
``max_depth``             64          4 to 256             ``CLARITY_MAX_DEPTH``
``max_text_chars``        20,000      100 to 1,000,000     ``CLARITY_MAX_TEXT_CHARS``
``pattern_timeout``       0.25 s      0.01 s to 10 s       ``CLARITY_PATTERN_TIMEOUT``
``max_delegations``       10,000      1 to 1,000,000       ``CLARITY_MAX_DELEGATIONS``
``max_findings``          50,000      100 to 10,000,000    ``CLARITY_MAX_FINDINGS``
========================  ==========  ===================  ============================

The last two keep ``clarity lint``'s memory in proportion to what it reports: a file of more
delegations is refused (split it), and a run stops keeping findings past the limit (the file
where it was reached says so).

They are set in the ``limits:`` section of the configuration file, and the environment wins
over the file (so CI can tighten them whatever a pull request's configuration says). The
ranges bound what any configuration can ask for: no file can make clarity accept a gigabyte,
nest without end or let a pattern run for minutes. The built-in rule pack is clarity's own and
is always read with the defaults.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from clarity.core.errors import ClarityError, Location
from clarity.core.values import FrozenValue


class Limits(FrozenValue):
    """How much input clarity accepts. Every bound is checked before parsing goes deeper."""

    __slots__ = (
        "max_delegations",
        "max_depth",
        "max_file_bytes",
        "max_findings",
        "max_text_chars",
        "pattern_timeout_seconds",
    )
    __match_args__ = (
        "max_file_bytes",
        "max_depth",
        "max_text_chars",
        "pattern_timeout_seconds",
        "max_delegations",
        "max_findings",
    )

    def __init__(
        self,
        max_file_bytes: int = 5 * 1024 * 1024,
        max_depth: int = 64,
        max_text_chars: int = 20_000,
        pattern_timeout_seconds: float = 0.25,
        max_delegations: int = 10_000,
        max_findings: int = 50_000,
    ) -> None:
        self.max_file_bytes = max_file_bytes
        self.max_depth = max_depth
        self.max_text_chars = max_text_chars
        self.pattern_timeout_seconds = pattern_timeout_seconds
        self.max_delegations = max_delegations
        self.max_findings = max_findings

    def with_values(self, values: Mapping[str, float | int | None]) -> Limits:
        """These limits with some replaced (by their configuration names; None keeps one)."""
        changes: dict[str, Any] = {
            _FIELD[name]: value for name, value in values.items() if value is not None
        }
        return self.replace(**changes) if changes else self


DEFAULT_LIMITS = Limits()

#: Each limit's name in the configuration file, its type and the range it may be set within.
RANGES: dict[str, tuple[type, float, float]] = {
    "max_file_bytes": (int, 1024, 256 * 1024 * 1024),
    "max_depth": (int, 4, 256),
    "max_text_chars": (int, 100, 1_000_000),
    "pattern_timeout": (float, 0.01, 10.0),
    "max_delegations": (int, 1, 1_000_000),
    "max_findings": (int, 100, 10_000_000),
}
#: The environment variable of each limit.
ENV: dict[str, str] = {name: f"CLARITY_{name.upper()}" for name in RANGES}
_FIELD: dict[str, str] = {
    "max_file_bytes": "max_file_bytes",
    "max_depth": "max_depth",
    "max_text_chars": "max_text_chars",
    "pattern_timeout": "pattern_timeout_seconds",
    "max_delegations": "max_delegations",
    "max_findings": "max_findings",
}
assert set(_FIELD.values()) == set(Limits.__match_args__)


def value_of(limits: Limits, name: str) -> float | int:
    """A limit by its configuration name."""
    value: float | int = getattr(limits, _FIELD[name])
    return value


def in_range(name: str, value: float) -> bool:
    _, low, high = RANGES[name]
    return low <= value <= high


def range_text(name: str) -> str:
    kind, low, high = RANGES[name]
    if kind is int:
        return f"a whole number from {int(low):,} to {int(high):,}".replace(",", "_")
    return f"a number of seconds from {low:g} to {high:g}"


def raise_hint(name: str) -> str:
    """How to raise one limit, for the end of an error's hint."""
    return f"raise the limit ({ENV[name]}, or {name} under 'limits:' in the configuration)"


def input_too_large(limits: Limits, location: Location) -> ClarityError:
    """The one refusal of an input over ``max_file_bytes``."""
    return ClarityError(
        f"the input is larger than {limits.max_file_bytes} bytes",
        location=location,
        hint="split it, or " + raise_hint("max_file_bytes"),
    )


def text_too_long(limits: Limits, location: Location, key: str | None = None) -> ClarityError:
    """The one refusal of a text over ``max_text_chars``."""
    return ClarityError(
        f"a text longer than {limits.max_text_chars} characters",
        location=location,
        key=key,
        hint="shorten it, or " + raise_hint("max_text_chars"),
    )


def from_env(base: Limits = DEFAULT_LIMITS, environ: Mapping[str, str] | None = None) -> Limits:
    """``base`` with any ``CLARITY_MAX_*`` / ``CLARITY_PATTERN_TIMEOUT`` variable applied.

    A variable that is not a number in its range is an error (exit 2) naming it.
    """
    env = os.environ if environ is None else environ
    values: dict[str, float | int | None] = {}
    for name, variable in ENV.items():
        raw = env.get(variable)
        if raw is None or not raw.strip():
            continue
        kind = RANGES[name][0]
        try:
            value: float | int = kind(raw.strip().replace("_", ""))
        except ValueError:
            value = float("nan")
        if value != value or not in_range(name, value):  # NaN, or out of range
            raise ClarityError(
                f"{variable}={raw!r} is not allowed",
                location=Location("environment"),
                hint=f"set it to {range_text(name)}, or unset it",
            )
        values[name] = value
    return base.with_values(values)


def effective(configured: Mapping[str, float | int | None] | None = None) -> Limits:
    """The limits in force: the defaults, then the configuration file's, then the environment."""
    return from_env(DEFAULT_LIMITS.with_values(configured or {}))
