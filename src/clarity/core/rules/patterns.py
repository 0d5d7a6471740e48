"""How big a rule's pattern gets when it is compiled, measured before it is compiled.

Searching is bounded by a time limit, but compiling is not: the ``regex`` engine unrolls a
counted repetition (``a{1000}``) into that many copies, so ``((a{1000}){1000}){1000}`` would
take gigabytes before a single search. :func:`expansion` estimates the size of the compiled
pattern from its text (every counted repetition unrolled its minimum number of times, as the
engine does), in one linear pass and without compiling anything, so such a pattern is refused
with a clear error instead.
"""

from __future__ import annotations

import re

#: The largest estimated size accepted: ``a{300}`` repeated 300 times compiles in a few
#: hundredths of a second; ten times that takes a third of a second and 300 MB.
MAX_EXPANSION = 100_000

_COUNT = re.compile(r"\{([0-9]*)(?:,([0-9]*))?\}")
# Escapes followed by a braced or bracketed argument: \p{L}, \N{NAME}, \x{41}, \g<name>.
_BRACED = frozenset("pPNxuUgk")


def _skip_set(pattern: str, i: int) -> int:
    """The index just past the character set that starts at ``pattern[i] == '['``."""
    n = len(pattern)
    j = i + 1
    if j < n and pattern[j] == "^":
        j += 1
    if j < n and pattern[j] == "]":
        j += 1
    while j < n and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def expansion(pattern: str, limit: int = MAX_EXPANSION) -> int:
    """About how many nodes the compiled pattern has (stops counting once past ``limit``)."""
    # One frame per open group: [its size so far, the size of its last item].
    stack: list[list[int]] = [[0, 0]]
    i, n = 0, len(pattern)
    while i < n:
        frame = stack[-1]
        ch = pattern[i]
        if ch == "(":
            if pattern.startswith("(?#", i):  # a comment: skip it whole
                end = pattern.find(")", i)
                i = n if end == -1 else end + 1
                continue
            stack.append([0, 0])
            i += 1
            continue
        if ch == ")":
            i += 1
            if len(stack) > 1:
                inner = stack.pop()
                size = max(1, inner[0])
                stack[-1][0] += size
                stack[-1][1] = size
            continue
        if ch == "{":
            found = _COUNT.match(pattern, i)
            if found is not None and (found.group(1) or found.group(2)):
                digits = found.group(1) or "0"
                times = int(digits) if len(digits) <= 9 else limit + 1
                if times > 1:
                    frame[0] += frame[1] * (times - 1)
                    frame[1] *= times
                i = found.end()
                if frame[0] > limit:
                    return frame[0]
                continue
        if ch in "|*+?":
            i += 1
            continue
        if ch == "\\":
            escaped = pattern[i + 1 : i + 2]
            i += 2
            if escaped in _BRACED and i < n and pattern[i] in "{<":
                end = pattern.find("}" if pattern[i] == "{" else ">", i)
                i = n if end == -1 else end + 1
        elif ch == "[":
            i = _skip_set(pattern, i)
        else:
            i += 1
        frame[0] += 1
        frame[1] = 1
        if frame[0] > limit:
            return frame[0]
    return sum(frame[0] for frame in stack)


def group_reference(pattern: str) -> str | None:
    """The first reference to a group (``\\1``, ``\\g<n>``, ``(?P=name)``, a recursion), if any.

    Patterns of one condition are searched as one alternation, which renumbers groups; and a
    reference makes matching depend on earlier matches. Both are reasons to refuse them.
    """
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if nxt in "123456789":
                return pattern[i : i + 2]
            if nxt in "gk" and i + 2 < n and pattern[i + 2] == "<":
                end = pattern.find(">", i)
                return pattern[i : end + 1 if end != -1 else n]
            i += 2
            continue
        if char == "(" and pattern.startswith(("(?P=", "(?P>", "(?&", "(?R", "(?1", "(?2"), i):
            end = pattern.find(")", i)
            return pattern[i : end + 1 if end != -1 else n]
        i += 1
    return None
