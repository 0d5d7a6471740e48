"""Configuration files (``settings.config_files``): the nearest one found walking up, never past
the repository root; one read from YAML or TOML into a validated configuration, refused at its
place when it is not one. (``load_config``, which puts them together: test_config.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from clarity.core.errors import ClarityError
from clarity.core.settings import configs
from clarity.core.settings.config_files import (
    CONFIG_NAMES,
    PYPROJECT,
    display,
    find_config,
    read_config,
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_cheap_look_of_lint_looks_for_the_same_names() -> None:
    assert configs.CONFIG_FILES == CONFIG_NAMES
    assert configs.PYPROJECT == PYPROJECT


def test_the_nearest_configuration_is_found(tmp_path: Path) -> None:
    top = write(tmp_path / ".clarity.yaml", "fail_level: info\n")
    team = write(tmp_path / "team" / ".clarity.yml", "fail_level: warning\n")
    deep = tmp_path / "team" / "charters" / "q3"
    deep.mkdir(parents=True)
    assert find_config(deep) == team
    assert find_config(tmp_path) == top


def test_the_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    write(tmp_path / ".clarity.yaml", "fail_level: info\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs").mkdir()
    assert find_config(repo / "docs") is None


def test_a_pyproject_counts_only_with_a_clarity_table(tmp_path: Path) -> None:
    top = write(tmp_path / PYPROJECT, '[tool.clarity]\nfail_level = "info"\n')
    write(tmp_path / "app" / PYPROJECT, '[project]\nname = "app"\n[tool.ruff]\nline-length = 99\n')
    write(tmp_path / "lib" / PYPROJECT, '[project]\ndescription = "not clarity"\n')
    assert find_config(tmp_path / "app") == top
    assert find_config(tmp_path / "lib") == top


def test_in_one_folder_clarity_yaml_comes_before_pyproject(tmp_path: Path) -> None:
    write(tmp_path / PYPROJECT, '[tool.clarity]\nfail_level = "info"\n')
    found = write(tmp_path / ".clarity.yaml", "fail_level: warning\n")
    assert find_config(tmp_path) == found


def test_a_folder_named_like_a_configuration_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "sub" / ".clarity.yaml").mkdir(parents=True)
    top = write(tmp_path / ".clarity.yml", "fail_level: info\n")
    assert find_config(tmp_path / "sub") == top


def test_yaml_and_toml_read_into_the_same_configuration(tmp_path: Path) -> None:
    yaml_path = write(tmp_path / "a.yaml", "fail_level: info\nignore: [C1]\n")
    toml_path = write(tmp_path / "b.toml", 'fail_level = "info"\nignore = ["C1"]\n')
    from_yaml, doc = read_config(yaml_path, "a.yaml")
    from_toml, _ = read_config(toml_path, "b.toml")
    assert from_yaml == from_toml
    assert from_yaml.ignore == ["C1"] and doc.source == "a.yaml"


def test_an_empty_file_is_the_defaults(tmp_path: Path) -> None:
    config, doc = read_config(write(tmp_path / "c.yaml", ""), "c.yaml")
    assert doc.data == {}
    assert config.fail_level == "error" and config.select is None


@pytest.mark.parametrize(
    ("name", "text", "says"),
    [
        ("c.yaml", "- a list\n", "c.yaml:1:1: the configuration must be a mapping of settings"),
        (PYPROJECT, '[project]\nname = "x"\n', "pyproject.toml: there is no [tool.clarity] table"),
        ("c.yaml", "fail_level: loud\n", "c.yaml:1:13: fail_level: unexpected value 'loud'"),
    ],
)
def test_a_file_that_is_not_a_configuration_is_refused_at_its_place(
    tmp_path: Path, name: str, text: str, says: str
) -> None:
    with pytest.raises(ClarityError) as caught:
        read_config(write(tmp_path / name, text), name)
    assert str(caught.value).startswith(says)


def test_the_extended_configuration_is_read_unless_asked_not_to(tmp_path: Path) -> None:
    write(tmp_path / "base.yaml", "fail_level: info\n")
    path = write(tmp_path / "c.yaml", "extends: base.yaml\nignore: [C1]\n")
    assert read_config(path, "c.yaml")[0].fail_level == "info"
    assert read_config(path, "c.yaml", extended=False)[0].fail_level == "error"


def test_a_configuration_is_shown_relative_to_where_clarity_runs(tmp_path: Path) -> None:
    assert display(tmp_path / "a" / ".clarity.yaml", tmp_path / "b") == "../a/.clarity.yaml"
