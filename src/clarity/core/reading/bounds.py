"""The limits, applied to text before a recursive parser sees it and to the data it returns.

The YAML loader checks the limits as it reads. JSON (``json``) and TOML (``tomllib``) are read
by recursive parsers, so their nesting is measured first, on the text, by a scanner that only
counts brackets outside strings and comments: a document nested tens of thousands deep is
refused at the bracket that goes too deep, before any parser recurses into it. What they
return is then walked (without recursion) for texts that are too long.
"""

from __future__ import annotations

from typing import Any, Literal

from clarity.core.errors import ClarityError, Location
from clarity.core.limits import Limits, input_too_large, raise_hint, text_too_long
from clarity.core.reading.yamlsafe import Document, PathKey

Syntax = Literal["json", "toml"]


def _where(text: str, source: str, offset: int) -> Location:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Location(source, line, column)


def _string_end(text: str, i: int, syntax: Syntax) -> int:
    """The index just past the string that starts at ``i`` (or the end of the text)."""
    n = len(text)
    quote = text[i]
    if syntax == "toml" and text.startswith(quote * 3, i):
        end = text.find(quote * 3, i + 3)
        while end != -1 and quote == '"' and _escaped(text, end):
            end = text.find(quote * 3, end + 1)
        return n if end == -1 else end + 3
    j = i + 1
    while j < n:
        ch = text[j]
        if ch == "\\" and quote == '"':
            j += 2
            continue
        if ch == quote or (syntax == "toml" and ch == "\n"):
            return j + 1
        j += 1
    return n


def _escaped(text: str, j: int) -> bool:
    """Whether the character at ``j`` is escaped by an odd run of backslashes."""
    count = 0
    while j - count - 1 >= 0 and text[j - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def check_nesting(text: str, source: str, max_depth: int, syntax: Syntax) -> None:
    """Refuse JSON or TOML text whose brackets nest deeper than ``max_depth``, at that bracket.

    Linear in the text; strings (and TOML comments) are skipped, so brackets in them do not
    count. A TOML table header (``[a.b]``, ``[[a]]``) is one level, like the table it opens.
    """
    quotes = "\"'" if syntax == "toml" else '"'
    depth = 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in quotes:
            i = _string_end(text, i, syntax)
            continue
        if syntax == "toml" and ch == "#":
            end = text.find("\n", i)
            i = n if end == -1 else end
            continue
        if ch in "[{":
            depth += 1
            if depth > max_depth:
                raise ClarityError(
                    f"nesting deeper than {max_depth} levels",
                    location=_where(text, source, i),
                    hint="flatten the document, or " + raise_hint("max_depth"),
                )
        elif ch in "]}":
            depth = max(0, depth - 1)
        i += 1


def too_long(data: Any, max_chars: int) -> PathKey | None:
    """The path of the first text (value or key) longer than ``max_chars``, if any."""
    stack: list[tuple[PathKey, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if len(value) > max_chars:
                return path
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and len(key) > max_chars:
                    return (*path, key)
                stack.append(((*path, key), item))
        elif isinstance(value, list):
            stack.extend(((*path, i), item) for i, item in enumerate(value))
    return None


def check_texts(doc: Document, limits: Limits) -> None:
    """Refuse a document holding a text longer than the limit, naming where it is."""
    path = too_long(doc.data, limits.max_text_chars)
    if path is not None:
        raise text_too_long(limits, doc.where(path))


def check_size(text: str, source: str, limits: Limits) -> None:
    """Refuse text larger than the file-size limit (for text that did not come from a file)."""
    if len(text) > limits.max_file_bytes:
        raise input_too_large(limits, Location(source))


def check_delegations(count: int, where: Location, limits: Limits) -> None:
    """Refuse a charter of more delegations than the limit, naming the first one too many
    (before any of them is judged: a run's memory follows what it reports)."""
    if count > limits.max_delegations:
        raise ClarityError(
            f"more than {limits.max_delegations} delegations in one file",
            location=where,
            hint="split the file, or " + raise_hint("max_delegations"),
        )
