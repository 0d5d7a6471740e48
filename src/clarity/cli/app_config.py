"""The `clarity config` command(s), built by the one typer app when it is invoked."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from clarity.cli.app import new_app
from clarity.cli.guard import guarded
from clarity.cli.options import DebugOption

app = new_app("config")


class ConfigFormat(str, Enum):
    text = "text"
    json = "json"


class Level(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


@app.command("config")
def config_command(
    config: Annotated[
        Optional[Path],  # noqa: UP045 - typer reads the annotation at runtime
        typer.Option(
            "--config", metavar="FILE", help="Use this configuration file instead of searching."
        ),
    ] = None,
    no_config: Annotated[
        bool, typer.Option("--no-config", help="Ignore configuration files: defaults only.")
    ] = False,
    select: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--select", metavar="RULES", help="Rules to run (ids, names, prefixes)."),
    ] = None,
    ignore: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--ignore", metavar="RULES", help="Rules not to run."),
    ] = None,
    fail_level: Annotated[
        Optional[Level],  # noqa: UP045
        typer.Option("--fail-level", help="Exit 1 on findings at or above this severity."),
    ] = None,
    fmt: Annotated[
        ConfigFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ConfigFormat.text,
    debug: DebugOption = False,
) -> None:
    """Print the effective configuration and where each value came from."""
    from clarity.cli.commands.config import ConfigOptions, run

    opts = ConfigOptions(
        config=config,
        no_config=no_config,
        select=select,
        ignore=list(ignore or []),
        fail_level=fail_level.value if fail_level else None,
        format=fmt.value,
    )
    raise typer.Exit(guarded(lambda: run(opts), debug=debug))


__all__ = ["app", "config_command"]
