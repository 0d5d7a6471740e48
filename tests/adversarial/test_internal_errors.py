"""A bug in clarity is one line asking for a bug report (exit 3); the traceback appears only with
--debug (global, per command, or CLARITY_DEBUG=1), and never with local variables."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import typer

from clarity.cli.app import app
from tests.adversarial.helpers import HARMONY, PACK, VALID, invoke

ONE_LINE = re.compile(
    r"^clarity: internal error: RuntimeError: .*This is a bug: please report it with the "
    r"command you ran \(clarity --debug COMMAND \.\.\. shows the traceback\)$"
)


def boom(*args: object, **kwargs: object) -> None:
    hidden = "LOCAL-" + "VALUE"  # a local variable: never shown, even with --debug
    raise RuntimeError(f"boom \x1b[2J{'x' * 1000}{hidden[:0]}")


def files(folder: Path) -> None:
    (folder / "answers.yaml").write_text(HARMONY, encoding="utf-8")
    (folder / "team.charter.yaml").write_text(VALID["lint"], encoding="utf-8")
    (folder / "pack.yaml").write_text(PACK, encoding="utf-8")


# (command line, the module attribute to break)
BROKEN: dict[str, tuple[list[str], str, str]] = {
    "check": (["check", "--answers", "answers.yaml"], "clarity.cli.commands.check", "score"),
    "lint": (
        ["lint", "--no-config", "team.charter.yaml"],
        "clarity.core.linting.lint",
        "lint_paths",
    ),
    "rules-validate": (
        ["rules", "validate", "pack.yaml"],
        "clarity.core.rules.packtest",
        "load_layered",
    ),
    "rules-list": (["rules", "list"], "clarity.cli.commands.rules", "pack_in_use"),
    "config": (["config"], "clarity.cli.commands.config", "resolve"),
    "schema": (["schema", "answers"], "clarity.core.reading.schemas", "shipped_text"),
    "init": (["init", "here"], "clarity.cli.commands.init", "run"),
}


def broken(name: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    args, module, attribute = BROKEN[name]
    monkeypatch.setattr(f"{module}.{attribute}", boom)
    return args


@pytest.mark.parametrize("name", list(BROKEN))
def test_an_internal_error_is_one_line_without_a_traceback(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files(tmp_path)
    run = invoke(*broken(name, monkeypatch))
    assert run.code == 3, run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert len(run.errors) == 1, run.stderr
    line = run.errors[0]
    assert ONE_LINE.match(line), line
    assert "\x1b" not in line and "\\x1b[2J" in line  # escaped
    assert len(line) < 600  # the huge message is cut short


@pytest.mark.parametrize("name", list(BROKEN))
def test_the_global_debug_option_shows_the_traceback_without_locals(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files(tmp_path)
    run = invoke("--debug", *broken(name, monkeypatch))
    assert run.code == 3
    assert "Traceback (most recent call last)" in run.stderr
    assert "in boom" in run.stderr
    assert "LOCAL-VALUE" not in run.stderr and "hidden =" not in run.stderr
    assert ONE_LINE.match(run.stderr.strip().splitlines()[-1])


def test_debug_per_command_and_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files(tmp_path)
    args = broken("check", monkeypatch)
    assert "Traceback" in invoke(*args, "--debug").stderr
    assert "Traceback" not in invoke(*args).stderr  # the global flag does not linger
    monkeypatch.setenv("CLARITY_DEBUG", "1")
    assert "Traceback" in invoke(*args).stderr
    monkeypatch.setenv("CLARITY_DEBUG", "0")
    assert "Traceback" not in invoke(*args).stderr


def every_command() -> list[list[str]]:
    root = typer.main.get_command(app)
    ctx = root.make_context("clarity", ["--help"], resilient_parsing=True)
    found: list[list[str]] = []
    for name in root.list_commands(ctx):  # type: ignore[attr-defined]
        command = root.get_command(ctx, name)  # type: ignore[attr-defined]
        subs = getattr(command, "commands", None)
        if subs:
            found.extend([name, sub] for sub in subs)
        else:
            found.append([name])
    return found


@pytest.mark.parametrize("command", every_command(), ids=" ".join)
def test_every_command_takes_the_global_debug_option(command: list[str]) -> None:
    run = invoke("--debug", *command, "--help")
    assert run.code == 0, run.stderr
    assert "Usage:" in run.stdout


def test_an_error_outside_any_command_is_one_line_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import clarity.cli.app as module
    from clarity.cli.main import main

    monkeypatch.setattr(module, "app", boom)
    assert main(["config"]) == 3
    err = capsys.readouterr().err
    assert ONE_LINE.match(err.strip()), err
    assert main(["--debug", "config"]) == 3
    err = capsys.readouterr().err
    assert "Traceback" in err
    assert "\x1b" not in err and "\\x1b[2J" in err  # the traceback is escaped too


def test_a_broken_pipe_ends_as_sigpipe_would(capfd: pytest.CaptureFixture[str]) -> None:
    """No traceback and no error line, and the code a shell shows for a program SIGPIPE
    ended (141): the part not written may have been a failure."""
    from clarity.cli.guard import guarded

    def closed() -> int:
        raise BrokenPipeError

    assert guarded(closed) == 141
    assert capfd.readouterr().err == ""


def test_a_lint_cut_short_by_its_reader_is_no_success(tmp_path: Path) -> None:
    """``clarity lint | head -1`` under ``set -o pipefail``: the pipeline fails."""
    import subprocess
    import sys

    for n in range(150):  # (far more than a pipe holds: the writes outlast the reader)
        (tmp_path / f"t{n}.charter.md").write_text(
            "## Ship it\n\n- **Outcome:** make it better\n", encoding="utf-8"
        )
    script = (
        f'set -o pipefail; "{sys.executable}" -m clarity lint --no-config "{tmp_path}" | head -1'
    )
    run = subprocess.run(["bash", "-c", script], capture_output=True, text=True)
    assert run.returncode == 141, run.stderr
    assert "Traceback" not in run.stderr and "Exception ignored" not in run.stderr


def test_memory_and_recursion_errors_are_internal_errors_too() -> None:
    from clarity.cli.guard import guarded

    def deep() -> int:
        raise RecursionError("maximum recursion depth exceeded")

    raises: Callable[[], int] = deep
    assert guarded(raises) == 3
