"""The bounds on untrusted input: defaults, the configuration, then the environment."""

from __future__ import annotations

import pytest

from clarity.core.errors import ClarityError
from clarity.core.limits import (
    DEFAULT_LIMITS,
    ENV,
    Limits,
    effective,
    from_env,
    raise_hint,
    range_text,
    value_of,
)


def test_the_documented_defaults() -> None:
    assert Limits(5 * 1024 * 1024, 64, 20_000, 0.25, 10_000, 50_000) == DEFAULT_LIMITS
    assert value_of(DEFAULT_LIMITS, "pattern_timeout") == 0.25


def test_configured_values_replace_defaults_and_none_keeps_one() -> None:
    limits = DEFAULT_LIMITS.with_values(
        {"max_depth": 8, "pattern_timeout": 1.5, "max_findings": None}
    )
    assert (limits.max_depth, limits.pattern_timeout_seconds) == (8, 1.5)
    assert limits.max_findings == DEFAULT_LIMITS.max_findings
    assert DEFAULT_LIMITS.with_values({}) is DEFAULT_LIMITS


def test_the_environment_wins_over_the_configuration() -> None:
    limits = from_env(
        DEFAULT_LIMITS.with_values({"max_depth": 8}),
        {
            "CLARITY_MAX_DEPTH": "16",
            "CLARITY_MAX_FILE_BYTES": "2_048",
            "CLARITY_MAX_TEXT_CHARS": " ",
        },
    )
    assert (limits.max_depth, limits.max_file_bytes) == (16, 2048)
    assert limits.max_text_chars == DEFAULT_LIMITS.max_text_chars


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("CLARITY_MAX_DEPTH", "3"),
        ("CLARITY_MAX_DEPTH", "lots"),
        ("CLARITY_PATTERN_TIMEOUT", "nan"),
        ("CLARITY_PATTERN_TIMEOUT", "60"),
    ],
)
def test_a_variable_out_of_its_range_is_an_error_naming_it(variable: str, value: str) -> None:
    with pytest.raises(ClarityError) as caught:
        from_env(environ={variable: value})
    assert str(caught.value).startswith(
        f"environment: {variable}={value!r} is not allowed; set it to"
    )


def test_effective_reads_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLARITY_MAX_DELEGATIONS", "5")
    assert effective({"max_delegations": 50}).max_delegations == 5


def test_the_hints_name_the_variable_and_the_range() -> None:
    assert ENV["max_depth"] == "CLARITY_MAX_DEPTH"
    assert range_text("max_depth") == "a whole number from 4 to 256"
    assert range_text("pattern_timeout") == "a number of seconds from 0.01 to 10"
    assert "CLARITY_MAX_TEXT_CHARS" in raise_hint("max_text_chars")
