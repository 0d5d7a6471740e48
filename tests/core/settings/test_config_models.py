"""The configuration file's format: what the models accept, tidy and refuse."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from clarity.core.settings.config_models import Config, LimitsConfig, Override
from clarity.core.settings.globs import DEFAULT_INCLUDE


def test_an_empty_configuration_is_the_defaults() -> None:
    config = Config.model_validate({})
    assert (config.select, config.ignore, config.fail_level) == (None, [], "error")
    assert config.include == list(DEFAULT_INCLUDE)
    assert config.respect_gitignore is True and config.save is False


def test_empty_keys_mean_defaults_and_levels_are_read_in_any_case() -> None:
    config = Config.model_validate(
        {"select": None, "fail_level": "WARNING", "severity": {"C101": "Info"}, "exclude": None}
    )
    assert (config.select, config.fail_level, config.exclude) == (None, "warning", [])
    assert config.severity == {"C101": "info"}


@pytest.mark.parametrize(
    "data",
    [
        {"fail_level": "fatal"},
        {"severity": {"C101": "loud"}},
        {"selct": ["C1"]},
        {"limits": {"max_depth": 1}},
        {"limits": {"pattern_timeout": 60}},
        {"overrides": [{"files": [], "ignore": ["C1"]}]},
    ],
)
def test_what_it_refuses(data: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Config.model_validate(data)


def test_overrides_need_files_and_keep_them() -> None:
    override = Override.model_validate({"files": ["legacy/**"], "ignore": ["C1"], "select": None})
    assert (override.files, override.ignore, override.select) == (["legacy/**"], ["C1"], None)


def test_limits_are_optional_and_bounded_by_their_ranges() -> None:
    assert LimitsConfig.model_validate({}).max_depth is None
    assert LimitsConfig.model_validate({"max_depth": 256}).max_depth == 256
    with pytest.raises(ValidationError):
        LimitsConfig.model_validate({"max_depth": 257})
