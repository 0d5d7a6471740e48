"""Kept lint results: an unchanged charter under unchanged rules is not linted again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clarity.core.linting import lint as lint_module
from clarity.core.linting import results
from clarity.core.linting.lint import lint_paths
from clarity.core.scoring.findings import Diagnostic, FileResult, LintFinding

CHARTER = "delegations:\n  - task: Weekly report\n    outcome: make it better\n    deadline: soon\n"
PACK = """rules:
  - id: X900
    name: outcome-says-better
    title: Better
    dimension: consequences
    severity: warning
    when: {matches: {field: outcome, pattern: better}}
    message: The outcome says better.
    why: Better is not a measure.
    fix: Name the measure.
    examples:
      fire: [{outcome: make it better}]
      pass: [{outcome: all 12 clients get it}]
"""


@pytest.fixture
def linted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A fresh cache folder, and the paths actually linted (not taken from the cache)."""
    from clarity.core.judge import memory

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("CLARITY_NO_CACHE", raising=False)
    monkeypatch.setattr(memory, "_MEMORY", [])
    monkeypatch.chdir(tmp_path)
    seen: list[str] = []
    real = lint_module.lint_file

    def counted(path: str, *args: object, **kwargs: object) -> FileResult:
        seen.append(path)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    from clarity.core.linting import lintpool

    monkeypatch.setattr(lintpool, "lint_file", counted)
    return seen


def _run(*paths: str, pack: list[Path] | None = None) -> list[tuple[str, list[str]]]:
    run = lint_paths(list(paths), pack_paths=pack or [], jobs=1)
    return [(f.path, [x.rule for x in f.findings]) for f in run.files]


def test_an_unchanged_charter_is_not_linted_again(tmp_path: Path, linted: list[str]) -> None:
    Path("team.charter.yaml").write_text(CHARTER, encoding="utf-8")
    first = _run("team.charter.yaml")
    assert linted == ["team.charter.yaml"]
    assert first[0][1], "the charter has findings"
    assert _run("team.charter.yaml") == first
    assert linted == ["team.charter.yaml"], "the second run took the kept result"


def test_a_changed_charter_is_linted_again(tmp_path: Path, linted: list[str]) -> None:
    path = Path("team.charter.yaml")
    path.write_text(CHARTER, encoding="utf-8")
    _run("team.charter.yaml")
    path.write_text(CHARTER.replace("make it better", "all 12 clients get the report"), "utf-8")
    second = _run("team.charter.yaml")
    assert linted == ["team.charter.yaml", "team.charter.yaml"]
    assert "C102" not in second[0][1]


def test_a_changed_rule_pack_lints_again(tmp_path: Path, linted: list[str]) -> None:
    Path("team.charter.yaml").write_text(CHARTER, encoding="utf-8")
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK, encoding="utf-8")
    assert "X900" in _run("team.charter.yaml", pack=[pack])[0][1]
    pack.write_text(PACK.replace("pattern: better", "pattern: nothing-like-this"), "utf-8")
    stamp = pack.stat().st_mtime_ns + 10**9  # (a coarse clock must still see the change)
    os.utime(pack, ns=(stamp, stamp))
    assert "X900" not in _run("team.charter.yaml", pack=[pack])[0][1]
    assert len(linted) == 2


def test_other_rule_settings_lint_again(tmp_path: Path, linted: list[str]) -> None:
    Path("team.charter.yaml").write_text(CHARTER, encoding="utf-8")
    _run("team.charter.yaml")
    Path(".clarity.yaml").write_text("ignore: [C102]\n", encoding="utf-8")
    from clarity.core.linting.lint import LintSettings
    from clarity.core.settings.config import load_config
    from clarity.core.settings.configs import Configs

    config = load_config(None, False, tmp_path)
    settings = LintSettings(
        config=Configs(config, base_file=config.file, fixed=False, cwd=tmp_path)
    )
    run = lint_paths(["team.charter.yaml"], settings=settings, rules=settings.config, jobs=1)
    assert "C102" not in [f.rule for f in run.files[0].findings]
    assert len(linted) == 2


def test_a_file_that_cannot_be_linted_is_not_kept(tmp_path: Path, linted: list[str]) -> None:
    Path("bad.charter.yaml").write_text("delegations: [\n", encoding="utf-8")
    _run("bad.charter.yaml")
    _run("bad.charter.yaml")
    assert linted == ["bad.charter.yaml", "bad.charter.yaml"]


def test_nothing_is_kept_with_the_cache_off(
    tmp_path: Path, linted: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLARITY_NO_CACHE", "1")
    Path("team.charter.yaml").write_text(CHARTER, encoding="utf-8")
    _run("team.charter.yaml")
    _run("team.charter.yaml")
    assert len(linted) == 2


def test_a_result_survives_its_json_form() -> None:
    finding = LintFinding(
        "a.md", 3, 5, "Report", "outcome", "C102", "outcome-vague", "Vague", "consequences",
        "warning", "m", "w", "f", answer="better \u2028 [b]x[/b]", trap=None,
    )  # fmt: skip
    result = FileResult(
        "a.md", 2, [finding], [Diagnostic("a.md", 1, None, "m", "x")], [("Report", 3)]
    )
    import json

    assert results.from_data(json.loads(json.dumps(results.as_data(result)))) == result


def test_no_cache_lints_every_file_again(tmp_path: Path, linted: list[str]) -> None:
    from typer.testing import CliRunner

    from clarity.cli.app import app

    Path("team.charter.yaml").write_text(CHARTER, encoding="utf-8")
    runner = CliRunner()
    first = runner.invoke(app, ["lint", "--no-config", "team.charter.yaml"])
    again = runner.invoke(app, ["lint", "--no-config", "--no-cache", "team.charter.yaml"])
    kept = runner.invoke(app, ["lint", "--no-config", "team.charter.yaml"])
    assert first.exit_code == again.exit_code == kept.exit_code == 1
    assert first.stdout == again.stdout == kept.stdout
    assert linted == ["team.charter.yaml", "team.charter.yaml"], "--no-cache kept nothing"
