"""The JSON report: versioned, and safe to print."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from clarity.core.text import HIDDEN

# DEL and the C1 controls, line separators, bidi marks, invisible characters and lone
# surrogates (from file names or arguments that are not UTF-8): json leaves them raw with
# ensure_ascii=False.
_UNSAFE = re.compile("[\u007f-\u009f" + HIDDEN + "\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # a JSON escape of a character past U+FFFF is a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def dumps(data: Any) -> str:
    """JSON with every control, line-separator, bidi and invisible character as an escape."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _UNSAFE.sub(_escape, text) + "\n"


def line(data: Any) -> str:
    """One compact JSON line (JSON Lines), escaped like :func:`dumps`."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _UNSAFE.sub(_escape, text) + "\n"


class Stream:
    """A JSON array whose items come from an iterable, drawn one at a time by ``chunks``."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items

    def __iter__(self) -> Iterator[Any]:
        return iter(self.items)


def _streams(value: Any) -> bool:
    if isinstance(value, Stream):
        return True
    if isinstance(value, dict):
        return any(_streams(v) for v in value.values())
    if isinstance(value, list):
        return any(_streams(v) for v in value)
    return False


def _one(value: Any, level: int) -> str:
    text = json.dumps(value, indent=2, ensure_ascii=False)
    if level and "\n" in text:  # a string holds "\\n", never a raw line break: safe to indent
        text = text.replace("\n", "\n" + "  " * level)
    return _UNSAFE.sub(_escape, text)


def _pieces(value: Any, level: int) -> Iterator[str]:
    pad = "  " * level
    if isinstance(value, dict) and _streams(value):
        opening = "{"
        for key, item in value.items():
            yield f"{opening}\n{pad}  {_one(str(key), 0)}: "
            yield from _pieces(item, level + 1)
            opening = ","
        yield "{}" if opening == "{" else f"\n{pad}}}"
    elif isinstance(value, (list, Stream)) and (isinstance(value, Stream) or _streams(value)):
        opening = "["
        for item in value:
            yield f"{opening}\n{pad}  "
            yield from _pieces(item, level + 1)
            opening = ","
        yield "[]" if opening == "[" else f"\n{pad}]"
    else:
        yield _one(value, level)


def chunks(data: Any) -> Iterator[str]:
    """The same text as ``dumps(data)``, with every ``Stream`` in it drawn item by item: a
    report of thousands of findings is written as it is drawn, never held whole."""
    yield from _pieces(data, 0)
    yield "\n"
