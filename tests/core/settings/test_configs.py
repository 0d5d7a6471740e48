"""The configuration of each linted file: the nearest one above it, never past the root."""

from __future__ import annotations

from pathlib import Path

import pytest

from clarity.core.settings.config import load_config
from clarity.core.settings.configs import Configs, may_hold_config


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".clarity.yaml").write_text("ignore: [C101]\n", encoding="utf-8")
    (tmp_path / "team" / "deep").mkdir(parents=True)
    (tmp_path / "team" / ".clarity.yaml").write_text("ignore: [B101]\n", encoding="utf-8")
    (tmp_path / "other").mkdir()
    return tmp_path


def configs(repo: Path, *, fixed: bool = False) -> Configs:
    base = load_config(cwd=repo)
    return Configs(base, base_file=repo / ".clarity.yaml", fixed=fixed, cwd=repo)


def test_each_file_gets_the_nearest_configuration(repo: Path) -> None:
    chosen = configs(repo)
    top = chosen.settings_for(str(repo / "other" / "a.charter.yaml"))
    nested = chosen.settings_for(str(repo / "team" / "deep" / "b.charter.yaml"))
    assert top is not None and nested is not None
    assert not top.enabled("C101") and top.enabled("B101")
    assert nested.enabled("C101") and not nested.enabled("B101"), "closest wins, as in ruff"
    assert chosen.nested() == [str(Path("team") / ".clarity.yaml")]


def test_a_fixed_configuration_applies_everywhere(repo: Path) -> None:
    chosen = configs(repo, fixed=True)
    nested = chosen.settings_for(str(repo / "team" / "deep" / "b.charter.yaml"))
    assert nested is not None and not nested.enabled("C101") and nested.enabled("B101")
    assert chosen.nested() == []


def test_may_hold_config_never_says_no_when_there_is_one(repo: Path) -> None:
    assert may_hold_config(repo / "team")
    assert not may_hold_config(repo / "other")
    (repo / "other" / "pyproject.toml").write_text("[tool.black]\n", encoding="utf-8")
    assert not may_hold_config(repo / "other")
    (repo / "other" / "pyproject.toml").write_text("[tool.clarity]\n", encoding="utf-8")
    assert may_hold_config(repo / "other")
