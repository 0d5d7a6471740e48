"""The JSON report: versioned, and safe to print."""

from __future__ import annotations

import json
import re
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
