"""Linting charters end to end in one process: files found, findings located, bad files kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clarity.core.linting.lint import lint_paths
from tests.conftest import EXAMPLES

VAGUE = """\
team: Support
delegations:
  - task: Answer the tickets
    outcome: make customers happier
"""


@pytest.fixture
def charters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(EXAMPLES / "charters", tmp_path / "charters")
    (tmp_path / "charters" / "support.charter.yaml").write_text(VAGUE, encoding="utf-8")
    (tmp_path / "charters" / "broken.charter.yaml").write_text("delegations: [\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "charters"


def test_every_file_is_linted_in_path_order(charters: Path) -> None:
    run = lint_paths(["charters"], jobs=1)
    assert [r.path for r in run.files] == [
        "charters/broken.charter.yaml",
        "charters/client-services.charter.yaml",
        "charters/platform.charter.md",
        "charters/support.charter.yaml",
    ]
    assert run.summary()["files"] == 4


def test_a_vague_delegation_gets_findings_on_its_lines(charters: Path) -> None:
    run = lint_paths(["charters/support.charter.yaml"], jobs=1)
    (result,) = run.files
    assert result.delegations == 1 and result.tasks == [("Answer the tickets", 3)]
    assert result.findings, "no success measure, no deadline, no boundaries"
    outcome = [f for f in result.findings if f.field == "outcome"]
    assert outcome and (outcome[0].line, outcome[0].column) == (4, 14)
    assert {f.delegation for f in result.findings} == {"Answer the tickets"}
    assert run.failing(), "errors fail the run at the default fail level"


def test_a_file_that_does_not_parse_is_a_diagnostic_and_the_run_goes_on(charters: Path) -> None:
    run = lint_paths(["charters"], jobs=1)
    broken = next(r for r in run.files if r.path.endswith("broken.charter.yaml"))
    assert [d.code for d in broken.diagnostics] == ["parse-error"]
    assert broken.diagnostics[0].line == 2, "where the YAML stops making sense"
    assert any(r.findings for r in run.files if r.path.endswith("support.charter.yaml"))


def test_suppressions_in_the_file_are_applied(charters: Path) -> None:
    path = charters / "support.charter.yaml"
    before = lint_paths([str(path)], jobs=1).findings
    rule = next(f for f in before if f.field == "outcome").rule
    path.write_text(
        VAGUE.replace(
            "happier\n", f"happier  # clarity: ignore[{rule}] measured in the NPS review\n"
        ),
        encoding="utf-8",
    )
    after = lint_paths([str(path)], jobs=1).findings
    assert rule not in [f.rule for f in after]
    assert len(after) == len(before) - 1
