"""The JSON report: versioned, and safe to print."""

from __future__ import annotations

import json
import re
from typing import Any

# DEL and the C1 controls, line separators, bidi marks and lone surrogates (from file names
# or arguments that are not UTF-8): json leaves them raw with ensure_ascii=False.
_UNSAFE = re.compile(
    r"[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def dumps(data: Any) -> str:
    """JSON with every control, line-separator and bidi character written as an escape."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def line(data: Any) -> str:
    """One compact JSON line (JSON Lines), escaped like :func:`dumps`."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
