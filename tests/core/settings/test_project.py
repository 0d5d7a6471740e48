"""Where a project begins: the repository root, folders upward, .gitignore."""

from __future__ import annotations

from pathlib import Path

import pytest

from clarity.core.settings.project import (
    absolute,
    forget,
    gitignored,
    project_root,
    repo_root,
    upward,
)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "a" / "b").mkdir(parents=True)
    (tmp_path / "repo" / ".gitignore").write_text("build/\n*.tmp\n!keep.tmp\n", encoding="utf-8")
    (tmp_path / "repo" / "a" / ".gitignore").write_text("drafts\n", encoding="utf-8")
    forget()
    return tmp_path / "repo"


def test_the_repository_root_is_the_folder_with_git(repo: Path) -> None:
    assert repo_root(repo / "a" / "b") == repo
    (repo / "a" / "b" / ".git").write_text("gitdir: elsewhere\n", encoding="utf-8")  # a worktree
    assert repo_root(repo / "a" / "b") == repo, "roots are remembered for the run"
    forget()
    assert repo_root(repo / "a" / "b") == repo / "a" / "b"


def test_configuration_is_looked_for_upward_and_never_past_the_root(repo: Path) -> None:
    assert list(upward(repo / "a" / "b")) == [repo / "a" / "b", repo / "a", repo]


def test_gitignore_rules_apply_with_negation_and_nested_files(repo: Path) -> None:
    assert gitignored(repo / "build", folder=True)
    assert gitignored(repo / "build" / "x.charter.yaml")
    assert gitignored(repo / "a" / "old.tmp")
    assert not gitignored(repo / "a" / "keep.tmp")
    assert gitignored(repo / "a" / "b" / "drafts" / "x.charter.yaml")
    assert not gitignored(repo / "drafts" / "x.charter.yaml"), "a/.gitignore covers a/ only"
    assert not gitignored(repo / "a" / "team.charter.yaml")


def test_the_project_root_is_the_repository_else_the_configurations_folder(
    repo: Path, tmp_path: Path
) -> None:
    assert project_root(None, repo / "a") == repo
    outside = tmp_path / "plain"
    outside.mkdir()
    assert project_root(outside, outside) == outside


def test_absolute_resolves_against_the_folder_given(tmp_path: Path) -> None:
    assert absolute("x/y.yaml", tmp_path) == tmp_path / "x" / "y.yaml"
    assert absolute(tmp_path / "z") == tmp_path / "z"
