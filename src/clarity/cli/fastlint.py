"""A fast start for ``clarity lint``: its usual command lines, read without building the app.

``clarity lint`` runs in pre-commit hooks and CI on every commit, where start-up is most of its
time, and building the typer app (typer, click and every command's options) costs more than
linting a charter. :func:`parse` reads the command lines that are plainly valid, exactly as the
app would read them, into the same ``LintOptions``; anything else (``--help``, an option it does
not know, a value it is not sure of, an error of any kind) returns None and the app reads the
line, so help and every error message stay the app's own. A test holds the option table below
to the app's options.
"""

from __future__ import annotations

import os
from pathlib import Path

from clarity.cli.commands.lint import LintOptions

FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")
#: Options that take a value: the LintOptions field, the allowed values (None: any), and
#: whether the option may be repeated (values collected) or the last one wins.
VALUED: dict[str, tuple[str, tuple[str, ...] | None, bool]] = {
    "--format": ("format", FORMATS, False),
    "-f": ("format", FORMATS, False),
    "--color": ("color", ("auto", "always", "never"), False),
    "--stdin-filename": ("stdin_filename", None, False),
    "--output": ("output", None, False),
    "-o": ("output", None, False),
    "--fail-level": ("fail_level", ("error", "warning", "info"), False),
    "--jobs": ("jobs", None, False),
    "-j": ("jobs", None, False),
    "--config": ("config", None, False),
    "--baseline": ("baseline", None, False),
    "--select": ("select", None, True),
    "--ignore": ("ignore", None, True),
    "--rules": ("rules", None, True),
}
#: Options that are flags: the LintOptions field they set (``debug`` is the command's own).
FLAGS: dict[str, str] = {
    "--no-config": "no_config",
    "--update-baseline": "update_baseline",
    "--force-exclude": "force_exclude",
    "--no-respect-gitignore": "no_respect_gitignore",
    "--exit-zero": "exit_zero",
    "--statistics": "statistics",
    "--verbose": "verbose",
    "-v": "verbose",
    "--debug": "debug",
}
#: Options that count: how much each adds.
COUNTED: dict[str, int] = {"--quiet": 1, "-q": 1, "-qq": 2}
_PATHS = frozenset({"output", "config", "baseline", "rules"})


def parse(args: list[str]) -> tuple[LintOptions, bool] | None:
    """``clarity lint`` options and ``--debug`` from the arguments after ``lint``, or None
    when the app must read them."""
    if os.name == "nt" or "_CLARITY_COMPLETE" in os.environ:
        return None  # the app expands wildcards on Windows, and answers shell completion
    values: dict[str, object] = {}
    lists: dict[str, list[str]] = {"select": [], "ignore": [], "rules": []}
    paths: list[str] = []
    flags = dict.fromkeys(FLAGS.values(), False)
    i = 0
    quiet = 0
    only_paths = False
    while i < len(args):
        arg = args[i]
        i += 1
        if only_paths or arg == "-" or not arg.startswith("-"):
            paths.append(arg)
            continue
        if arg == "--":
            only_paths = True
            continue
        if arg in COUNTED:
            quiet += COUNTED[arg]
            continue
        name, equals, attached = arg.partition("=")
        if name in FLAGS and not equals:
            flags[FLAGS[name]] = True
            continue
        spec = VALUED.get(name)
        if spec is None or (equals and not name.startswith("--")):
            return None  # unknown, or a form the app reads its own way
        if equals:
            value = attached
        elif i < len(args):
            value = args[i]
            i += 1
        else:
            return None  # a missing value: the app says so
        field, choices, repeated = spec
        if not value or (choices is not None and value not in choices):
            return None
        if repeated:
            lists[field].append(value)
        elif field == "jobs":
            if not (value.isascii() and value.isdigit()) or int(value) < 1:
                return None
            values[field] = int(value)
        else:
            values[field] = Path(value) if field in _PATHS else value
    opts = LintOptions(
        paths=paths,
        format=values.get("format"),  # type: ignore[arg-type]
        output=values.get("output"),  # type: ignore[arg-type]
        fail_level=values.get("fail_level"),  # type: ignore[arg-type]
        jobs=values.get("jobs"),  # type: ignore[arg-type]
        config=values.get("config"),  # type: ignore[arg-type]
        no_config=flags["no_config"],
        baseline=values.get("baseline"),  # type: ignore[arg-type]
        update_baseline=flags["update_baseline"],
        select=lists["select"],
        ignore=lists["ignore"],
        rules=[Path(p) for p in lists["rules"]],
        force_exclude=flags["force_exclude"],
        no_respect_gitignore=flags["no_respect_gitignore"],
        color=values.get("color"),  # type: ignore[arg-type]
        quiet=quiet,
        verbose=flags["verbose"],
        exit_zero=flags["exit_zero"],
        statistics=flags["statistics"],
        stdin_filename=values.get("stdin_filename"),  # type: ignore[arg-type]
    )
    return opts, flags["debug"]


def run(args: list[str]) -> int | None:
    """Run ``clarity lint`` from its arguments, or None when the app must read them."""
    parsed = parse(args)
    if parsed is None:
        return None
    opts, debug = parsed
    from clarity.cli.commands.lint import run as run_lint
    from clarity.cli.guard import guarded

    return guarded(lambda: run_lint(opts), debug=debug)
