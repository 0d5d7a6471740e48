"""TOML loading with positions, so that configuration errors can name file:line:col.

``tomllib`` (``tomli`` before Python 3.11) parses; it keeps no positions, so a small scanner
walks the already-validated text once more and records where each key and value starts.
The result is the same :class:`~clarity.core.reading.yamlsafe.Document` the YAML loader returns, so
``clarity.core.reading.validation`` locates errors in TOML exactly as it does in YAML.
"""

from __future__ import annotations

import bisect
import contextlib
import importlib
import json
import re
import sys
from typing import Any

from clarity.core.errors import ClarityError, Location
from clarity.core.limits import DEFAULT_LIMITS, Limits
from clarity.core.reading.bounds import _escaped, check_nesting, check_size, check_texts, too_long
from clarity.core.reading.yamlsafe import Document, PathKey, Pos

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_NUMBER = re.compile(r"[0-9_]+")
_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def _toml() -> Any:
    # tomllib is in the standard library from 3.11; tomli is the same parser for 3.10.
    return importlib.import_module("tomllib" if sys.version_info >= (3, 11) else "tomli")


def load_toml(
    text: str, source: str, table: tuple[str, ...] = (), limits: Limits = DEFAULT_LIMITS
) -> Document | None:
    """Parse TOML and return the table at ``table`` with positions, or None if it is absent.

    The nesting is bounded on the text before the (recursive) parser runs; a number too long
    to convert and a text longer than the limit are refused with their line and column.
    """
    check_size(text, source, limits)
    check_nesting(text, source, limits.max_depth, "toml")
    toml = _toml()
    try:
        data = toml.loads(text)
    except RecursionError:  # pragma: no cover - the nesting is bounded well below this
        raise ClarityError(
            "nesting too deep to read", location=Location(source), hint="flatten the document"
        ) from None
    except ValueError as exc:
        if not isinstance(exc, toml.TOMLDecodeError):  # an integer of thousands of digits
            found = next((m for m in _NUMBER.finditer(text) if len(m.group()) > 4000), None)
            where = _offset_location(text, source, found.start()) if found else Location(source)
            raise ClarityError(
                "not valid TOML: a number too long to read",
                location=where,
                hint="write it as text, in quotes",
            ) from None
        message = str(exc)
        found = _AT.search(message)
        reason = _AT.sub("", message).strip() or "not valid TOML"
        if found:
            where = Location(source, int(found.group(1)), int(found.group(2)))
        else:
            lines = text.splitlines() or [""]
            where = Location(source, len(lines), len(lines[-1]) + 1)
        raise ClarityError(f"not valid TOML: {reason.rstrip('.')}", location=where) from None
    for part in table:
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    long_text = too_long(data, limits.max_text_chars)
    positions, key_positions = _Scanner(text).run()
    doc = Document(data=data, source=source)
    width = len(table)
    for path, pos in positions.items():
        if path[:width] == table:
            doc.positions[path[width:]] = pos
    for path, pos in key_positions.items():
        if path[:width] == table and len(path) > width:
            doc.key_positions[path[width:]] = pos
    if () not in doc.positions:
        inner = sorted(doc.key_positions.values())
        doc.positions[()] = inner[0] if inner else (1, 1)
    if long_text is not None:
        check_texts(doc, limits)
    return doc


def _offset_location(text: str, source: str, offset: int) -> Location:
    line = text.count("\n", 0, offset) + 1
    return Location(source, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


class _Scanner:
    """Where each key and value of a valid TOML text starts (1-based line and column)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self.positions: dict[PathKey, Pos] = {}
        self.key_positions: dict[PathKey, Pos] = {}
        self.aot: dict[PathKey, int] = {}

    def pos(self, offset: int) -> Pos:
        line = bisect.bisect_right(self.starts, offset) - 1
        return (line + 1, offset - self.starts[line] + 1)

    def run(self) -> tuple[dict[PathKey, Pos], dict[PathKey, Pos]]:
        # positions help; never fail on them
        with contextlib.suppress(IndexError, ValueError, RecursionError):
            self._statements()
        return self.positions, self.key_positions

    # -- statements -----------------------------------------------------------------------

    def _statements(self) -> None:
        text, i = self.text, 0
        table: PathKey = ()
        while True:
            i = self._blank(i, newlines=True)
            if i >= self.n:
                return
            if text[i] == "[":
                table, i = self._header(i)
            else:
                i = self._key_value(i, table)

    def _header(self, i: int) -> tuple[PathKey, int]:
        start = i
        array = self.text.startswith("[[", i)
        parts, i = self._key(i + (2 if array else 1))
        i = self.text.index("]", i) + (2 if array else 1)
        resolved: list[str | int] = []
        for k, (name, _) in enumerate(parts):
            resolved.append(name)
            index = self.aot.get(tuple(resolved))
            if index is not None and not (array and k == len(parts) - 1):
                resolved.append(index)
        last = self.pos(parts[-1][1])
        if array:
            owner = tuple(resolved)
            self.key_positions.setdefault(owner, last)
            self.positions.setdefault(owner, self.pos(start))
            index = self.aot.get(owner, -1) + 1
            self.aot[owner] = index
            resolved.append(index)
            self.positions[tuple(resolved)] = self.pos(start)
        else:
            self.key_positions.setdefault(tuple(resolved), last)
            self.positions.setdefault(tuple(resolved), self.pos(start))
        return tuple(resolved), i

    def _key_value(self, i: int, table: PathKey) -> int:
        parts, i = self._key(i)
        i = self._blank(i)
        if self.text[i] != "=":
            raise ValueError("no '='")
        path = table
        for name, offset in parts:
            path = (*path, name)
            self.key_positions.setdefault(path, self.pos(offset))
        return self._value(self._blank(i + 1), path)

    # -- pieces ---------------------------------------------------------------------------

    def _blank(self, i: int, *, newlines: bool = False) -> int:
        text = self.text
        while i < self.n:
            ch = text[i]
            if ch in " \t" or (newlines and ch in "\r\n"):
                i += 1
            elif ch == "#" and newlines:
                end = text.find("\n", i)
                i = self.n if end == -1 else end
            else:
                break
        return i

    def _key(self, i: int) -> tuple[list[tuple[str, int]], int]:
        parts: list[tuple[str, int]] = []
        text = self.text
        while True:
            i = self._blank(i)
            start = i
            if text[i] in "\"'":
                end = self._string_end(i)
                raw = text[i:end]
                if raw.startswith('"'):
                    try:
                        name = str(json.loads(raw))
                    except ValueError:
                        name = raw[1:-1]
                else:
                    name = raw[1:-1]
                i = end
            else:
                match = _BARE.match(text, i)
                if match is None:
                    raise ValueError("not a key")
                name, i = match.group(), match.end()
            parts.append((name, start))
            i = self._blank(i)
            if i < self.n and text[i] == ".":
                i += 1
                continue
            return parts, i

    def _string_end(self, i: int) -> int:
        text = self.text
        for quote in ('"""', "'''"):
            if text.startswith(quote, i):
                j = i + 3
                while True:
                    j = text.index(quote, j)
                    if quote == '"""' and _escaped(text, j):
                        j += 1
                        continue
                    while text.startswith(quote[0], j + 3):  # up to two quotes may end it
                        j += 1
                    return j + 3
        quote = text[i]
        j = i + 1
        while text[j] != quote or (quote == '"' and _escaped(text, j)):
            j += 1
        return j + 1

    def _value(self, i: int, path: PathKey) -> int:
        text = self.text
        self.positions[path] = self.pos(i)
        ch = text[i]
        if ch in "\"'":
            return self._string_end(i)
        if ch == "[":
            i, index = i + 1, 0
            while True:
                i = self._blank(i, newlines=True)
                if text[i] == "]":
                    return i + 1
                i = self._blank(self._value(i, (*path, index)), newlines=True)
                index += 1
                if text[i] == ",":
                    i += 1
        if ch == "{":
            i += 1
            while True:
                i = self._blank(i)
                if text[i] == "}":
                    return i + 1
                parts, i = self._key(i)
                inner = path
                for name, offset in parts:
                    inner = (*inner, name)
                    self.key_positions.setdefault(inner, self.pos(offset))
                i = self._blank(self._value(self._blank(self._blank(i) + 1), inner))
                if text[i] == ",":
                    i += 1
        while i < self.n and text[i] not in ",]}\r\n#":
            i += 1
        return i
