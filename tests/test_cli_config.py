"""clarity config: the effective configuration, where each value came from, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clarity.cli.app import app
from tests.core.settings.test_config import CONFIG, write

runner = CliRunner()


def test_clarity_config_prints_values_and_where_they_came_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / ".clarity.yaml", CONFIG)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["config", "--fail-level", "info"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Configuration file: .clarity.yaml (the nearest to the working directory)"
    table = {line.split()[0]: line.split()[1:] for line in lines[2:] if line.strip()}
    assert table["select"] == ['["C1",', '"B"]', ".clarity.yaml:1"]
    assert table["severity.C102"] == ["warning", ".clarity.yaml:3"]
    assert table["fail_level"] == ["info", "--fail-level"]
    assert table["exclude"] == ["[]", "default"]
    assert table["overrides[0]"][-1] == ".clarity.yaml:6"


def test_clarity_config_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "pyproject.toml", '[tool.clarity]\nignore = ["C101"]\n')
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["config", "--format", "json", "--select", "C1,B101"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["version"], data["config"], data["origin"]) == (1, "pyproject.toml", "found")
    settings = {(s["key"], s["source"]): s["value"] for s in data["settings"]}
    assert settings[("select", "--select")] == ["C1", "B101"]
    assert settings[("ignore", "pyproject.toml:2")] == ["C101"]
    assert settings[("save", "default")] is False


def test_clarity_config_no_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / ".clarity.yaml", "fail_level: warnin\n")  # never read
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["config", "--no-config"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Configuration file: none (--no-config: defaults only)")
    assert "select" in result.stdout and '["ALL"]' in result.stdout


@pytest.mark.parametrize(
    ("args", "text", "expected"),
    [
        (
            [],
            "fail_level: warnin\n",
            "clarity: error: .clarity.yaml:1:13: fail_level: unexpected value 'warnin'",
        ),
        (
            [],
            "select: [C1O1]\n",
            "clarity: error: .clarity.yaml:1:10: select[0]: unknown rule 'C1O1'; "
            "did you mean 'C101'?",
        ),
        (["--config", "missing.yaml"], "", "clarity: error: missing.yaml: no such file"),
        (
            ["--config", ".clarity.yaml", "--no-config"],
            "",
            "clarity: error: --config and --no-config cannot be used together",
        ),
    ],
)
def test_clarity_config_exits_2_on_bad_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], text: str, expected: str
) -> None:
    write(tmp_path / ".clarity.yaml", text)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["config", *args])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(expected), result.stderr
    assert len(result.stderr.splitlines()) == 1
