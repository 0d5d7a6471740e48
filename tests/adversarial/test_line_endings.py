"""Line breaks of every kind (CRLF, a lone CR, NEL, U+2028 and U+2029): one reading of the
lines for every reader and every position, so a finding always points into the file; and a
file clarity fails on never ends the run for the others."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clarity.core.reading import charters as charters_module
from tests.adversarial.helpers import CHARTER, invoke

BREAKS = {"crlf": "\r\n", "cr": "\r", "nel": "\x85", "ls": "\u2028", "ps": "\u2029"}

YAML = (
    "team: Platform\n"
    "delegations:\n"
    "  - task: Migrate the billing database\n"
    "    owner: Priya\n"
    "  - task: Rotate the keys\n"
    "    owner: Sam\n"
)
MARKDOWN = "## Migrate the billing database\n\n- **Owner:** Priya\n\n## Rotate the keys\n\n- **Owner:** Sam\n"


def lint_json(*names: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    run = invoke("lint", "--no-config", "--format", "json", *names)
    assert "Traceback" not in run.stdout + run.stderr
    return run.code, json.loads(run.stdout)


def delegations(report: dict) -> dict[str, int]:  # type: ignore[type-arg]
    """Each delegation and the line of its first finding."""
    found: dict[str, int] = {}
    for finding in report["findings"]:
        found.setdefault(finding["delegation"], finding["line"])
    return found


@pytest.mark.parametrize("kind", sorted(BREAKS))
@pytest.mark.parametrize("name", ["team.charter.yaml", "team.charter.md"])
def test_every_line_break_reads_the_same_lines(kind: str, name: str, tmp_path: Path) -> None:
    text = YAML if name.endswith(".yaml") else MARKDOWN
    (tmp_path / name).write_bytes(text.replace("\n", BREAKS[kind]).encode("utf-8"))
    code, report = lint_json(name)
    assert code == 1, report
    assert report["diagnostics"] == []
    expected = {"Migrate the billing database": 3, "Rotate the keys": 5}
    if name.endswith(".md"):
        expected = {"Migrate the billing database": 1, "Rotate the keys": 5}
    assert delegations(report) == expected


@pytest.mark.parametrize("kind", ["nel", "ls", "ps"])
def test_separators_in_a_quoted_value_keep_positions_inside_the_file(
    kind: str, tmp_path: Path
) -> None:
    sep = BREAKS[kind]
    text = (
        "team: Platform\n"
        "delegations:\n"
        f'  - task: "Migrate{sep}the{sep}billing{sep}database"\n'
        "    owner: Priya\n"
        "  - task: Rotate the keys\n"
        "    owner: Sam\n"
    )
    (tmp_path / "team.charter.yaml").write_text(text, encoding="utf-8")
    code, report = lint_json("team.charter.yaml")
    assert code == 1 and report["diagnostics"] == []
    lines = text.replace(sep, "\n").split("\n")
    for finding in report["findings"]:
        assert 1 <= finding["line"] <= len(lines)
        assert finding["column"] <= len(lines[finding["line"] - 1]) + 1
    assert delegations(report)["Rotate the keys"] == 5 + 3


def test_a_file_clarity_fails_on_is_reported_and_the_others_are_linted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.charter.yaml").write_text(CHARTER, encoding="utf-8")
    (tmp_path / "b.charter.yaml").write_text(CHARTER, encoding="utf-8")
    real = charters_module.read_charter

    def broken(path: Path, *args: object) -> object:
        if path.name == "b.charter.yaml":
            raise IndexError("list index out of range")
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(charters_module, "read_charter", broken)
    run = invoke("lint", "--no-config", "--jobs", "1", "--format", "json", ".")
    assert "Traceback" not in run.stdout + run.stderr
    assert run.code == 2
    report = json.loads(run.stdout)
    assert {f["path"] for f in report["findings"]} == {"a.charter.yaml"}
    [diagnostic] = report["diagnostics"]
    assert diagnostic["path"] == "b.charter.yaml"
    assert "could not lint this file (IndexError)" in diagnostic["message"]
    assert "b.charter.yaml" in run.stderr and run.stderr.count("clarity: error:") == 1


def test_a_baseline_clarity_wrote_with_a_raw_line_separator_reads_back(tmp_path: Path) -> None:
    """clarity writes JSON with ensure_ascii=False: a raw U+2028 in a name it wrote is read
    back (as a line feed), not refused as a control character in a string."""
    (tmp_path / "team.charter.yaml").write_text(CHARTER, encoding="utf-8")
    entry = {"path": "old\u2028name.charter.yaml", "delegation": "x", "rule": "C101", "count": 1}
    (tmp_path / "base.json").write_text(
        json.dumps({"version": 1, "findings": [entry]}, ensure_ascii=False), encoding="utf-8"
    )
    run = invoke("lint", "--no-config", "--baseline", "base.json", "team.charter.yaml")
    assert run.code == 1, run.stderr  # the findings are new; the baseline was read
    assert "error" not in run.stderr
