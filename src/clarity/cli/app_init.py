"""The `clarity init` command(s), registered on the one typer app."""

from __future__ import annotations

from clarity.cli.app import app

__all__ = ["app"]
