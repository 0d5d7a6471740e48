"""The one reader of a command line for the commands that read their own (``lint``: see
cli/lintargs.py; ``check``: cli/checkargs.py): an option table, and the reading, checking, help
and usage errors every such command shares.

``lint`` runs in pre-commit hooks and CI on every commit and ``check --answers`` in scripts,
where start-up is most of their time: the typer app (typer, click, and the pydantic type adapters
typer builds to check option values) would cost more than the command's work. So each reads its
own arguments with a :class:`Table`, from both places it is started: the console script hands
``clarity lint ...`` straight to the command's ``run``, and the app's command (cli/app.py,
:func:`~clarity.cli.app.own_parser`) hands over the arguments after the command's name unread.
The reading follows the app's rules (click's): options and arguments in any order, ``--`` ends
the options, ``--opt=value``, ``-fjson``, ``-qq``; a value-taking option takes the next argument
whatever it is; the last of a repeated option wins unless it is repeatable; ``-h``/``--help``
wins over any bad value; values are checked in the order given. Help and usage errors are worded
and laid out as the app's are for every other command (exit 2).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple, TypeVar

from clarity.cli import helptext

T = TypeVar("T")


class Opt(NamedTuple):
    """One option: its names (as the errors quote them), the field it sets, what it takes
    (``flag``, ``count``, ``text``, ``path``, ``whole``: a whole number of at least 1, or
    ``choice``), its help, the value's name in the help, the choices, whether it may be repeated
    (values collected), a note the help adds, and the names that turn a flag off
    (``--no-save``)."""

    names: tuple[str, ...]
    field: str
    kind: str
    help: str
    metavar: str = ""
    choices: tuple[str, ...] = ()
    repeated: bool = False
    note: str = ""
    off: tuple[str, ...] = ()


#: The kinds of option that take no value.
_BARE = ("flag", "count")


class Usage(Exception):
    """A command line the command cannot read: the message, and whether the usage line goes
    first."""

    def __init__(self, message: str, *, show_usage: bool = True) -> None:
        super().__init__(message)
        self.show_usage = show_usage


class Help(Exception):
    """``-h`` or ``--help`` was given."""


def visible(text: str) -> str:
    """Control characters as ``\\xNN``, as the app's errors show them."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f]", lambda m: f"\\x{ord(m[0]):02x}", text)


def _no_such(name: str, possible: list[str] | None = None) -> Usage:
    message = f"No such option: {visible(name)}"
    if possible:
        message += f" (Possible options: {', '.join(sorted(possible))})"
    return Usage(message)


#: Whitespace as the value checks strip it (Unicode's, not Python's: not \x1c to \x1f).
_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"  # fmt: skip
_WHOLE = re.compile(r"([+-]?[0-9](?:_?[0-9])*)(?:\.0+)?", re.ASCII)


def whole(value: str) -> int | None:
    """A whole number as the app's option checks read it (surrounding spaces, a sign,
    underscores between digits and a zero fraction allowed), or None."""
    found = _WHOLE.fullmatch(value.strip(_SPACE))
    return int(found.group(1)) if found else None


def _bad(opt: Opt, message: str) -> str:
    names = " / ".join(repr(name) for name in opt.names)
    return f"Invalid value for {names}: {visible(message)}"


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


class Table:
    """A command's options, the arguments its usage line names (``args``), its help text and
    the rows of its Arguments section."""

    def __init__(
        self,
        options: Sequence[Opt],
        *,
        args: str,
        text: str,
        arguments: Sequence[tuple[str, str]],
    ) -> None:
        self.options = tuple(options)
        self.args = args
        self.text = text
        self.arguments = tuple(arguments)
        self._by_name = {name: o for o in self.options for name in (*o.names, *o.off)}
        #: The long names, for "Possible options" (a name of one letter after one dash is
        #: short).
        self._long = [name for name in self._by_name if name.startswith("--") or len(name) > 2]

    def read(self, args: list[str]) -> tuple[list[tuple[Opt, str]], list[str]]:
        """The options given, each with its value (for a flag: the name it was given by),
        and the other arguments, in order."""
        given: list[tuple[Opt, str]] = []
        positional: list[str] = []
        rest = list(args)

        def take(name: str, opt: Opt) -> None:
            if opt.kind in _BARE:
                given.append((opt, name))
                return
            if not rest:
                raise Usage(f"Option {name!r} requires an argument.", show_usage=False)
            given.append((opt, rest.pop(0)))

        while rest:
            arg = rest.pop(0)
            if arg == "--":
                break
            if not arg.startswith("-") or arg == "-":
                positional.append(arg)
                continue
            name, equals, attached = arg.partition("=")
            opt = self._by_name.get(name)
            if opt is not None and name in self._long:
                if equals:
                    if opt.kind in _BARE:
                        raise Usage(f"Option {name!r} does not take a value.", show_usage=False)
                    rest.insert(0, attached)
                take(name, opt)
                continue
            if arg.startswith("--"):
                from difflib import get_close_matches

                raise _no_such(name, get_close_matches(name, self._long))
            for i, letter in enumerate(arg[1:], start=2):  # -qq, -vfjson
                short = self._by_name.get("-" + letter) if letter != "-" else None
                if short is None:
                    raise _no_such("-" + letter)
                if short.kind not in _BARE and i < len(arg):
                    rest.insert(0, arg[i:])
                    take("-" + letter, short)
                    break
                take("-" + letter, short)
        return given, positional + rest

    def parse(self, args: list[str]) -> tuple[dict[str, object], list[str]]:
        """The value of each option given, by field (checked in the order the options were
        first given), and the other arguments; raises :class:`Help` or :class:`Usage`."""
        given, positional = self.read(args)
        if any(opt.field == "help" for opt, _ in given):
            raise Help
        values: dict[str, object] = {}
        for opt, _ in given:
            last = [value for o, value in given if o is opt]
            if opt.kind == "count":
                values[opt.field] = len(last)
            elif opt.kind == "flag":
                values[opt.field] = last[-1] not in opt.off
            elif opt.repeated:
                values[opt.field] = [_checked(opt, v) for v in last]
            elif opt.field not in values:
                values[opt.field] = _checked(opt, last[-1])
        return values, positional

    def help_text(self, prog: str, columns: int) -> str:
        """The command's ``--help``."""
        options = [(_column(o), f"{o.help}  {o.note}" if o.note else o.help) for o in self.options]
        sections = [("Arguments", self.arguments), ("Options", options)]
        return helptext.page(prog, self.args, self.text, sections, columns)

    def run(
        self,
        args: list[str],
        parse: Callable[[list[str]], tuple[T, bool]],
        body: Callable[[T], int],
        *,
        prog: str,
        columns: int | None = None,
    ) -> int:
        """Read the command line with ``parse`` (which gives the command's options and
        ``--debug``), then run ``body`` on the options in the guard; or show the help, or the
        usage error: the exit status."""
        width = helptext.width() if columns is None else columns
        try:
            opts, debug = parse(args)
        except Help:
            sys.stdout.write(self.help_text(prog, width))
            return 0
        except Usage as exc:
            sys.stderr.write(
                helptext.usage_error(prog, self.args, str(exc), width, show_usage=exc.show_usage)
            )
            return 2
        from clarity.cli.guard import guarded

        return guarded(lambda: body(opts), debug=debug)


def _column(opt: Opt) -> str:
    names = ", ".join(sorted(opt.names, key=lambda n: len(n) - len(n.lstrip("-"))))
    if opt.off:
        return " / ".join((names, *opt.off))
    if opt.choices:
        return f"{names} <{'|'.join(opt.choices)}>"
    return f"{names} {opt.metavar}" if opt.metavar else names


def extra(positional: list[str]) -> Usage:
    """The error for arguments beyond those the command takes."""
    return Usage(f"Got unexpected extra argument(s) ({visible(' '.join(positional))})")
