"""clarity lint in a repository, as pre-commit and CI run it: which configuration applies, which
files are left out (exclude, .gitignore, --force-exclude), and the command line over overrides."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from clarity.cli.app import app
from tests.test_lint_cli import charter, lint, runner, write


@pytest.fixture(autouse=True)
def _in_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary repository (a folder with .git) as the working directory."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    monkeypatch.chdir(repo)
    return repo


def files_linted(*args: str) -> list[str]:
    result = lint(*args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return sorted({d["path"] for d in data["delegations"]})


BROKEN = charter(outcome="Make it better")


def test_gitignore_is_respected_when_searching_folders() -> None:
    write(".gitignore", "build/\n/drafts\n*.tmp.charter.yaml\n")
    for name in (
        "build/a.charter.yaml",
        "drafts/b.charter.yaml",
        "team/drafts/c.charter.yaml",  # '/drafts' is only the top one, as in git
        "team/d.tmp.charter.yaml",
        "team/e.charter.yaml",
    ):
        write(name, BROKEN)
    assert files_linted() == ["team/drafts/c.charter.yaml", "team/e.charter.yaml"]
    assert len(files_linted("--no-respect-gitignore")) == 5


def test_a_nested_gitignore_and_respect_gitignore_false() -> None:
    write("team/.gitignore", "old/\n")
    write("team/old/a.charter.yaml", BROKEN)
    write("team/b.charter.yaml", BROKEN)
    assert files_linted() == ["team/b.charter.yaml"]
    write(".clarity.yaml", "respect_gitignore: false\n")
    assert files_linted() == ["team/b.charter.yaml", "team/old/a.charter.yaml"]


def test_force_exclude_applies_exclude_and_gitignore_to_files_named_explicitly() -> None:
    write(".clarity.yaml", "exclude: [legacy]\n")
    write(".gitignore", "*.generated.charter.yaml\n")
    named = ["legacy/a.charter.yaml", "x.generated.charter.yaml", "b.charter.yaml"]
    for name in named:
        write(name, BROKEN)
    assert files_linted(*named) == sorted(named)  # named files are linted, as before
    assert files_linted("--force-exclude", *named) == ["b.charter.yaml"]
    result = lint("--force-exclude", "legacy/a.charter.yaml")
    assert result.exit_code == 0, result.output


def test_force_exclude_in_a_real_process_as_the_hook_runs_it() -> None:
    write(".clarity.yaml", "exclude: [legacy/]\n")
    write("legacy/a.charter.yaml", BROKEN)
    command = [sys.executable, "-m", "clarity", "lint", "--force-exclude"]
    result = subprocess.run(
        [*command, "legacy/a.charter.yaml"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    result = subprocess.run(
        [*command[:-1], "legacy/a.charter.yaml"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1 and "C102" in result.stdout


def test_configuration_above_the_repository_root_is_not_used(tmp_path: Path) -> None:
    write(str(tmp_path / ".clarity.yaml"), "ignore: [ALL]\n")  # outside the repository
    write("a.charter.yaml", BROKEN)
    result = lint()
    assert result.exit_code == 1 and "C102" in result.stdout
    shown = runner.invoke(app, ["config"])
    assert "none found" in shown.stdout


def test_select_on_the_command_line_keeps_what_an_override_ignores() -> None:
    write(".clarity.yaml", "overrides:\n  - files: [legacy/**]\n    ignore: [C102]\n")
    write("legacy/a.charter.yaml", BROKEN)
    write("b.charter.yaml", BROKEN)
    result = lint("--select", "C102", "--format", "json")
    data = json.loads(result.stdout)
    assert {(f["path"], f["rule"]) for f in data["findings"]} == {("b.charter.yaml", "C102")}


def test_a_nested_configuration_applies_to_its_folder_when_linting_from_the_top() -> None:
    """Closest wins, as ruff: charters/.clarity.yaml (as `clarity init charters` writes one)
    decides for the files below it; the top one for the others."""
    write(".clarity.yaml", "ignore: [C104]\n")
    write("charters/.clarity.yaml", "ignore: [C102]\nexclude: [drafts]\n")
    text = charter(outcome="Make it better", deadline="ASAP")
    for name in ("a.charter.yaml", "charters/b.charter.yaml", "charters/drafts/c.charter.yaml"):
        write(name, text)
    data = json.loads(lint("--format", "json").stdout)
    rules = {(f["path"], f["rule"]) for f in data["findings"] if f["rule"] in ("C102", "C104")}
    assert rules == {("a.charter.yaml", "C102"), ("charters/b.charter.yaml", "C104")}
    # --config names one configuration for every file
    data = json.loads(lint("--config", ".clarity.yaml", "--format", "json").stdout)
    rules = {(f["path"], f["rule"]) for f in data["findings"] if f["rule"] in ("C102", "C104")}
    assert ("charters/b.charter.yaml", "C102") in rules
    assert ("charters/drafts/c.charter.yaml", "C102") in rules


def test_a_mistake_in_a_nested_configuration_is_reported_at_its_line() -> None:
    write("charters/.clarity.yaml", "ignore: [C999]\n")
    write("charters/a.charter.yaml", BROKEN)
    result = lint()
    assert result.exit_code == 2
    assert "charters/.clarity.yaml:1:10: ignore[0]: unknown rule 'C999'" in result.output


def test_a_baseline_matches_from_any_working_directory(
    _in_a_repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CI step with another working-directory does not bring baselined findings back."""
    write("charters/a.charter.yaml", BROKEN)
    made = lint("--baseline", "clarity-baseline.json", "--update-baseline")
    assert made.exit_code == 0, made.output
    saved = json.loads(Path("clarity-baseline.json").read_text(encoding="utf-8"))
    assert {e["path"] for e in saved["findings"]} == {"charters/a.charter.yaml"}
    monkeypatch.chdir(_in_a_repository / "charters")
    again = lint("--baseline", "../clarity-baseline.json", ".")
    assert again.exit_code == 0, again.output
    assert "no findings" in again.stdout
    write("b.charter.yaml", BROKEN)  # a new file still fails
    new = lint("--baseline", "../clarity-baseline.json", ".")
    assert new.exit_code == 1 and "b.charter.yaml" in new.stdout


def test_sarif_and_annotations_name_files_from_the_project_root(
    _in_a_repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("charters/a.charter.yaml", BROKEN)
    top = json.loads(lint("--format", "sarif").stdout)
    monkeypatch.chdir(_in_a_repository / "charters")
    inside = json.loads(lint("--format", "sarif", "a.charter.yaml").stdout)
    assert top["runs"][0]["results"] == inside["runs"][0]["results"]
    location = inside["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "charters/a.charter.yaml"
    annotations = lint("--format", "github", "a.charter.yaml").stdout
    assert "file=charters/a.charter.yaml," in annotations


def rules_found(*args: str) -> set[tuple[str, str]]:
    data = json.loads(lint(*args, "--format", "json").stdout)
    return {(f["path"], f["rule"]) for f in data["findings"] if f["rule"] in ("C102", "C104")}


def test_extends_builds_on_a_shared_file_and_its_own_keys_win() -> None:
    write("../shared/base.yaml", "ignore: [C102, C104]\nfail_level: warning\n")
    write(".clarity.yaml", "extends: ../shared/base.yaml\nignore: [C104]\n")
    write("a.charter.yaml", charter(outcome="Make it better", deadline="ASAP"))
    assert rules_found() == {("a.charter.yaml", "C102")}  # its own ignore replaced the base's
    shown = runner.invoke(app, ["config"])
    (line,) = [x for x in shown.stdout.splitlines() if x.split()[:1] == ["fail_level"]]
    assert "warning" in line and "extends: ../shared/base.yaml" in line


def test_extends_an_installed_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site" / "team_policy"
    write(str(package / "__init__.py"), "")
    write(str(package / "clarity.yaml"), "ignore: [C102]\n")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    write(".clarity.yaml", "extends: pkg:team_policy\n")
    write("a.charter.yaml", charter(outcome="Make it better", deadline="ASAP"))
    assert rules_found() == {("a.charter.yaml", "C104")}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("extends: missing.yaml\n", ".clarity.yaml:1:10: extends: no such configuration"),
        ("extends: pkg:no_such_pkg_here\n", ".clarity.yaml:1:10: extends: no installed package"),
        ("extends: .clarity.yaml\n", ".clarity.yaml:1:10: extends: '.clarity.yaml' extends"),
    ],
)
def test_a_bad_extends_is_one_located_line(text: str, message: str) -> None:
    write(".clarity.yaml", text)
    write("a.charter.yaml", BROKEN)
    result = lint()
    assert result.exit_code == 2
    assert result.output.startswith(f"clarity: error: {message}"), result.output


def test_a_mistake_in_an_extended_file_is_reported_in_that_file() -> None:
    write("../shared/base.yaml", "fail_levl: warning\n")
    write(".clarity.yaml", "extends: ../shared/base.yaml\n")
    write("a.charter.yaml", BROKEN)
    result = lint()
    assert result.exit_code == 2
    assert result.output.startswith("clarity: error: ../shared/base.yaml:1:1: fail_levl:")


def test_the_configuration_clarity_init_writes_in_a_sub_folder_is_used_from_the_top() -> None:
    assert runner.invoke(app, ["init", "charters"]).exit_code == 0
    config = Path("charters/.clarity.yaml")
    config.write_text(config.read_text(encoding="utf-8") + "ignore: [C102]\n", encoding="utf-8")
    write("charters/team.charter.yaml", BROKEN)
    write("other/team.charter.yaml", BROKEN)
    assert rules_found() >= {("other/team.charter.yaml", "C102")}
    assert ("charters/team.charter.yaml", "C102") not in rules_found()
