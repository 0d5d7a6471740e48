"""The top-level app (cli/app.py): the list of commands and a command it does not know."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from clarity.cli.app import COMMANDS, app

runner = CliRunner()


def test_help_lists_every_command_in_order() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    at = [result.output.index(f"  {name} ") for name in COMMANDS]
    assert at == sorted(at)


@pytest.mark.parametrize("group", [[], ["rules"], ["session"]])
def test_command_lists_say_each_command_whole_at_80_columns(group: list[str]) -> None:
    result = runner.invoke(app, [*group, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    listed = result.output.split("Commands:")[1]
    assert "..." not in listed, listed


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("chek", "No such command 'chek'. Did you mean 'check'"),
        ("lnt", "No such command 'lnt'. Did you mean 'lint'?"),
        ("sesion", "No such command 'sesion'. Did you mean 'session'?"),
        ("zzz", "No such command 'zzz'."),
    ],
)
def test_an_unknown_command_is_a_usage_error_with_the_ones_it_resembles(
    typed: str, said: str
) -> None:
    result = runner.invoke(app, [typed])
    assert result.exit_code == 2
    assert said in result.output
    if typed == "zzz":
        assert "Did you mean" not in result.output


def test_an_unknown_option_before_the_command_is_still_an_option_error() -> None:
    result = runner.invoke(app, ["--zz", "check"])
    assert result.exit_code == 2
    assert "No such option: --zz" in result.output
