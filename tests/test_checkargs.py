"""``clarity check``'s command line (cli/checkargs.py, read by cli/argtable.py), the one parser
of it: what it reads, its help and its usage errors, worded and laid out as the typer app's are
for every command. The help texts under tests/fixtures were written by the typer app when check
was a typer command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from clarity.cli import checkargs
from clarity.cli.app import app
from clarity.cli.commands.check_options import CheckOptions
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
HARMONY = str(ROOT / "examples" / "in-harmony.yaml")


@pytest.mark.parametrize(
    ("args", "expected", "debug"),
    [
        ([], CheckOptions(), False),
        (["Ship it", "-a", "a.yaml"], CheckOptions(task="Ship it", answers="a.yaml"), False),
        (["-a=x", "--", "-t"], CheckOptions(task="-t", answers="=x"), False),
        (["--answers=", "-"], CheckOptions(task="-", answers=""), False),
        (["-ad"], CheckOptions(answers="d"), False),
        (["-da", "a.yaml"], CheckOptions(answers="a.yaml", detail=True), False),
        (["--set", "task=x", "-s", "outcome=y", "--set=z", "-sa=1"],
         CheckOptions(sets=["task=x", "outcome=y", "z", "a=1"]), False),
        (["-s", "--as", "x"], CheckOptions(sets=["--as"], task="x"), False),
        (["--as", "report", "--as", "leader"], CheckOptions(perspective="leader"), False),
        (["-f", "xml", "-fjson"], CheckOptions(format="json"), False),
        (["--save"], CheckOptions(save=True), False),
        (["--save", "--no-save"], CheckOptions(save=False), False),
        (["--no-save", "--save"], CheckOptions(save=True), False),
        (["--rules", "a", "--rules=b", "--journal", "", "-o", "out.txt"],
         CheckOptions(rules=[Path("a"), Path("b")], journal=Path(), output=Path("out.txt")),
         False),
        (["--strict", "--pager", "--defaults", "--debug", "--detail", "t"],
         CheckOptions(task="t", strict=True, pager=True, defaults=True, detail=True), True),
    ],
)  # fmt: skip
def test_a_command_line_is_read(args: list[str], expected: CheckOptions, debug: bool) -> None:
    assert checkargs.parse(args) == (expected, debug)


FORMATS = "use text, json, markdown, html, svg or jsonl"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as", "x"], "Invalid value for '--as': 'x' is not one of the choices; use leader or report"),
        (["--as", "it's"], "Invalid value for '--as': \"it's\" is not one of the choices; use leader or report"),
        (["--as", "a\nb"], "Invalid value for '--as': 'a\\nb' is not one of the choices; use leader or report"),
        (["-fxml", "--as", "x"], f"Invalid value for '--format' / '-f': 'xml' is not one of the choices; {FORMATS}"),
        (["--as", "x", "-f", "xml"], "Invalid value for '--as': 'x' is not one of the choices; use leader or report"),
        (["--sav"], "No such option: --sav (Possible options: --as, --no-save, --save)"),
        (["--nope", "a", "b"], "No such option: --nope (Possible options: --no-save, --pager)"),
        (["--version"], "No such option: --version"),
        (["-dx"], "No such option: -x"),
        (["a", "b", "c"], "Got unexpected extra argument(s) (b c)"),
        (["a", "b\nc"], "Got unexpected extra argument(s) (b\\x0ac)"),
        (["a", "b", "--as", "x"], "Invalid value for '--as': 'x' is not one of the choices; use leader or report"),
    ],
)  # fmt: skip
def test_a_usage_error_shows_the_usage_first(args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["check", *args])
    assert result.exit_code == 2
    assert result.stderr == (
        "Usage: clarity check [OPTIONS] [task]\n"
        "Try 'clarity check -h' for help.\n\n"
        f"Error: {message}\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-a"], "Option '-a' requires an argument."),
        (["--as", "x", "--set"], "Option '--set' requires an argument."),
        (["--no-save=1"], "Option '--no-save' does not take a value."),
        (["--detail=yes"], "Option '--detail' does not take a value."),
    ],
)
def test_a_misused_option_is_one_line(args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["check", *args])
    assert (result.exit_code, result.stderr) == (2, f"Error: {message}\n")


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["-dh"], ["--as", "x", "a", "b", "--help"]])
def test_help_wins_over_a_bad_value(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert checkargs.run(args) == 0
    assert capsys.readouterr().out == (FIXTURES / "check_help.txt").read_text("utf-8")
    result = CliRunner().invoke(app, ["check", *args])  # the runner's help is 80 wide, not 78
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: clarity check [OPTIONS] [task]\n\n  Run the three")


def test_help_is_wrapped_to_the_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for columns, name in ((40, "check_help_40.txt"), (80, "check_help.txt")):
        monkeypatch.setenv("COLUMNS", str(columns))
        assert checkargs.run(["--help"]) == 0
        assert capsys.readouterr().out == (FIXTURES / name).read_text("utf-8")


def test_the_global_debug_option_reaches_check(monkeypatch: pytest.MonkeyPatch) -> None:
    import clarity.cli.commands.check as command
    import clarity.cli.guard as guard

    seen: list[Any] = []
    monkeypatch.setattr(command, "run", lambda opts: seen.append((opts, guard.DEBUG)) or 0)
    assert CliRunner().invoke(app, ["--debug", "check", "-s", "a=b", "t"]).exit_code == 0
    assert seen == [(CheckOptions(task="t", sets=["a=b"]), True)]


def test_the_console_script_gives_what_the_app_gives(tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    code = (
        "import sys; from clarity.cli.main import main; code = main(sys.argv[1:]); "
        "print(code, sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'click'}), "
        "file=sys.stderr)"
    )
    args = ["check", "--answers", HARMONY, "--format", "json"]
    script = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    through_app = CliRunner().invoke(app, args, env={"NO_COLOR": "1"})
    assert script.stderr.strip().splitlines()[-1] == "0 []", script.stderr
    assert through_app.exit_code == 0
    assert script.stdout == through_app.stdout
