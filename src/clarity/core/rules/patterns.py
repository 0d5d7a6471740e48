"""A rule's patterns: measured before they are compiled, checked, compiled and searched.

Searching is bounded by a time limit, but compiling is not: the ``regex`` engine unrolls a
counted repetition (``a{1000}``) into that many copies, so ``((a{1000}){1000}){1000}`` would
take gigabytes before a single search. :func:`expansion` estimates the size of the compiled
pattern from its text (every counted repetition unrolled its minimum number of times, as the
engine does), in one linear pass and without compiling anything, so such a pattern is refused
with a clear error instead (:func:`valid_pattern`, which the condition models call).

A condition's patterns are compiled together into a :class:`PatternSet` (one alternation),
searched under a time limit and the time budgets of ``budget``.
"""

from __future__ import annotations

import re
from time import perf_counter
from typing import Any

from clarity.core.errors import ClarityError
from clarity.core.rules import budget

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


# ---------------------------------------------------------------------------------------------
# Checked: what a condition's model accepts


def _excerpt(pattern: str) -> str:
    return repr(pattern if len(pattern) <= 60 else pattern[:57] + "...")


def valid_pattern(pattern: str) -> str:
    """The pattern, when it may be used: no reference to a group, not too big once its counted
    repetitions are unrolled, and a pattern the engine compiles; else a ValueError saying why."""
    import regex

    reference = group_reference(pattern)
    if reference is not None:
        raise ValueError(
            f"the pattern {_excerpt(pattern)} refers back to a group ({reference}); "
            "patterns may not use back-references or recursion: write the text out"
        )
    size = expansion(pattern)
    if size > MAX_EXPANSION:
        if expansion(regex.sub(r"\{[0-9,]+\}", "", pattern)) > MAX_EXPANSION:  # as written
            raise ValueError(
                f"the pattern {_excerpt(pattern)} is too big: it is more than "
                f"{MAX_EXPANSION:,} steps long as written; split it into several patterns"
            )
        raise ValueError(
            f"the pattern {_excerpt(pattern)} is too big: its counted repetitions unroll to "
            f"more than {MAX_EXPANSION:,} steps; use smaller counts, or + and * instead"
        )
    try:
        regex.compile(pattern, regex.IGNORECASE | regex.V0)
    except regex.error as exc:
        raise ValueError(f"invalid pattern {_excerpt(pattern)}: {exc}") from None
    return pattern


# ---------------------------------------------------------------------------------------------
# Compiled and searched: a pattern set

#: How many texts each pattern set remembers its answer for.
_MEMO_MAX = 4096


class PatternSet:
    """Several patterns that match when any of them does, joined into one and searched under
    a time limit. ``source`` keeps the patterns as written. Equal only to itself."""

    __slots__ = ("_memo", "compiled", "owner", "source", "timeout")

    def __init__(self, source: tuple[str, ...], compiled: Any, timeout: float, owner: str) -> None:
        self.source = source
        self.compiled = compiled
        self.timeout = timeout
        self.owner = owner
        self._memo: dict[str, bool] = {}

    def __reduce__(self) -> tuple[Any, ...]:
        # Kept as written, compiled again on first use: reading a cached pack imports no
        # pattern engine, so a lint run whose results are all kept never loads it.
        return (PatternSet, (self.source, None, self.timeout, self.owner))

    def _too_long(self) -> ClarityError:
        return ClarityError(
            f"a pattern took longer than {self.timeout:g} s",
            key=self.owner,
            hint="simplify the pattern (avoid nested repetition such as (a+)+)",
        )

    def _run(self, text: str) -> bool:
        if self.compiled is None:
            self.compiled = _compiled(self.source)
        timeout = self.timeout
        allowed = budget.allowed(timeout)  # (lint's time budgets: see core/rules/budget.py)
        started = perf_counter()
        try:
            # concurrent: the search releases the interpreter's lock, so an interrupt is heard
            return self.compiled.search(text, timeout=allowed, concurrent=True) is not None
        except TimeoutError:
            if allowed < timeout:
                raise budget.spent(self.owner) from None
            raise self._too_long() from None
        finally:
            budget.charge(perf_counter() - started)

    def matches(self, text: str) -> bool:
        """Whether any pattern matches the (normalized) text (remembered for the next time the
        same text is asked about)."""
        memo = self._memo
        found = memo.get(text)
        if found is None:
            found = self._run(text)
            if len(memo) >= _MEMO_MAX:
                memo.clear()
            memo[text] = found
        return found

    def search(self, text: str) -> bool:
        """Whether any pattern matches ``text`` (already normalized)."""
        return self.matches(text)


def _compiled(patterns: tuple[str, ...]) -> Any:
    """The patterns joined into one alternation, compiled."""
    import regex

    source = patterns[0] if len(patterns) == 1 else "|".join(f"(?:{p})" for p in patterns)
    return regex.compile(source, regex.IGNORECASE | regex.V0)


def compile_patterns(patterns: list[str], timeout: float, owner: str) -> PatternSet:
    """Compile a pattern set: its patterns joined into one alternation."""
    return PatternSet(tuple(patterns), _compiled(tuple(patterns)), timeout, owner)
