"""Help and usage text laid out as the typer app lays out every other command's, without
importing it: a usage line, paragraphs, and two-column sections wrapped to the terminal.

Used by the commands that read their own arguments (``clarity lint`` and ``clarity check``: see
cli/argtable.py), so their ``--help`` and their usage errors look like the other commands'. The widths and the wrapping are
click's: at most 80 columns, less two, never below 50; the first column at most 30 wide.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Sequence


def width() -> int:
    """The width help is wrapped to on this terminal."""
    return max(min(shutil.get_terminal_size().columns, 80) - 2, 50)


class _Wrapper(textwrap.TextWrapper):
    """A word longer than the line is cut where the line ends (not at a hyphen)."""

    def _handle_long_word(
        self, reversed_chunks: list[str], cur_line: list[str], cur_len: int, width: int
    ) -> None:
        space_left = max(width - cur_len, 1)
        last = reversed_chunks[-1]
        cur_line.append(last[:space_left])
        reversed_chunks[-1] = last[space_left:]


def wrap(text: str, columns: int, first: str = "", rest: str = "") -> str:
    """One paragraph wrapped to ``columns``, the first line led by ``first``, others by
    ``rest``."""
    wrapper = _Wrapper(
        columns, initial_indent=first, subsequent_indent=rest, replace_whitespace=False
    )
    return wrapper.fill(text.expandtabs())


def _paragraphs(text: str, columns: int, indent: str = "") -> str:
    found = [" ".join(p.split("\n")) for p in text.split("\n\n") if p.strip()]
    return "\n\n".join(wrap(p, columns, indent, indent) for p in found)


def usage(prog: str, args: str, columns: int) -> str:
    """``Usage: PROG ARGS``, wrapped."""
    prefix = f"Usage: {prog} "
    if columns >= len(prefix) + 20:
        return wrap(args, columns, prefix, " " * len(prefix)) + "\n"
    indent = " " * (len("Usage: ") + 4)
    return f"{prefix}\n{wrap(args, columns, indent, indent)}\n"


def section(title: str, rows: Sequence[tuple[str, str]], columns: int) -> str:
    """A heading and its two-column rows (``name``, ``help``), indented by two."""
    indent = 2
    first_col = min(max(len(name) for name, _ in rows), 30) + 2
    out = [f"{title}:\n"]
    for name, text in rows:
        out.append(" " * indent + name)
        if not text:
            out.append("\n")
            continue
        if len(name) <= first_col - 2:
            out.append(" " * (first_col - len(name)))
        else:
            out.append("\n" + " " * (first_col + indent))
        lines = _paragraphs(text, max(columns - first_col - 2, 10)).splitlines()
        out.append(f"{lines[0]}\n")
        out.extend(f"{'':>{first_col + indent}}{line}\n" for line in lines[1:])
    return "".join(out)


def page(
    prog: str,
    args: str,
    text: str,
    sections: Sequence[tuple[str, Sequence[tuple[str, str]]]],
    columns: int,
) -> str:
    """A command's whole ``--help``: usage, its text, then each section."""
    parts = [usage(prog, args, columns), "\n", _paragraphs(text, columns, "  "), "\n"]
    for title, rows in sections:
        parts += ["\n", section(title, rows, columns)]
    return "".join(parts).rstrip("\n") + "\n"


def usage_error(
    prog: str, args: str, message: str, columns: int, *, show_usage: bool = True
) -> str:
    """A usage error as the app prints it: the usage line and a hint, then ``Error: ...``."""
    if not show_usage:
        return f"Error: {message}\n"
    head = usage(prog, args, columns).rstrip("\n")
    return f"{head}\nTry '{prog} -h' for help.\n\nError: {message}\n"


_PLAIN = {
    "a valid integer": "a whole number",
    "a valid number": "a number",
    "a valid boolean": "yes or no",
    "greater than or equal to": "at least",
    "less than or equal to": "at most",
}


def plain_usage(message: str) -> str:
    """A bad option value's message without the validation library's wording: "Value error,
    'x' is not one of 'a', 'b'." and "Input should be a valid number, unable to parse ..."."""
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    found = re.fullmatch(r"(.+?) is not one of (.+?)\.?", message)
    if found:
        choices = [c.strip().strip("'") for c in found.group(2).split(",")]
        listed = ", ".join(choices[:-1]) + f" or {choices[-1]}" if len(choices) > 1 else choices[0]
        return f"{found.group(1)} is not one of the choices; use {listed}"
    if message.startswith("Input should be "):
        wanted = message[len("Input should be ") :].split(",")[0].rstrip(".")
        for theirs, ours in _PLAIN.items():
            wanted = wanted.replace(theirs, ours)
        return f"must be {wanted}"
    return message
