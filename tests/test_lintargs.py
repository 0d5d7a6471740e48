"""``clarity lint``'s command line (cli/lintargs.py), the one parser of it: what it reads, its
help and its usage errors, worded and laid out as the typer app's are for every command. The
help texts under tests/fixtures were written by the typer app when lint was a typer command."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from clarity.cli import argtable, lintargs
from clarity.cli.app import app
from clarity.cli.commands.lint_options import LintOptions
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"


@pytest.mark.parametrize(
    ("args", "expected", "debug"),
    [
        ([], LintOptions(), False),
        (["a", "--format", "json", "b"], LintOptions(paths=["a", "b"], format="json"), False),
        (["-vfjson"], LintOptions(format="json", verbose=True), False),
        (["--no-cache", "."], LintOptions(paths=["."], no_cache=True), False),
        (["--quiet", "-q", "-qq"], LintOptions(quiet=4), False),
        (["--select", "C1,B101", "--select="], LintOptions(select=["C1,B101", ""]), False),
        (["--rules", "p1", "--rules=p2", "--", "--format", "-"],
         LintOptions(paths=["--format", "-"], rules=[Path("p1"), Path("p2")]), False),
        (["-o=x", "--config", "", "--debug"], LintOptions(output=Path("=x"), config=Path()), True),
        (["-o", "--help", "-j2"], LintOptions(output=Path("--help"), jobs=2), False),
        (["--jobs", "two", "--jobs", " 1_0 "], LintOptions(jobs=10), False),
        (["--format=json", "-f", "sarif", "--fail-level", "warning", "--color", "never"],
         LintOptions(format="sarif", fail_level="warning", color="never"), False),
        (["--stdin-filename", "a.md", "-", "--exit-zero", "--statistics", "--no-config",
          "--force-exclude", "--no-respect-gitignore", "--baseline", "b", "--update-baseline",
          "--ignore", "C105"],
         LintOptions(paths=["-"], stdin_filename="a.md", exit_zero=True, statistics=True,
                     no_config=True, force_exclude=True, no_respect_gitignore=True,
                     baseline=Path("b"), update_baseline=True, ignore=["C105"]), False),
    ],
)  # fmt: skip
def test_a_command_line_is_read(args: list[str], expected: LintOptions, debug: bool) -> None:
    assert lintargs.parse(args) == (expected, debug)


FORMATS = "use text, json, sarif, github, junit or gitlab"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], f"Invalid value for '--format' / '-f': 'xml' is not one of the choices; {FORMATS}"),
        (["-fv"], f"Invalid value for '--format' / '-f': 'v' is not one of the choices; {FORMATS}"),
        (["--color", "maybe"], "Invalid value for '--color': 'maybe' is not one of the choices; use auto, always or never"),
        (["--jobs", "0"], "Invalid value for '--jobs' / '-j': must be at least 1"),
        (["--jobs", "1.5"], "Invalid value for '--jobs' / '-j': must be a whole number"),
        (["--jobs", "0", "--format", "xml"], "Invalid value for '--jobs' / '-j': must be at least 1"),
        (["--nope", "--format", "xml"], "No such option: --nope (Possible options: --ignore, --no-cache)"),
        (["--selec", "x"], "No such option: --selec (Possible options: --baseline, --help, --select)"),
        (["-qx"], "No such option: -x"),
        (["-q-"], "No such option: --"),
        (["--version"], "No such option: --version (Possible options: --verbose)"),
    ],
)  # fmt: skip
def test_a_usage_error_shows_the_usage_first(args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["lint", *args])
    assert result.exit_code == 2
    assert result.stderr == (
        "Usage: clarity lint [OPTIONS] [PATH]...\n"
        "Try 'clarity lint -h' for help.\n\n"
        f"Error: {message}\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml", "-o"], "Option '-o' requires an argument."),
        (["--stdin-filename"], "Option '--stdin-filename' requires an argument."),
        (["--no-config=yes"], "Option '--no-config' does not take a value."),
        (["--quiet=2"], "Option '--quiet' does not take a value."),
    ],
)
def test_a_misused_option_is_one_line(args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["lint", *args])
    assert (result.exit_code, result.stderr) == (2, f"Error: {message}\n")


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["-qh"], ["--format", "xml", "--help"]])
def test_help_wins_over_a_bad_value(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert lintargs.run(args) == 0
    assert capsys.readouterr().out == (FIXTURES / "lint_help.txt").read_text("utf-8")
    result = CliRunner().invoke(app, ["lint", *args])  # the runner's help is 80 wide, not 78
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: clarity lint [OPTIONS] [PATH]...\n\n  Lint team")


def test_help_is_wrapped_to_the_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for columns, name in ((40, "lint_help_40.txt"), (80, "lint_help.txt"), (200, "lint_help.txt")):
        monkeypatch.setenv("COLUMNS", str(columns))
        assert lintargs.run(["--help"]) == 0
        assert capsys.readouterr().out == (FIXTURES / name).read_text("utf-8")


def test_the_global_debug_option_reaches_lint(monkeypatch: pytest.MonkeyPatch) -> None:
    import clarity.cli.commands.lint as command
    import clarity.cli.guard as guard

    seen: list[Any] = []
    monkeypatch.setattr(command, "run", lambda opts: seen.append((opts, guard.DEBUG)) or 0)
    assert CliRunner().invoke(app, ["--debug", "lint", "-q", "x"]).exit_code == 0
    assert seen == [(LintOptions(paths=["x"], quiet=1), True)]


@given(st.text(alphabet=st.sampled_from(list("0123456789+-_. .\t\xa0\x1c\u3000e٣x")), max_size=7))
def test_a_whole_number_is_read_as_the_option_checks_of_the_app_read_it(text: str) -> None:
    from pydantic import TypeAdapter, ValidationError

    # pydantic reads a minus between digits as a subtraction of sorts ("0-1" is -1, "0-0" is
    # 0); clarity refuses such a number, as anyone typing it would expect.
    assume(not re.search(r"\d[\s_.]*-", text))
    try:
        expected: int | None = TypeAdapter(int).validate_python(text)
    except ValidationError:
        expected = None
    assert argtable.whole(text) == expected
