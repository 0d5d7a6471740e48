"""The `clarity schema` command, built by the one typer app when it is invoked."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from clarity.cli.app import new_app
from clarity.cli.guard import guarded

app = new_app("schema")


class SchemaName(str, Enum):
    answers = "answers"
    delegation = "delegation"
    charter = "charter"
    rules = "rules"
    config = "config"
    session = "session"


@app.command()
def schema(
    name: Annotated[SchemaName, typer.Argument(help="Which file format.")],
) -> None:
    """Print the JSON Schema of a file format, as shipped in the package (and under schemas/)."""

    def run() -> int:
        from clarity.core.reading.schemas import shipped_text

        sys.stdout.write(shipped_text(name.value))
        return 0

    raise typer.Exit(guarded(run))


__all__ = ["app", "schema"]
