"""Memory in proportion to what is reported: a charter of more delegations than the limit is
refused before any is judged (the others are linted), and a run keeps at most ``max_findings``
findings, saying so on the file where the limit was reached."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clarity.core.limits import DEFAULT_LIMITS
from tests.adversarial.helpers import CHARTER, invoke


def tiny(count: int) -> str:
    return "delegations:\n" + "".join(f"- task: t{i}\n" for i in range(count))


def tiny_md(count: int) -> str:
    return "".join(f"## t{i}\n\n" for i in range(count))


def test_a_charter_of_tiny_delegations_past_the_default_limit_is_refused(tmp_path: Path) -> None:
    limit = DEFAULT_LIMITS.max_delegations
    (tmp_path / "big.charter.yaml").write_text(tiny(limit + 1), encoding="utf-8")
    (tmp_path / "team.charter.yaml").write_text(CHARTER, encoding="utf-8")
    run = invoke("lint", "--no-config", "--format", "sarif", ".")
    assert run.code == 2
    assert f"big.charter.yaml:{limit + 2}:3: more than {limit} delegations in one file" in (
        run.stderr
    )
    assert "CLARITY_MAX_DELEGATIONS" in run.stderr
    sarif = json.loads(run.stdout)
    located = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
    }
    assert "team.charter.yaml" in located  # the other file is linted


@pytest.mark.parametrize(
    ("name", "text"), [("a.charter.yaml", tiny(6)), ("a.charter.md", tiny_md(6))]
)
def test_the_delegation_limit_can_be_set(
    name: str, text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("CLARITY_MAX_DELEGATIONS", "5")
    run = invoke("lint", "--no-config", "--format", "json", name)
    assert run.code == 2
    [diagnostic] = json.loads(run.stdout)["diagnostics"]
    assert diagnostic["message"].startswith("more than 5 delegations in one file")
    assert diagnostic["line"] == (7 if name.endswith(".yaml") else 11)
    monkeypatch.setenv("CLARITY_MAX_DELEGATIONS", "6")
    assert invoke("lint", "--no-config", "--format", "json", name).code == 1


def test_a_run_keeps_at_most_max_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(5):
        (tmp_path / f"c{i}.charter.yaml").write_text(tiny(10), encoding="utf-8")
    everything = json.loads(invoke("lint", "--no-config", "--format", "json", ".").stdout)
    total = len(everything["findings"])
    assert total > 150
    monkeypatch.setenv("CLARITY_MAX_FINDINGS", "100")
    run = invoke("lint", "--no-config", "--format", "json", ".")
    assert run.code == 2
    data = json.loads(run.stdout)
    assert len(data["findings"]) == 100
    [diagnostic] = data["diagnostics"]
    assert diagnostic["code"] == "too-many-findings"
    assert "keeps at most 100 findings" in diagnostic["message"]
    assert "CLARITY_MAX_FINDINGS" in diagnostic["message"]
    per_file = total // 5
    assert diagnostic["path"] == f"c{100 // per_file}.charter.yaml"
