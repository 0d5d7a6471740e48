"""The `clarity init` command(s), built by the one typer app when it is invoked."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from clarity.cli.app import new_app
from clarity.cli.guard import guarded

app = new_app("init")


class CharterFormat(str, Enum):
    yaml = "yaml"
    markdown = "markdown"


@app.command()
def init(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="FOLDER",
            help="Where to write (created if needed); usually the repository root.",
        ),
    ] = Path(),
    fmt: Annotated[
        CharterFormat, typer.Option("--format", "-f", help="The example charter's format.")
    ] = CharterFormat.yaml,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite files that already exist.")
    ] = False,
    update_schemas: Annotated[
        bool,
        typer.Option(
            "--update-schemas",
            help="Only refresh the schemas under .clarity/ with this version's; charters and "
            "configuration are left as they are.",
        ),
    ] = False,
) -> None:
    """Write a commented example charter and a .clarity.yaml configuration to start from.

    The YAML files' first lines point editors at their JSON Schemas, written under .clarity/,
    so editors complete and check them offline. Existing files are kept unless --force.
    """
    from clarity.cli.commands.init import run
    from clarity.cli.commands.init import update_schemas as refresh

    if update_schemas:
        raise typer.Exit(guarded(lambda: refresh(folder)))
    raise typer.Exit(guarded(lambda: run(folder, fmt.value, force)))


__all__ = ["app"]
