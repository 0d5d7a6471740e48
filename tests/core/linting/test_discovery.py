"""Which charters a lint reads: the paths given, folders searched, globs and .gitignore."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clarity.core.linting.discovery import GlobRules, discover, left_out


def tree(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("delegations: []\n", encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    tree(
        tmp_path,
        "a.charter.yaml",
        "teams/b.charter.md",
        "teams/notes.yaml",
        "legacy/c.charter.yml",
        "node_modules/d.charter.yaml",
        "build/e.charter.yaml",
    )
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_folders_are_searched_for_charters_in_path_order(project: Path) -> None:
    found = discover(["."])
    assert found.files == [
        "a.charter.yaml",
        "build/e.charter.yaml",
        "legacy/c.charter.yml",
        "teams/b.charter.md",
    ], "other YAML files and node_modules are left out"
    assert found.diagnostics == []


def test_exclude_globs_and_gitignore_leave_out_folders(project: Path) -> None:
    found = discover(["."], exclude_patterns=["legacy/"], gitignore=True)
    assert found.files == ["a.charter.yaml", "teams/b.charter.md"]


def test_a_file_named_explicitly_is_linted_unless_forced_out(project: Path) -> None:
    assert discover(["legacy/c.charter.yml"], exclude_patterns=["legacy/"]).files == [
        "legacy/c.charter.yml"
    ]
    forced = discover(["legacy/c.charter.yml"], exclude_patterns=["legacy/"], force_exclude=True)
    assert forced.files == []
    assert left_out("legacy/c.charter.yml", GlobRules(exclude=["legacy/"]), gitignore=False)
    assert left_out("build/e.charter.yaml", GlobRules(), gitignore=True)


def test_a_path_that_does_not_exist_is_a_diagnostic(project: Path) -> None:
    found = discover(["a.charter.yaml", "missing.charter.yaml"])
    assert found.files == ["a.charter.yaml"]
    assert [(d.path, d.code) for d in found.diagnostics] == [("missing.charter.yaml", "not-found")]


def test_include_globs_choose_the_files_in_folders(project: Path) -> None:
    assert discover(["teams"], include_patterns=["*.yaml"]).files == ["teams/notes.yaml"]


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_dangling_link_is_reported_not_skipped(project: Path) -> None:
    (project / "teams" / "link.charter.yaml").symlink_to("gone.charter.yaml")
    found = discover(["teams"])
    assert found.files == ["teams/b.charter.md"]
    assert [(d.path, d.code) for d in found.diagnostics] == [
        ("teams/link.charter.yaml", "not-found")
    ]
