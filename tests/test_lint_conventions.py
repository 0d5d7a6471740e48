"""clarity lint's command-line conventions, as ruff users expect them: -q/-v, `lint -` with
--stdin-filename, --color and FORCE_COLOR/NO_COLOR, --exit-zero, --statistics, a progress line,
the GitLab code-quality format and rule help links in SARIF."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_lint_cli import charter, lint, write

BROKEN = charter(outcome="Make it better", deadline="ASAP")
CLARITY = Path(sys.executable).parent / "clarity"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)


def test_quiet_prints_findings_only_and_qq_nothing() -> None:
    write("a.charter.yaml", BROKEN)
    full = lint()
    quiet = lint("-q")
    assert full.exit_code == quiet.exit_code == 1
    assert "Checked 1 file" in full.stdout and "Checked 1 file" not in quiet.stdout
    assert "C102" in quiet.stdout
    silent = lint("-qq")
    assert silent.exit_code == 1 and silent.stdout == ""
    empty = Path("empty")
    empty.mkdir()
    assert "no charter files found" in lint("empty").stderr
    assert lint("-q", "empty").stderr == ""


def test_verbose_says_which_configuration_and_project_root() -> None:
    write(".clarity.yaml", "fail_level: warning\n")
    write("a.charter.yaml", BROKEN)
    result = lint("-v")
    assert "clarity: configuration: .clarity.yaml" in result.stderr
    assert f"clarity: project root: {Path.cwd()}" in result.stderr


def test_exit_zero_with_findings_but_not_with_a_broken_file() -> None:
    write("a.charter.yaml", BROKEN)
    assert lint().exit_code == 1
    assert lint("--exit-zero").exit_code == 0
    write("b.charter.yaml", "delegations: [\n")
    assert lint("--exit-zero").exit_code == 2


def test_statistics_counts_each_rule_most_frequent_first() -> None:
    write("a.charter.yaml", BROKEN)
    write("b.charter.yaml", charter(outcome="Make it better"))
    text = lint("--statistics").stdout.splitlines()
    assert text[0].split() == ["2", "C102", "outcome-vague", "(error)"]
    assert text[1].split()[:2] == ["1", "C104"]
    data = json.loads(lint("--statistics", "--format", "json").stdout)
    assert data[0] == {"rule": "C102", "name": "outcome-vague", "severity": "error", "count": 2}


def test_lint_dash_reads_standard_input_named_by_stdin_filename() -> None:
    write(".clarity.yaml", "overrides:\n  - files: [legacy/**]\n    ignore: [C104]\n")
    result = lint(
        "-", "--stdin-filename", "legacy/a.charter.yaml", "--format", "json", input=BROKEN
    )
    data = json.loads(result.stdout)
    assert {f["path"] for f in data["findings"]} == {"legacy/a.charter.yaml"}
    assert "C104" not in {f["rule"] for f in data["findings"]}  # its configuration applies
    assert "C102" in {f["rule"] for f in data["findings"]}
    markdown = "## Report\n- **Owner:** Sam\n- **Outcome:** Make it better\n"
    md = lint("-", "--stdin-filename", "x.charter.md", "--format", "json", input=markdown)
    assert "C102" in {f["rule"] for f in json.loads(md.stdout)["findings"]}
    plain = lint("-", input="delegations: [\n")
    assert plain.exit_code == 2 and "-:" in plain.stdout
    assert "Markdown" not in plain.stdout
    unnamed = lint("-", input="## Report\n\n- **Owner:** Sam\n- **Outcome:** Make it better\n")
    assert unnamed.exit_code == 2
    assert "it looks like a Markdown charter: name it with --stdin-filename" in unnamed.stdout


def test_stdin_filename_with_force_exclude_skips_an_excluded_name() -> None:
    write(".clarity.yaml", "exclude: [legacy/]\n")
    args = ("-", "--stdin-filename", "legacy/a.charter.yaml", "--force-exclude")
    result = lint(*args, input=BROKEN)
    assert result.exit_code == 0, result.output
    assert "Checked 0 files" in result.stdout and "C102" not in result.stdout
    assert lint("-", "--stdin-filename", "legacy/a.charter.yaml", input=BROKEN).exit_code == 1


def test_dash_with_other_paths_is_a_usage_error() -> None:
    write("a.charter.yaml", BROKEN)
    result = lint("-", "a.charter.yaml", input=BROKEN)
    assert result.exit_code == 2
    assert "'-' reads one charter from standard input" in result.output


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ((), {}, False),  # not a terminal
        ((), {"FORCE_COLOR": "1"}, True),
        ((), {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        (("--color", "always"), {"NO_COLOR": "1"}, True),
        (("--color", "never"), {"FORCE_COLOR": "1"}, False),
    ],
)
def test_color_option_and_environment(
    args: tuple[str, ...], env: dict[str, str], coloured: bool
) -> None:
    write("a.charter.yaml", BROKEN)
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    result = subprocess.run(
        [str(CLARITY), "lint", *args],
        capture_output=True,
        text=True,
        env={**base, **env},
        timeout=120,
    )
    assert result.returncode == 1
    assert ("\x1b[" in result.stdout) is coloured


def test_gitlab_code_quality_report() -> None:
    write("charters/a.charter.yaml", BROKEN)
    result = lint("--format", "gitlab", "charters")
    assert result.exit_code == 1
    issues = json.loads(result.stdout)
    assert {i["check_name"] for i in issues} >= {"C102", "C104"}
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] == "charters/a.charter.yaml"
        assert issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    (missing,) = json.loads(lint("--format", "gitlab", "nothing-here").stdout)
    assert missing["check_name"] == "clarity/not-found"
    assert missing["severity"] == "critical"
    assert missing["location"] == {"path": "nothing-here", "lines": {"begin": 1}}


def test_a_progress_line_on_a_terminal_when_the_report_goes_to_a_file(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    for i in range(3000):
        (tmp_path / f"c{i:04}.charter.yaml").write_text(BROKEN, encoding="utf-8")
    env = {**os.environ, "TERM": "xterm", "NO_COLOR": "1"}
    child = pexpect.spawn(
        str(CLARITY),
        ["lint", "-j", "1", "--output", "report.txt"],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=120,
    )
    child.expect(r"clarity: linting \d+/3000 files \(\d+%\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert "Checked 3000 files" in (tmp_path / "report.txt").read_text(encoding="utf-8")
    quiet = pexpect.spawn(
        str(CLARITY),
        ["lint", "-j", "1", "-q", "--output", "report.txt"],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=120,
    )
    quiet.expect(pexpect.EOF)
    assert "linting" not in (quiet.before or "")


def test_a_rule_with_a_help_page_links_it_in_sarif() -> None:
    from tests.test_lint_cli import TEAM_PACK

    linked = TEAM_PACK.replace(
        "    dimension: boundaries\n",
        "    dimension: boundaries\n    help_uri: https://wiki.example.com/charters/T101\n",
    )
    write("packs/team.yaml", linked)
    write("a.charter.yaml", charter(owner="The platform team"))
    sarif = json.loads(lint("--rules", "packs/team.yaml", "--format", "sarif").stdout)
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["T101"]["helpUri"] == "https://wiki.example.com/charters/T101"
    assert "helpUri" not in rules["C101"]  # the built-in rules have no page of their own yet
    write("packs/team.yaml", linked.replace("https://wiki", "wiki"))
    bad = lint("--rules", "packs/team.yaml")
    assert bad.exit_code == 2 and "help_uri" in bad.output


def test_lint_dash_on_a_terminal_says_to_pipe_a_file_instead_of_waiting() -> None:
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(str(CLARITY), ["lint", "-"], encoding="utf-8", timeout=30)
    child.expect(r"clarity: error: .*standard input, but it is a terminal")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2


def test_verbose_names_the_nested_configurations_used() -> None:
    write("charters/.clarity.yaml", "ignore: [C104]\n")
    write("charters/a.charter.yaml", BROKEN)
    result = lint("-v")
    assert "clarity: configuration for its folder: charters/.clarity.yaml" in result.stderr
