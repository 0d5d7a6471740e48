"""Compiled conditions: small objects that answer a condition for a record.

``conditions.compile_condition`` turns a validated condition into one of these. They import
nothing heavy (no pydantic), are picklable (so a compiled pack can be cached and handed to worker
processes) and are plain calls: ``check(record, fired)`` returns the hits, or None.

``Matches`` searches a pattern set (``patterns.PatternSet``) in each text of the fields it
reads, normalized once per record for every set.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from clarity.core.errors import ClarityError
from clarity.core.record import LEVELS, parse_bool
from clarity.core.rules.patterns import PatternSet
from clarity.core.text import normalize
from clarity.core.values import FrozenValue

if TYPE_CHECKING:
    from clarity.core.judge import Judges

Record = dict[str, Any]


class Hit(FrozenValue):
    """The answer that made a condition true: a field and, for lists, the item."""

    __slots__ = ("field", "index", "value")
    __match_args__ = ("field", "index", "value")

    def __init__(self, field: str, index: int | None = None, value: Any = None) -> None:
        self.field = field
        self.index = index
        self.value = value


Hits = list[Hit]
Check = Callable[[Record, frozenset[str]], "Hits | None"]


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, dict)):
        return len(value) == 0
    return False


def _texts(value: Any) -> list[tuple[int | None, str]]:
    if value is None:
        return []
    if isinstance(value, str):
        return [(None, value)]
    if isinstance(value, (list, tuple)):
        return [(i, item) for i, item in enumerate(value) if isinstance(item, str)]
    return []


def coerce(value: Any) -> Any:
    """A yes/no answer as a boolean, read by the one yes/no parser (``record.parse_bool``)."""
    parsed = parse_bool(value)
    return parsed if isinstance(parsed, bool) else value


# ---------------------------------------------------------------------------------------------
# Texts, normalized once for every pattern set that reads them


@lru_cache(maxsize=4096)
def prepare(raw: str) -> str:
    """The normal form patterns read of an answer's text (remembered for the next sets)."""
    return normalize(raw)


def _field_texts(record: Record, name: str) -> list[tuple[int | None, str, str]]:
    """A field's texts with their normal forms. A record made by ``record_of`` keeps them
    (``Remembered``) while every rule reads it in turn; each field's value is compared by
    identity (and a list by its length) before they are reused."""
    value = record.get(name)
    if value is None:
        return []
    memo: dict[str, tuple[Any, int, list[tuple[int | None, str, str]]]] | None = getattr(
        record, "texts", None
    )
    size = len(value) if isinstance(value, list) else -1
    found = memo.get(name) if memo is not None else None
    if found is not None and found[0] is value and found[1] == size:
        return found[2]
    texts = [(index, text, prepare(text)) for index, text in _texts(value)]
    if memo is not None:
        memo[name] = (value, size, texts)
    return texts


# ---------------------------------------------------------------------------------------------
# The checks


class Missing:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __reduce__(self) -> tuple[Any, ...]:
        return (Missing, (self.name,))

    def __call__(self, record: Record, fired: frozenset[str]) -> Hits | None:
        return [Hit(self.name)] if is_empty(record.get(self.name)) else None


class Present:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __reduce__(self) -> tuple[Any, ...]:
        return (Present, (self.name,))

    def __call__(self, record: Record, fired: frozenset[str]) -> Hits | None:
        value = record.get(self.name)
        return None if is_empty(value) else [Hit(self.name, value=value)]


class Equals:
    __slots__ = ("expected", "name")

    def __init__(self, name: str, expected: Any) -> None:
        self.name = name
        self.expected = coerce(expected)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Equals, (self.name, self.expected))

    def __call__(self, record: Record, fired: frozenset[str]) -> Hits | None:
        value = record.get(self.name)
        return [Hit(self.name, value=value)] if coerce(value) == self.expected else None


class Matches:
    __slots__ = ("names", "patterns")

    def __init__(self, names: tuple[str, ...], patterns: PatternSet) -> None:
        self.names = names
        self.patterns = patterns

    def __reduce__(self) -> tuple[Any, ...]:
        return (Matches, (self.names, self.patterns))

    def __call__(self, record: Record, fired: frozenset[str]) -> Hits | None:
        patterns = self.patterns
        for name in self.names:
            for index, text, prepared in _field_texts(record, name):
                if patterns.matches(prepared):
                    return [Hit(name, index, text)]
        return None


class Level:
    __slots__ = ("at_least", "bound", "name")

    def __init__(self, name: str, level: str, at_least: bool) -> None:
        self.name = name
        self.bound = LEVELS.index(level)
        self.at_least = at_least

    def __reduce__(self) -> tuple[Any, ...]:
        return (Level, (self.name, LEVELS[self.bound], self.at_least))

    def __call__(self, record: Record, fired: frozenset[str]) -> Hits | None:
        value = record.get(self.name)
        if value not in LEVELS:
            return None
        rank = LEVELS.index(value)
        ok = rank >= self.bound if self.at_least else rank <= self.bound
        return [Hit(self.name, value=value)] if ok else None


class AllOf:
    __slots__ = ("parts",)

    def __init__(self, parts: tuple[Check, ...]) -> None:
        self.parts = parts

    def __reduce__(self) -> tuple[Any, ...]:
        return (AllOf, (self.parts,))

    def __call__(self, record: Record, fired: frozenset[str]) -> Hits | None:
        hits: Hits = []
        for part in self.parts:
            found = part(record, fired)
            if found is None:
                return None
            hits.extend(found)
        return hits


class AnyOf:
    __slots__ = ("parts",)

    def __init__(self, parts: tuple[Check, ...]) -> None:
        self.parts = parts

    def __reduce__(self) -> tuple[Any, ...]:
        return (AnyOf, (self.parts,))

    def __call__(self, record: Record, fired: frozenset[str]) -> Hits | None:
        for part in self.parts:
            found = part(record, fired)
            if found is not None:
                return found
        return None


class Not:
    __slots__ = ("inner",)

    def __init__(self, inner: Check) -> None:
        self.inner = inner

    def __reduce__(self) -> tuple[Any, ...]:
        return (Not, (self.inner,))

    def __call__(self, record: Record, fired: frozenset[str]) -> Hits | None:
        return [] if self.inner(record, fired) is None else None


class Count:
    __slots__ = ("least", "parts")

    def __init__(self, parts: tuple[Check, ...], least: int) -> None:
        self.parts = parts
        self.least = least

    def __reduce__(self) -> tuple[Any, ...]:
        return (Count, (self.parts, self.least))

    def __call__(self, record: Record, fired: frozenset[str]) -> Hits | None:
        hits: Hits = []
        n = 0
        for part in self.parts:
            found = part(record, fired)
            if found is not None:
                n += 1
                hits.extend(found)
        return hits if n >= self.least else None


class Fired:
    __slots__ = ("rule",)

    def __init__(self, rule: str) -> None:
        self.rule = rule

    def __reduce__(self) -> tuple[Any, ...]:
        return (Fired, (self.rule,))

    def __call__(self, record: Record, fired: frozenset[str]) -> Hits | None:
        return [] if self.rule in fired else None


def _answered(record: Record, names: tuple[str, ...]) -> list[tuple[str, int | None, str]]:
    """The non-blank texts of some fields (each list item on its own), in field order."""
    return [
        (name, index, text)
        for name in names
        for index, text in _texts(record.get(name))
        if text.strip()
    ]


#: The most different answers one ``means`` check judges in one delegation (a list item is an
#: answer; a repeated one is judged once). Each new text costs the sentence encoder a few
#: milliseconds; a hostile charter with a list of sixteen thousand items would take over a
#: minute, and no real delegation comes near this.
MAX_JUDGED = 500


class Means:
    """``means``: some text has the flaw the bank teaches (its classifier says so); with
    ``unsure``, some text is one the classifier cannot tell either way; with ``every``, every
    text is (and there is at least one)."""

    __slots__ = ("bank", "every", "judges", "names", "unsure")

    def __init__(
        self,
        names: tuple[str, ...],
        judges: Judges,
        bank: str,
        unsure: bool = False,
        every: bool = False,
    ) -> None:
        self.names = names
        self.judges = judges
        self.bank = bank
        self.unsure = unsure
        self.every = every

    def __reduce__(self) -> tuple[Any, ...]:
        return (Means, (self.names, self.judges, self.bank, self.unsure, self.every))

    def __call__(self, record: Record, fired: frozenset[str]) -> Hits | None:
        texts = _answered(record, self.names)
        if not texts:
            return None
        different = len({text for _, _, text in texts})
        if different > MAX_JUDGED:
            longest = max(self.names, key=lambda n: sum(t[0] == n for t in texts))
            raise ClarityError(
                f"{different} different answers to judge in '{longest}' and the fields beside "
                f"it: the judge reads at most {MAX_JUDGED} in one delegation",
                key=longest,
                hint="split the delegation, or its long list, into several",
            )
        judge = self.judges.judge(self.bank)
        decided = judge.decide([text for _, _, text in texts], self.unsure)
        if self.every and not all(decided):
            return None
        return [
            Hit(n, i, text) for (n, i, text), yes in zip(texts, decided, strict=True) if yes
        ] or None


def judged_by(check: Any) -> list[Means]:
    """The ``means`` conditions of a check, in the order they are written (``rules show``
    says how each judges)."""
    if isinstance(check, Means):
        return [check]
    inner = [check.inner] if isinstance(check, Not) else getattr(check, "parts", ())
    return [found for part in inner for found in judged_by(part)]


class Dated:
    """``dated``: some text reads as a real date, an impossible one, or no date."""

    __slots__ = ("names", "reads")

    def __init__(self, names: tuple[str, ...], reads: str) -> None:
        self.names = names
        self.reads = reads

    def __reduce__(self) -> tuple[Any, ...]:
        return (Dated, (self.names, self.reads))

    def __call__(self, record: Record, fired: frozenset[str]) -> Hits | None:
        from clarity.core.judge.dates import read_date

        texts = _answered(record, self.names)
        return [Hit(n, i, t) for n, i, t in texts if read_date(t) == self.reads] or None


#: Checks that hit on what an answer says: answers not asked can add hits, never take one away.
_SOME_ANSWER = (Present, Equals, Matches, Level, Dated)


def decisive(check: Any) -> bool:
    """Whether a hit of ``check`` on the answers given stands whatever the answers not asked
    would have said: it reads only what is there ("some deadline or review date names a date
    that cannot exist"), never what is missing, negated or said by every answer. A rule that
    reads a question not asked is judged on the others only when its check is decisive."""
    if isinstance(check, _SOME_ANSWER):
        return True
    if isinstance(check, Means):
        return not check.every
    if isinstance(check, AllOf | AnyOf | Count):
        return all(decisive(part) for part in check.parts)
    return False  # (Missing, Not, Fired: what is not there, or another rule's verdict)
