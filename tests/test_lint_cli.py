"""clarity lint from the command line: exit codes, discovery, text and JSON, parallel runs."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from clarity.cli.app import app
from clarity.core.rules.pack import load_pack
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "charters"
runner = CliRunner()

TEAM_PACK = """\
rules:
  - id: T101
    name: owner-is-a-team
    title: The owner is a team, not a person
    dimension: boundaries
    severity: error
    when: {matches: {field: owner, pattern: team$}}
    message: The owner is a whole team.
    why: A team cannot be accountable; a person can.
    fix: Name one person.
    examples:
      fire: [{owner: The platform team}]
      pass: [{owner: Sam}]
"""
PACK_PATH = "packs/team.yaml"

HEALTHY = """\
team: Client services
delegations:
  - task: {task}
    outcome: The client receives the weekly report with all twelve agreed KPIs
    deadline: Every Monday by 10:00, starting 2026-12-07
    quality: Zero data errors against the shared checklist; client score of 8 or more
    constraints: [Budget stays under 2,000 EUR a month]
    decides_alone: [Which tools and templates to use, When in the week to do the work]
    escalate_when: [The client score drops below 8]
    consequences: >-
      If the client score drops below 8 two weeks running, the weekly sign-off comes back
      until there are two clean reports in a row
    agreed_upfront: yes
    checkpoints: [2026-12-14]
    can_fail_differently: yes
    owner: Sam
"""


def lint(*args: str, env: dict[str, str] | None = None, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["lint", *args], env=env, input=input)


def charter(task: str = "Weekly client report", **changes: str) -> str:
    """The healthy charter with some lines replaced (``outcome="Make it better"``)."""
    text = HEALTHY.format(task=task)
    for key, value in changes.items():
        lines = text.splitlines()
        for i, line in enumerate(lines):
            if line.startswith(f"    {key}:"):
                lines[i] = f"    {key}: {value}"
                while i + 1 < len(lines) and lines[i + 1].startswith("      "):
                    del lines[i + 1]  # (the folded lines of the value replaced)
        text = "\n".join(lines) + "\n"
    return text


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in a temporary folder, so no configuration of the repository is found."""
    monkeypatch.chdir(tmp_path)


def write(path: str, text: str) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def as_json(*args: str) -> dict[str, Any]:
    result = lint(*args, "--format", "json")
    assert result.exit_code in (0, 1, 2), result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# -- exit codes -------------------------------------------------------------------------------


def test_a_healthy_charter_exits_0_and_says_so() -> None:
    write("team.charter.yaml", charter())
    result = lint()
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Checked 1 file, 1 delegation: no findings."


def test_an_error_exits_1() -> None:
    write("team.charter.yaml", charter(outcome="Make it better"))
    result = lint("team.charter.yaml")
    assert result.exit_code == 1
    assert "team.charter.yaml:4:14: error C102 " in result.stdout


@pytest.mark.parametrize(
    ("change", "level", "code"),
    [
        ({"checkpoints": "[]"}, "warning", 0),  # C111 is info: review dates are advice
        ({"checkpoints": "[]"}, "info", 1),
        ({"consequences": "One late report and they are dismissed"}, "error", 0),  # C110: warning
        ({"consequences": "One late report and they are dismissed"}, "warning", 1),
        ({"consequences": "One late report and they are dismissed"}, "info", 1),
    ],
)
def test_fail_level_decides_exit_1(change: dict[str, str], level: str, code: int) -> None:
    write("team.charter.yaml", charter(**change))
    result = lint("--fail-level", level)
    assert result.stdout.count(" C1") == 1, result.stdout
    assert result.exit_code == code, result.output


def test_fail_level_comes_from_the_configuration_unless_given() -> None:
    write("team.charter.yaml", charter(consequences="One late report and they are dismissed"))
    write(".clarity.yaml", "fail_level: warning\n")
    assert lint().exit_code == 1
    assert lint("--fail-level", "error").exit_code == 0
    assert lint("--no-config").exit_code == 0


def test_a_file_that_does_not_parse_is_a_diagnostic_and_the_others_are_still_linted() -> None:
    write("a.charter.yaml", charter(outcome="Make it better"))
    write("b.charter.yaml", charter(agreed_upfront="maybe"))
    write("c.charter.md", "## Report\n- **Escalte when:** a client complains\n")
    result = lint()
    assert result.exit_code == 2
    out = result.stdout
    assert "a.charter.yaml:4:14: error C102 " in out
    assert (
        "b.charter.yaml:13:21: error parse-error delegations[0].agreed_upfront: expected yes or no"
        in out
    )
    assert (
        "c.charter.md:2:3: error parse-error Escalte when: unknown field 'Escalte when'; did you mean 'Escalate when'?"
        in out
    )
    assert out.strip().splitlines()[-1].startswith("Checked 3 files, 1 delegation: ")
    assert "2 files could not be linted" in out
    assert "Traceback" not in result.output


def test_a_path_that_does_not_exist_is_a_diagnostic_not_a_crash() -> None:
    write("a.charter.yaml", charter())
    result = lint("a.charter.yaml", "missing.charter.yaml")
    assert result.exit_code == 2
    assert "missing.charter.yaml: error not-found no such file or folder" in result.stdout


def test_diagnostics_also_go_to_stderr_when_the_output_is_not_text() -> None:
    write("b.charter.yaml", "delegations: [\n")
    result = lint("--format", "json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["diagnostics"][0]["path"] == "b.charter.yaml"
    assert result.stderr.startswith("clarity: error: b.charter.yaml:2:1: not valid YAML")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--update-baseline"], "--update-baseline: --update-baseline needs the baseline file"),
        (["--config", "c.yaml", "--no-config"], "--config and --no-config cannot be used together"),
        (["--select", "C1O1"], "unknown rule 'C1O1'; did you mean 'C101'?"),
        (["--config", "missing.yaml"], "missing.yaml: no such file"),
    ],
)
def test_usage_errors_exit_2_in_one_line(args: list[str], message: str) -> None:
    write("team.charter.yaml", charter())
    result = lint(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_bad_option_value_is_a_usage_error() -> None:
    assert lint("--format", "xml").exit_code == 2
    assert lint("--fail-level", "fatal").exit_code == 2
    assert lint("--jobs", "0").exit_code == 2


def test_an_internal_error_exits_3_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import clarity.core.linting.lint

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(clarity.core.linting.lint, "lint_paths", boom)
    result = lint()
    assert result.exit_code == 3
    assert "internal error: RuntimeError: boom" in result.stderr


def test_no_charter_found_is_not_an_error_but_is_said() -> None:
    write("notes.md", "# nothing here\n")
    result = lint()
    assert result.exit_code == 0
    assert "no charter files found" in result.stderr


def test_each_answer_that_makes_a_rule_fire_is_a_finding_on_its_own_line() -> None:
    write("a.charter.yaml", charter(checkpoints="[2027-02-30, 2027-03-15, 31 April 2027]"))
    found = [f for f in as_json("a.charter.yaml")["findings"] if f["rule"] == "C115"]
    assert [(f["line"], f["answer"]) for f in found] == [
        (14, "2027-02-30"),
        (14, "31 April 2027"),
    ]
    assert found[0]["column"] < found[1]["column"]


def test_a_charter_with_no_delegations_passes_but_is_said() -> None:
    write("empty.charter.yaml", "")
    write("team.charter.md", "# Team\n\nNotes, and no delegation yet.\n")
    write("a.charter.yaml", charter())
    result = lint()
    assert result.exit_code == 0
    said = [line for line in result.stderr.splitlines() if "no delegations" in line]
    assert len(said) == 2
    assert "empty.charter.yaml" in said[0] and "team.charter.md" in said[1]
    assert "a.charter.yaml" not in result.stderr
    assert lint("-q").stderr == ""


# -- discovery --------------------------------------------------------------------------------


def test_folders_are_searched_recursively_for_the_patterns_in_sorted_order() -> None:
    for path in (
        "z.charter.yaml",
        "teams/b/one.charter.md",
        "teams/a.charter.yml",
        "teams/notes.md",
        "teams/other.yaml",
        ".git/x.charter.yaml",
        "node_modules/pkg/y.charter.yaml",
    ):
        write(path, charter(outcome="Make it better") if "yaml" in path or "yml" in path else "")
    write("teams/b/one.charter.md", "## Report\n- **Outcome:** Make it better\n")
    data = as_json()
    assert sorted({f["path"] for f in data["findings"]}) == [
        "teams/a.charter.yml",
        "teams/b/one.charter.md",
        "z.charter.yaml",
    ]
    assert [f["path"] for f in data["findings"]] == sorted(f["path"] for f in data["findings"])


def test_a_file_named_explicitly_is_linted_whatever_its_name() -> None:
    write("teams/other.yaml", charter(outcome="Make it better"))
    data = as_json("teams/other.yaml")
    assert {f["path"] for f in data["findings"]} == {"teams/other.yaml"}


def test_patterns_come_from_the_configuration() -> None:
    write(".clarity.yaml", "include: ['*.team.yaml']\nexclude: [legacy]\n")
    write("a.team.yaml", charter(outcome="Make it better"))
    write("b.charter.yaml", charter(outcome="Make it better"))
    write("legacy/c.team.yaml", charter(outcome="Make it better"))
    data = as_json()
    assert {f["path"] for f in data["findings"]} == {"a.team.yaml"}


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_symbolic_link_loops_are_not_followed(tmp_path: Path) -> None:
    write("teams/a.charter.yaml", charter())
    (tmp_path / "teams" / "loop").symlink_to(tmp_path / "teams")
    result = lint()
    assert result.exit_code == 0, result.output
    assert "Checked 1 file" in result.stdout


def test_the_same_file_given_twice_is_linted_once() -> None:
    write("a.charter.yaml", charter(outcome="Make it better"))
    data = as_json("a.charter.yaml", "./a.charter.yaml", ".")
    assert data["summary"]["files"] == 1


def test_jobs_1_and_jobs_2_give_identical_output() -> None:
    import clarity.core.linting.lintpool as pool

    count = 2 * pool.FORKED_MIN_FILES
    for i in range(count):
        write(
            f"t{i % 3}/c{i:02d}.charter.yaml", charter(task=f"Task {i}", outcome="Make it better")
        )
    write("t1/bad.charter.yaml", "delegations: [\n")
    serial = lint("--jobs", "1", "--no-cache")
    parallel = lint("--jobs", "2", "--no-cache")
    assert serial.exit_code == parallel.exit_code == 2
    assert serial.stdout == parallel.stdout
    json_parallel = lint("--jobs", "2", "-f", "json", "--no-cache").stdout
    assert json_parallel == lint("--jobs", "1", "-f", "json", "--no-cache").stdout
    assert serial.stdout.count(" C102 ") == count


def test_workers_are_used_only_when_there_are_enough_files() -> None:
    import clarity.core.linting.lintpool as pool

    assert pool.workers_for(10, 8) == 1
    assert pool.workers_for(4 * pool.FORKED_MIN_FILES, 8) == 4
    assert pool.workers_for(4 * pool.FORKED_MIN_FILES, 2) == 2
    assert pool.workers_for(4 * pool.FORKED_MIN_FILES, 1) == 1
    assert pool.workers_for(4 * pool.FORKED_MIN_FILES, 8, "spawn") == 1


def test_parallel_workers_get_the_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers are started fresh (spawn), so everything they get must cross processes."""
    import multiprocessing

    import clarity.core.linting.lint as core
    import clarity.core.linting.lintpool as pool
    from clarity.core.settings.config import load_config

    write(PACK_PATH, TEAM_PACK)
    write(".clarity.yaml", "ignore: [C102]\nseverity: {C104: info}\nrules: [packs/team.yaml]\n")
    for i in range(8):
        write(
            f"c{i}.charter.yaml", charter(outcome="Make it better", deadline="ASAP", owner="A team")
        )
    config = load_config(None, False, Path.cwd())
    settings = core.LintSettings(config=config)
    pack = load_pack(config.packs)
    serial = core.lint_paths(["."], pack=pack, settings=settings, jobs=1)
    monkeypatch.setattr(pool, "_mp_context", lambda: multiprocessing.get_context("spawn"))
    monkeypatch.setattr(pool, "SPAWNED_MIN_FILES", 2)
    assert pool.workers_for(8, 2, "spawn") == 2
    parallel = core.lint_paths(
        ["."], pack=pack, pack_paths=config.packs, settings=settings, jobs=2, cache=False
    )
    assert parallel.files == serial.files
    assert {(f.rule, f.severity) for f in parallel.findings} == {
        ("C104", "info"),
        ("T101", "error"),
    }


# -- text and JSON ----------------------------------------------------------------------------


def test_text_groups_by_file_and_delegation_and_ends_with_a_summary() -> None:
    write(
        "a.charter.md",
        "# Team\n\n## First task\n\n- **Outcome:** Make it better\n\n## Second task\n",
    )
    write("b.charter.yaml", charter(outcome="Make it better"))
    write("c.charter.yaml", charter())
    result = lint()
    lines = result.stdout.splitlines()
    assert lines[0] == "a.charter.md"
    assert lines[1].startswith('  delegation "First task" (')
    assert lines[2].startswith("    a.charter.md:3:1: warning B10") or lines[2].startswith(
        "    a.charter.md:3:1: error "
    )
    second = lines.index(next(line for line in lines if "Second task" in line))
    assert second > 2
    assert all(line.startswith(("    a.charter.md:", "      fix: ")) for line in lines[2:second])
    assert "b.charter.yaml" in lines
    assert "c.charter.yaml" not in result.stdout, "files without findings are not listed"
    assert "      fix: Rewrite it as a result someone else could verify" in result.stdout
    assert lines[-1].startswith("Checked 3 files, 4 delegations: ")
    assert " errors, " in lines[-1] and " warnings, " in lines[-1] and " info" in lines[-1]
    assert lines[-1].endswith("at or above the fail level (error).")


def test_json_is_versioned_with_findings_diagnostics_and_a_summary() -> None:
    write("a.charter.yaml", charter(outcome="Make it better"))
    write("b.charter.yaml", "team: [\n")
    data = as_json()
    assert data["version"] == 1
    assert set(data) >= {"version", "findings", "diagnostics", "summary"}
    finding = data["findings"][0]
    assert finding == {
        "path": "a.charter.yaml",
        "line": 4,
        "column": 14,
        "delegation": "Weekly client report",
        "field": "outcome",
        "rule": "C102",
        "name": finding["name"],
        "title": finding["title"],
        "dimension": "consequences",
        "severity": "error",
        "message": finding["message"],
        "why": finding["why"],
        "fix": finding["fix"],
        "answer": "Make it better",
        "trap": None,
    }
    assert data["diagnostics"] == [
        {
            "path": "b.charter.yaml",
            "line": 2,
            "column": 1,
            "code": "parse-error",
            "severity": "error",
            "message": data["diagnostics"][0]["message"],
        }
    ]
    summary = data["summary"]
    assert summary["files"] == 2 and summary["delegations"] == 1
    assert summary["error"] == summary["failing"] == 1
    assert summary["diagnostics"] == 1


def test_json_gives_each_delegations_verdict_and_traps_as_check_does() -> None:
    write(
        "a.charter.md",
        "## Weekly client report\n- **Outcome:** Make it better\n\n"
        "## Supplier onboarding\n- **Can fail differently:** yes\n"
        "- **Decides alone:** whatever they reckon is right, no need to ask me\n",
    )
    data = as_json()
    assert [(d["task"], d["line"]) for d in data["delegations"]] == [
        ("Weekly client report", 1),
        ("Supplier onboarding", 4),
    ]
    first, second = data["delegations"]
    assert first["verdict"] in ("consequences", "both")
    assert "abandonment" in second["traps"]
    trapped = [f for f in data["findings"] if f["trap"] == "abandonment"]
    assert trapped and trapped[0]["delegation"] == "Supplier onboarding"


HOSTILE = "[bold red]Boss[/bold red] \x1b[2J\x1b]8;;http://x\x07link \u202egnp.exe"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_hostile_task_text_is_printed_escaped(fmt: str) -> None:
    task = json.dumps(HOSTILE)
    write("a.charter.yaml", charter(task=task, outcome="Make it better"))
    write("b.charter.md", f"## {HOSTILE}\n- **Outcome:** Make it better\n")
    result = lint("--format", fmt)
    assert result.exit_code == 1
    out = result.stdout
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    if fmt == "text":
        assert (
            '"[bold red]Boss[/bold red] \\x1b[2J\\x1b]8;;http://x\\x07link \\u202egnp.exe"' in out
        )
    else:
        tasks = {f["delegation"] for f in json.loads(out)["findings"]}
        assert tasks == {HOSTILE}


def test_colour_only_when_asked_and_user_text_is_never_markup() -> None:
    from clarity.cli.render.lint_text import render
    from clarity.core.scoring.findings import FileResult, LintFinding, LintRun

    finding = LintFinding(
        "a.charter.yaml",
        1,
        1,
        "[red]x[/red] \x1b[31m",
        "outcome",
        "C101",
        "outcome-missing",
        "t",
        "consequences",
        "error",
        "m",
        "w",
        "f",
        None,
    )
    run = LintRun([FileResult("a.charter.yaml", 1, [finding])])
    plain = render(run, color=False)
    assert "\x1b" not in plain
    coloured = render(run, color=True)
    assert "\x1b[" in coloured
    assert '"[red]x[/red] \\x1b[31m"' in coloured


def test_no_colour_when_not_a_terminal() -> None:
    write("a.charter.yaml", charter(outcome="Make it better"))
    result = lint(env={"NO_COLOR": ""})
    assert "\x1b" not in result.stdout


def test_output_file_is_written_and_stdout_stays_empty() -> None:
    write("a.charter.yaml", charter(outcome="Make it better"))
    result = lint("--format", "json", "--output", "report.json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert json.loads(Path("report.json").read_text(encoding="utf-8"))["summary"]["error"] == 1


def test_github_format_is_chosen_in_github_actions() -> None:
    write("a.charter.yaml", charter(outcome="Make it better"))
    result = lint(env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith("::error file=a.charter.yaml,line=4,col=14")
    assert lint("--format", "text", env={"GITHUB_ACTIONS": "true"}).stdout.startswith("a.charter")


# -- rule selection, suppressions and baselines -----------------------------------------------


def test_select_and_ignore_like_ruff() -> None:
    write("a.charter.yaml", charter(outcome="Make it better", deadline="ASAP", checkpoints="[]"))
    every = {f["rule"] for f in as_json()["findings"]}
    assert {"C102", "C104", "C111"} <= every
    assert {f["rule"] for f in as_json("--select", "C102,C104")["findings"]} == {"C102", "C104"}
    assert {f["rule"] for f in as_json("--ignore", "C10")["findings"]} == every - {"C102", "C104"}
    assert {f["rule"] for f in as_json("--select", "outcome-vague")["findings"]} == {"C102"}


def test_an_inline_suppression_hides_a_finding_and_an_unused_one_is_reported() -> None:
    text = charter(outcome="Make it better  # clarity: ignore[C102] agreed at the March review")
    write("a.charter.yaml", text)
    data = as_json()
    assert "C102" not in {f["rule"] for f in data["findings"]}
    checkable = "The report reaches all 12 clients by Friday"
    write("a.charter.yaml", charter(outcome=f"{checkable}  # clarity: ignore[C102] agreed"))
    data = as_json()
    assert [f["rule"] for f in data["findings"]] == ["unused-suppression"]
    assert data["findings"][0]["line"] == 4


def test_a_markdown_suppression_hides_a_finding() -> None:
    write(
        "a.charter.md",
        "<!-- clarity: ignore[C101,C103] still being agreed -->\n## Report\n- **Owner:** Sam\n"
        "- **Outcome:** Make it better <!-- clarity: ignore[C102] -->\n",
    )
    data = as_json("--select", "C101,C102,C103,suppression-reason")
    assert {(f["rule"], f["line"]) for f in data["findings"]} == {("suppression-reason", 4)}


def test_a_baseline_lets_old_findings_pass_and_new_ones_fail() -> None:
    write("a.charter.yaml", charter(outcome="Make it better"))
    first = lint("--baseline", "baseline.json", "--update-baseline")
    assert first.exit_code == 0, first.output
    assert Path("baseline.json").is_file()
    again = lint("--baseline", "baseline.json")
    assert again.exit_code == 0
    assert again.stdout.strip() == "Checked 1 file, 1 delegation: no findings."
    write("a.charter.yaml", "\n\n" + charter(outcome="Make it better", deadline="ASAP"))
    moved = lint("--baseline", "baseline.json", "--format", "json")
    assert moved.exit_code == 1
    assert [f["rule"] for f in json.loads(moved.stdout)["findings"]] == ["C104"]


def test_the_fixture_charters(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES, tmp_path / "charters")
    data = as_json("charters")
    paths = {f["path"] for f in data["findings"]}
    assert paths == {"charters/platform.charter.md", "charters/platform.charter.yaml"}
    yaml_rules = [
        (f["delegation"], f["rule"]) for f in data["findings"] if f["path"].endswith("yaml")
    ]
    md_rules = [(f["delegation"], f["rule"]) for f in data["findings"] if f["path"].endswith(".md")]
    assert sorted(yaml_rules) == sorted(md_rules)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_file_name_that_is_not_utf8_is_shown_escaped(fmt: str) -> None:
    name = os.fsdecode(b"caf\xe9.charter.yaml")
    try:
        write(name, charter(outcome="Make it better"))
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    result = lint("--format", fmt)
    assert result.exit_code == 1, result.output
    assert "caf\\udce9.charter.yaml" in result.stdout


def test_configuration_selects_rules_changes_severities_and_overrides_by_path() -> None:
    write(
        ".clarity.yaml",
        "severity: {C102: warning}\noverrides:\n  - files: ['legacy/**']\n    ignore: [C102]\n",
    )
    write("new/a.charter.yaml", charter(outcome="Make it better"))
    write("legacy/b.charter.yaml", charter(outcome="Make it better"))
    data = as_json()
    assert [(f["path"], f["rule"], f["severity"]) for f in data["findings"]] == [
        ("new/a.charter.yaml", "C102", "warning")
    ]
    assert lint().exit_code == 0
    assert lint("--no-config").exit_code == 1


def test_extra_rule_packs_from_the_configuration_are_linted_with(tmp_path: Path) -> None:
    write(PACK_PATH, TEAM_PACK)
    write(".clarity.yaml", "rules: [packs/team.yaml]\n")
    write("a.charter.yaml", charter(owner="The platform team"))
    for jobs in ("1", "2"):
        data = as_json("--jobs", jobs)
        assert [(f["rule"], f["line"], f["column"]) for f in data["findings"]] == [("T101", 16, 12)]


def test_the_lint_core_imports_no_shell_library() -> None:
    import subprocess
    import sys

    code = (
        "import sys, clarity.core.linting.lint, clarity.core.reading.charter_md;"
        "print(','.join(m for m in ('typer', 'rich', 'questionary', 'click') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
