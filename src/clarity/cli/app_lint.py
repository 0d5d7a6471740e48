"""The `clarity lint` command, registered on the one typer app."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from clarity.cli.app import app
from clarity.cli.guard import guarded
from clarity.cli.options import DebugOption, OutputOption, RulesOption

__all__ = ["app", "lint"]


class LintFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"
    gitlab = "gitlab"


class ColorChoice(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class FailLevel(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


@app.command()
def lint(
    paths: Annotated[
        Optional[list[str]],  # noqa: UP045 - typer reads the annotation at runtime
        typer.Argument(
            metavar="PATH",
            help="Charter files and folders (folders are searched recursively), or - for "
            "standard input. Default: .",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        Optional[LintFormat],  # noqa: UP045
        typer.Option(
            "--format",
            "-f",
            help="Output format (default: text; github when GITHUB_ACTIONS=true).",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    fail_level: Annotated[
        Optional[FailLevel],  # noqa: UP045
        typer.Option(
            "--fail-level",
            help="Exit 1 on findings at or above this severity (default: config, else error).",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Files linted in parallel (default: the number of CPUs).",
            show_default=False,
        ),
    ] = None,
    config: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--config", metavar="FILE", help="Use this configuration file."),
    ] = None,
    no_config: Annotated[
        bool, typer.Option("--no-config", help="Ignore configuration files.")
    ] = False,
    baseline: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--baseline", metavar="FILE", help="Report only findings not in this baseline."
        ),
    ] = None,
    update_baseline: Annotated[
        bool,
        typer.Option(
            "--update-baseline", help="Write every current finding to the --baseline file."
        ),
    ] = False,
    select: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--select",
            metavar="RULES",
            help="Only these rules: ids, id prefixes or names, comma-separated (C,B101).",
        ),
    ] = None,
    ignore: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--ignore", metavar="RULES", help="Leave out these rules (comma-separated)."),
    ] = None,
    force_exclude: Annotated[
        bool,
        typer.Option(
            "--force-exclude",
            help="Apply exclude and .gitignore to files named on the command line too "
            "(as pre-commit names them).",
        ),
    ] = False,
    no_respect_gitignore: Annotated[
        bool,
        typer.Option(
            "--no-respect-gitignore",
            help="Search folders without leaving out what .gitignore does.",
        ),
    ] = False,
    stdin_filename: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--stdin-filename",
            metavar="PATH",
            help="The name of the charter read from standard input (with PATH '-').",
        ),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")
    ] = False,
    statistics: Annotated[
        bool,
        typer.Option("--statistics", help="Print how many findings of each rule, not each one."),
    ] = False,
    color: Annotated[
        Optional[ColorChoice],  # noqa: UP045
        typer.Option(
            "--color",
            help="Colour: auto (a terminal, unless NO_COLOR; FORCE_COLOR forces it), always "
            "or never.",
            show_default=False,
        ),
    ] = None,
    quiet: Annotated[
        int,
        typer.Option(
            "--quiet",
            "-q",
            count=True,
            help="Findings only, no summary or warnings; -qq: nothing, just the exit code.",
        ),
    ] = 0,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Say which configuration and project root are used."),
    ] = False,
    rules: RulesOption = None,
    debug: DebugOption = False,
) -> None:
    """Lint team charters (YAML or Markdown): every delegation through the clarity test.

    Exit codes: 0 no finding at or above the fail level; 1 findings at or above it;
    2 usage, configuration or parse error; 3 internal error.
    """
    from clarity.cli.commands.lint import LintOptions, run

    opts = LintOptions(
        paths=list(paths or []),
        format=fmt.value if fmt is not None else None,
        output=output,
        fail_level=fail_level.value if fail_level is not None else None,
        jobs=jobs,
        config=config,
        no_config=no_config,
        baseline=baseline,
        update_baseline=update_baseline,
        select=list(select or []),
        ignore=list(ignore or []),
        rules=list(rules or []),
        force_exclude=force_exclude,
        no_respect_gitignore=no_respect_gitignore,
        color=color.value if color is not None else None,
        quiet=quiet,
        verbose=verbose,
        exit_zero=exit_zero,
        statistics=statistics,
        stdin_filename=stdin_filename,
    )
    raise typer.Exit(guarded(lambda: run(opts), debug=debug))
