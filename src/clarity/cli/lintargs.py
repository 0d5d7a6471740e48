"""``clarity lint``'s command line: its one option table, and the one parser that reads it.

``clarity lint`` runs in pre-commit hooks and CI on every commit, where start-up is most of its
time: the typer app (typer, click, and the pydantic type adapters typer builds to check option
values) would cost more than linting a charter. So lint reads its own arguments, here, from
both places it is started: the console script hands ``clarity lint ...`` straight to
:func:`run`, and the app's ``lint`` command (cli/app_lint.py) hands over the arguments after
``lint`` unread. The reading follows the app's rules (click's): options and paths in any order,
``--`` ends the options, ``--opt=value``, ``-fjson``, ``-qq``; a value-taking option takes the
next argument whatever it is; the last of a repeated option wins unless it is repeatable;
``-h``/``--help`` wins over any bad value; values are checked in the order given. Help and
usage errors are worded and laid out as the app's are for every other command (exit 2).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import NamedTuple

from clarity.cli import helptext
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


class Opt(NamedTuple):
    """One option: its names (as the errors quote them), the LintOptions field it sets, what
    it takes (``flag``, ``count``, ``text``, ``path``, ``whole``: a whole number of at least
    1, or ``choice``), whether it may be repeated (values collected), its help, the value's
    name in the help, and a note the help adds."""

    names: tuple[str, ...]
    field: str
    kind: str
    help: str
    metavar: str = ""
    choices: tuple[str, ...] = ()
    repeated: bool = False
    note: str = ""


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

_BY_NAME = {name: opt for opt in OPTIONS for name in opt.names}
#: The long names, for "Possible options" (a name of one letter after one dash is short).
_LONG = [name for name in _BY_NAME if name.startswith("--") or len(name) > 2]


class Usage(Exception):
    """A command line lint cannot read: the message, and whether the usage line goes first."""

    def __init__(self, message: str, *, show_usage: bool = True) -> None:
        super().__init__(message)
        self.show_usage = show_usage


class Help(Exception):
    """``-h`` or ``--help`` was given."""


def _visible(text: str) -> str:
    return re.sub(r"[\x00-\x1f\x7f-\x9f]", lambda m: f"\\x{ord(m[0]):02x}", text)


def _no_such(name: str, possible: list[str] | None = None) -> Usage:
    message = f"No such option: {_visible(name)}"
    if possible:
        message += f" (Possible options: {', '.join(sorted(possible))})"
    return Usage(message)


def _read(args: list[str]) -> tuple[list[tuple[Opt, str | None]], list[str]]:
    """The options given (each with its value, None for a flag) and the paths, in order."""
    given: list[tuple[Opt, str | None]] = []
    paths: list[str] = []
    rest = list(args)

    def take(name: str, opt: Opt) -> None:
        if opt.kind in ("flag", "count"):
            given.append((opt, None))
            return
        if not rest:
            raise Usage(f"Option {name!r} requires an argument.", show_usage=False)
        given.append((opt, rest.pop(0)))

    while rest:
        arg = rest.pop(0)
        if arg == "--":
            break
        if not arg.startswith("-") or arg == "-":
            paths.append(arg)
            continue
        name, equals, attached = arg.partition("=")
        opt = _BY_NAME.get(name)
        if opt is not None and name in _LONG:
            if equals:
                if opt.kind in ("flag", "count"):
                    raise Usage(f"Option {name!r} does not take a value.", show_usage=False)
                rest.insert(0, attached)
            take(name, opt)
            continue
        if arg.startswith("--"):
            from difflib import get_close_matches

            raise _no_such(name, get_close_matches(name, _LONG))
        for i, letter in enumerate(arg[1:], start=2):  # -qq, -vfjson
            short = _BY_NAME.get("-" + letter) if letter != "-" else None
            if short is None:
                raise _no_such("-" + letter)
            if short.kind not in ("flag", "count") and i < len(arg):
                rest.insert(0, arg[i:])
                take("-" + letter, short)
                break
            take("-" + letter, short)
    return given, paths + rest


#: Whitespace as the value checks strip it (Unicode's, not Python's: not \x1c to \x1f).
_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"  # fmt: skip
_WHOLE = re.compile(r"([+-]?[0-9](?:_?[0-9])*)(?:\.0+)?", re.ASCII)


def whole(value: str) -> int | None:
    """A whole number as the app's option checks read it (surrounding spaces, a sign,
    underscores between digits and a zero fraction allowed), or None."""
    found = _WHOLE.fullmatch(value.strip(_SPACE))
    return int(found.group(1)) if found else None


def _checked(opt: Opt, value: str) -> object:
    if opt.kind == "choice":
        if value in opt.choices:
            return value
        listed = ", ".join(map(repr, opt.choices))
        raise Usage(
            _bad(opt, helptext.plain_usage(f"Value error, {value!r} is not one of {listed}."))
        )
    if opt.kind == "whole":
        number = whole(value)
        if number is None:
            raise Usage(_bad(opt, "must be a whole number"))
        if number < 1:
            raise Usage(_bad(opt, "must be at least 1"))
        return number
    return Path(value) if opt.kind == "path" else value


def _bad(opt: Opt, message: str) -> str:
    names = " / ".join(repr(name) for name in opt.names)
    return f"Invalid value for {names}: {_visible(message)}"


def parse(args: list[str]) -> tuple[LintOptions, bool]:
    """``clarity lint``'s options and ``--debug`` from the arguments after ``lint``; raises
    :class:`Help` or :class:`Usage`."""
    given, paths = _read(args)
    if any(opt.field == "help" for opt, _ in given):
        raise Help
    values: dict[str, object] = {"quiet": 0}
    for opt, _ in given:  # every value checked in the order the options were first given
        last = [value for o, value in given if o is opt]
        if opt.kind == "count":
            values[opt.field] = len(last)
        elif opt.kind == "flag":
            values[opt.field] = True
        elif opt.repeated:
            values[opt.field] = [_checked(opt, v) for v in last if v is not None]
        elif opt.field not in values:
            assert last[-1] is not None
            values[opt.field] = _checked(opt, last[-1])
    debug = bool(values.pop("debug", False))
    return LintOptions(paths=paths, **values), debug  # type: ignore[arg-type]


def _column(opt: Opt) -> str:
    names = ", ".join(sorted(opt.names, key=lambda n: len(n) - len(n.lstrip("-"))))
    if opt.choices:
        return f"{names} <{'|'.join(opt.choices)}>"
    return f"{names} {opt.metavar}" if opt.metavar else names


def help_text(prog: str, columns: int) -> str:
    """``clarity lint --help``."""
    options = [(_column(o), f"{o.help}  {o.note}" if o.note else o.help) for o in OPTIONS]
    sections = [("Arguments", [("PATH <list[str]>", PATHS_HELP)]), ("Options", options)]
    return helptext.page(prog, ARGS, TEXT, sections, columns)


def run(args: list[str], *, prog: str = "clarity lint", columns: int | None = None) -> int:
    """Run ``clarity lint`` from the arguments after ``lint``: its exit status."""
    width = helptext.width() if columns is None else columns
    try:
        opts, debug = parse(args)
    except Help:
        sys.stdout.write(help_text(prog, width))
        return 0
    except Usage as exc:
        sys.stderr.write(
            helptext.usage_error(prog, ARGS, str(exc), width, show_usage=exc.show_usage)
        )
        return 2
    from clarity.cli.commands.lint import run as run_lint
    from clarity.cli.guard import guarded

    return guarded(lambda: run_lint(opts), debug=debug)
