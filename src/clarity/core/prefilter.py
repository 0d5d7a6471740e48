"""A cheap test that rules a pattern out before the regular-expression engine runs.

Most answers match none of a rule's patterns, and the patterns are large. For each pattern,
:func:`required` works out from its syntax tree sets of literal strings such that any text the
pattern matches contains at least one string of each set (``\\bask (me|us)\\b`` needs "ask me" or
"ask us"). A pattern set keeps, for every one of its patterns, the most selective such set, and
:class:`Gate` answers "no pattern can match" when the text contains none of those strings.

The gate only ever says no when no match is possible, so the answer of a rule never changes; when
it cannot be sure it says "maybe" and the pattern runs, under its time limit, as before. To stay
sure, a pattern is analysed only if it is written in the syntax that Python's ``re`` and the
``regex`` engine read alike; the gate only looks at ASCII text and keeps only ASCII strings, where
case-insensitive matching is plain ``str.lower``. Nothing here runs any pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from clarity.core.checks import Gate

try:  # Python 3.11+: the parser of the re module (read only, never run)
    _sre: Any = import_module("re._parser")
    _c: Any = import_module("re._constants")
except ImportError:  # pragma: no cover - Python 3.10
    _sre = import_module("sre_parse")
    _c = import_module("sre_constants")

#: Sets of strings larger than this are not spelled out (a clause with more strings is slower to
#: test than it saves).
MAX_STRINGS = 64
#: Strings shorter than this occur in almost every text: a clause holding one is no filter.
MIN_LENGTH = 3

# Escapes both engines read alike (letters); any other letter escape may differ between them.
_COMMON_ESCAPES = frozenset("bBdDsSwWAZnrtfv")
_UNSURE = re.compile(
    r"\[\[|\[:|\\[pPNXLKGmMhHRQEexuUgk]|\(\?[|(&Rr>VfebwlaLu]|\(\?P>|\(\?<(?![=!])|\{[^}0-9,]"
)


@dataclass(frozen=True)
class _Info:
    """What a part of a pattern needs: the exact strings it matches (None if too many or
    unbounded), and clauses: sets of strings, one of each must occur in any match."""

    exact: frozenset[str] | None
    clauses: tuple[frozenset[str], ...] = ()


_EMPTY = _Info(frozenset({""}))
_UNKNOWN = _Info(None)


def _sure(pattern: str) -> bool:
    """Whether the pattern uses only syntax that ``re`` and ``regex`` (V0) read alike."""
    if _UNSURE.search(pattern):
        return False
    for match in re.finditer(r"\\(.)", pattern):
        char = match.group(1)
        if char.isalpha() and char not in _COMMON_ESCAPES:
            return False
    return True


def _product(left: frozenset[str], right: frozenset[str]) -> frozenset[str] | None:
    if len(left) * len(right) > MAX_STRINGS:
        return None
    return frozenset(a + b for a in left for b in right)


def _useful(strings: frozenset[str]) -> bool:
    return bool(strings) and all(len(s) >= MIN_LENGTH and s.isascii() for s in strings)


def _best(info: _Info) -> frozenset[str] | None:
    """The most selective clause of a part: its longest shortest string, then fewest."""
    candidates = [c for c in info.clauses if _useful(c)]
    if info.exact is not None and _useful(info.exact):
        candidates.append(info.exact)
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(len(s) for s in c), -len(c)))


def _sequence(items: Any) -> _Info:
    current: frozenset[str] | None = frozenset({""})
    clauses: list[frozenset[str]] = []
    exact = True
    for op, av in items:
        info = _node(op, av)
        if current is not None and info.exact is not None:
            joined = _product(current, info.exact)
            if joined is not None:
                current = joined
                continue
        exact = False
        if current is not None and current != frozenset({""}):
            clauses.append(current)
        clauses.extend(info.clauses)
        current = info.exact
    if exact:
        return _Info(current)
    if current is not None and current != frozenset({""}):
        clauses.append(current)
    return _Info(None, tuple(clauses))


def _node(op: Any, av: Any) -> _Info:
    if op is _c.LITERAL:
        return _Info(frozenset({chr(av).lower()}))
    if op is _c.AT:
        return _EMPTY
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return _EMPTY  # a look-around adds conditions; leaving them out keeps this sure
    if op is _c.SUBPATTERN:
        return _sequence(av[-1])
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(av)
    if op is _c.IN:
        chars = [chr(x).lower() for kind, x in av if kind is _c.LITERAL]
        if len(chars) == len(av) and 0 < len(chars) <= 4:
            return _Info(frozenset(chars))
        return _UNKNOWN
    if op is _c.BRANCH:
        parts = [_sequence(alternative) for alternative in av[1]]
        if all(p.exact is not None for p in parts):
            union = frozenset().union(*(p.exact for p in parts if p.exact is not None))
            if len(union) <= MAX_STRINGS:
                return _Info(union)
        chosen = [_best(p) for p in parts]
        if any(c is None for c in chosen):
            return _UNKNOWN
        return _Info(None, (frozenset().union(*(c for c in chosen if c is not None)),))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        low, high, item = av
        inner = _sequence(item)
        if low == 0:
            if high == 1 and inner.exact is not None:
                return _Info(inner.exact | {""})
            return _UNKNOWN
        if low == high == 1:
            return inner
        clauses = inner.clauses + ((inner.exact,) if inner.exact is not None else ())
        return _Info(None, clauses)
    return _UNKNOWN


def _analysed(pattern: str) -> _Info | None:
    if not _sure(pattern):
        return None
    try:
        tree = _sre.parse(pattern, re.IGNORECASE)
    except Exception:  # not readable by re: no gate
        return None
    if tree.state.flags & (re.VERBOSE | re.LOCALE):
        return None
    return _sequence(tree)


def required(pattern: str) -> frozenset[str] | None:
    """Lower-case ASCII strings, one of which occurs in any text the pattern matches
    (case-insensitively); None when no such set can be worked out with certainty."""
    info = _analysed(pattern)
    return None if info is None else _best(info)


#: How many further sets of strings a pattern's gate checks (see ``Gate.also``).
MAX_ALSO = 3


def also_required(pattern: str) -> list[frozenset[str]]:
    """Further sets of strings, besides :func:`required`'s, one of each of which occurs in
    any text the pattern matches: the most selective first. Short strings will do here (they
    are only looked for in a text the first set lets through); a set holding the empty string
    says nothing and is left out."""
    info = _analysed(pattern)
    if info is None:
        return []
    best = _best(info)
    sets = list(info.clauses) + ([info.exact] if info.exact is not None else [])
    found: list[frozenset[str]] = []
    for strings in sets:
        if strings == best or not strings or not all(s and s.isascii() for s in strings):
            continue
        strings = _minimal(strings)
        if strings not in found:
            found.append(strings)
    found.sort(key=lambda c: (-min(len(s) for s in c), len(c), sorted(c)))
    return found[:MAX_ALSO]


#: A string all of a clause's strings share stands for them when it is at least this long: one
#: string to look for instead of many, and nearly as rare.
SHARED_LENGTH = 5


def _shared(strings: frozenset[str]) -> str | None:
    """The longest string that every one of ``strings`` contains, if it is long enough to
    stand for them (a text holding any of them holds it too)."""
    shortest = min(strings, key=len)
    for size in range(len(shortest), SHARED_LENGTH - 1, -1):
        for start in range(len(shortest) - size + 1):
            piece = shortest[start : start + size]
            if all(piece in s for s in strings):
                return piece
    return None


def _minimal(strings: frozenset[str]) -> frozenset[str]:
    """The strings that hold none of the others: a text holding "as i would " holds "as i
    would", so the longer one adds nothing to look for."""
    kept: list[str] = []
    for candidate in sorted(strings, key=len):
        if not any(shorter in candidate for shorter in kept):
            kept.append(candidate)
    return frozenset(kept)


def gate_for(patterns: list[str] | tuple[str, ...]) -> Gate | None:
    """The gate of a set of patterns (any of them may match), or None if one has none. The
    gate of one pattern also checks its other sets of strings (see :func:`also_required`)."""
    strings: set[str] = set()
    for pattern in patterns:
        found = required(pattern)
        if found is None:
            return None
        found = _minimal(found)
        shared = _shared(found) if len(found) > 1 else None
        strings |= {shared} if shared is not None else found
    also = (
        tuple(_longest_first(c) for c in also_required(patterns[0])) if len(patterns) == 1 else ()
    )
    return Gate(_longest_first(_minimal(frozenset(strings))), also)


def _longest_first(strings: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(strings, key=lambda s: (-len(s), s)))
