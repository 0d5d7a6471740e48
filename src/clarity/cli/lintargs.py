"""``clarity lint``'s command line: its one option table, read by the one parser of the
commands that read their own arguments (cli/argtable.py).

``clarity lint`` runs in pre-commit hooks and CI on every commit, where start-up is most of its
time, so it reads its own arguments, without the typer app, from both places it is started: the
console script hands ``clarity lint ...`` straight to :func:`run`, and the app's ``lint`` command
hands over the arguments after ``lint`` unread.
"""

from __future__ import annotations

from clarity.cli import argtable
from clarity.cli.argtable import Opt
from clarity.cli.commands.lint_options import LintOptions

FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")
ARGS = "[OPTIONS] [PATH]..."
TEXT = (
    "Lint team charters (YAML or Markdown): every delegation through the clarity test.\n\n"
    "Exit codes: 0 no finding at or above the fail level; 1 findings at or above it; 2 usage, "
    "configuration or parse error; 3 internal error."
)
PATHS_HELP = (
    "Charter files and folders (folders are searched recursively), or - for standard input. "
    "Default: ."
)


OPTIONS: tuple[Opt, ...] = (
    Opt(("--format", "-f"), "format", "choice",
        "Output format (default: text; github when GITHUB_ACTIONS=true).", choices=FORMATS),
    Opt(("--output", "-o"), "output", "path", "Write the report here, atomically.", "FILE"),
    Opt(("--fail-level",), "fail_level", "choice",
        "Exit 1 on findings at or above this severity (default: config, else error).",
        choices=("error", "warning", "info")),
    Opt(("--jobs", "-j"), "jobs", "whole",
        "Files linted in parallel (default: the number of CPUs).", "N", note="[x>=1]"),
    Opt(("--config",), "config", "path", "Use this configuration file.", "FILE"),
    Opt(("--no-config",), "no_config", "flag", "Ignore configuration files."),
    Opt(("--baseline",), "baseline", "path", "Report only findings not in this baseline.",
        "FILE"),
    Opt(("--update-baseline",), "update_baseline", "flag",
        "Write every current finding to the --baseline file."),
    Opt(("--select",), "select", "text",
        "Only these rules: ids, id prefixes or names, comma-separated (C,B101).", "RULES",
        repeated=True),
    Opt(("--ignore",), "ignore", "text", "Leave out these rules (comma-separated).", "RULES",
        repeated=True),
    Opt(("--force-exclude",), "force_exclude", "flag",
        "Apply exclude and .gitignore to files named on the command line too (as pre-commit "
        "names them)."),
    Opt(("--no-respect-gitignore",), "no_respect_gitignore", "flag",
        "Search folders without leaving out what .gitignore does."),
    Opt(("--stdin-filename",), "stdin_filename", "text",
        "The name of the charter read from standard input (with PATH '-').", "PATH"),
    Opt(("--exit-zero",), "exit_zero", "flag", "Exit 0 even when there are findings."),
    Opt(("--no-cache",), "no_cache", "flag",
        "Lint every file again: neither use nor keep the results of earlier runs."),
    Opt(("--statistics",), "statistics", "flag",
        "Print how many findings of each rule, not each one."),
    Opt(("--color",), "color", "choice",
        "Colour: auto (a terminal, unless NO_COLOR; FORCE_COLOR forces it), always or never.",
        choices=("auto", "always", "never")),
    Opt(("--quiet", "-q"), "quiet", "count",
        "Findings only, no summary or warnings; -qq: nothing, just the exit code.",
        note="[default: 0]"),
    Opt(("--verbose", "-v"), "verbose", "flag",
        "Say which configuration and project root are used."),
    Opt(("--rules",), "rules", "path",
        "A rule pack (file or folder) laid over the built-in one; repeatable.", "PATH",
        repeated=True),
    Opt(("--debug",), "debug", "flag", "Show a traceback on internal errors."),
    Opt(("-h", "--help"), "help", "flag", "Show this message and exit."),
)  # fmt: skip

TABLE = argtable.Table(OPTIONS, args=ARGS, text=TEXT, arguments=[("PATH <list[str]>", PATHS_HELP)])


def parse(args: list[str]) -> tuple[LintOptions, bool]:
    """``clarity lint``'s options and ``--debug`` from the arguments after ``lint``; raises
    :class:`~clarity.cli.argtable.Help` or :class:`~clarity.cli.argtable.Usage`."""
    values, paths = TABLE.parse(args)
    values.setdefault("quiet", 0)
    debug = bool(values.pop("debug", False))
    values.pop("help", None)
    return LintOptions(paths=paths, **values), debug  # type: ignore[arg-type]


def help_text(prog: str, columns: int) -> str:
    """``clarity lint --help``."""
    return TABLE.help_text(prog, columns)


def run(args: list[str], *, prog: str = "clarity lint", columns: int | None = None) -> int:
    """Run ``clarity lint`` from the arguments after ``lint``: its exit status."""

    def body(opts: LintOptions) -> int:
        from clarity.cli.commands.lint import run as run_lint

        return run_lint(opts)

    return TABLE.run(args, parse, body, prog=prog, columns=columns)
