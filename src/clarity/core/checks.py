"""Compiled conditions: small objects that answer a condition for a record.

``conditions.compile_condition`` turns a validated condition into one of these. They import
nothing heavy (no pydantic), are picklable (so a compiled pack can be cached and handed to worker
processes) and are plain calls: ``check(record, fired)`` returns the hits, or None.

Patterns are searched under a time limit. Before a pattern set runs, its gate (see
``prefilter``) rules it out when the text holds none of the strings every match needs; the
answer is the same, only found sooner.
"""

from __future__ import annotations

from collections.abc import Callable
from time import perf_counter
from typing import TYPE_CHECKING, Any

from clarity.core import budget
from clarity.core.errors import ClarityError
from clarity.core.record import LEVELS, parse_bool
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


class Gate(FrozenValue):
    """Lower-case ASCII strings, one of which any match of a pattern set contains (see
    ``prefilter``, which works them out); and for a single pattern, ``also``: other sets of
    strings, one of each of which a match contains too (checked once the first lets a text
    through: ``(check|clear) .* (any|every) decision`` needs one of each)."""

    __slots__ = ("also", "strings")
    __match_args__ = ("strings", "also")

    def __init__(self, strings: tuple[str, ...], also: tuple[tuple[str, ...], ...] = ()) -> None:
        self.strings = strings
        self.also = also


Also = tuple[tuple[str, ...], ...]


def _look_up(
    keys: frozenset[str],
    by_trigram: dict[str, tuple[tuple[str, int], ...]],
    text: Prepared,
    lowered: str,
) -> set[int]:
    """The numbers of the strings filed under three characters (``by_trigram``) that the
    text holds: only the keys among the text's runs of three characters are looked at."""
    found: set[int] = set()
    trigrams = text.trigrams
    if not keys.isdisjoint(trigrams):
        for trigram in keys & trigrams:
            for s, k in by_trigram[trigram]:
                if k not in found and s in lowered:
                    found.add(k)
    return found


def _holds(also: Also, lowered: str) -> bool:
    """Whether a text holds a string of each of the sets."""
    for strings in also:
        for s in strings:
            if s in lowered:
                break
        else:
            return False
    return True


# ---------------------------------------------------------------------------------------------
# Texts, prepared once for every pattern set that reads them


class Prepared:
    """An answer as patterns see it (normalized), and what the gates look at."""

    __slots__ = ("_trigrams", "book", "hits", "lowered", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.book: GateBook | None = None
        #: What the book's gates let through, by pattern set (its index's base): the
        #: numbers of the set's patterns, in order.
        self.hits: dict[int, list[int]] = {}
        self.lowered: str | None = text.lower() if text.isascii() else None
        self._trigrams: frozenset[str] | None = None

    @property
    def trigrams(self) -> frozenset[str]:
        """Every run of three characters of the lowered text (none if it is not ASCII)."""
        found = self._trigrams
        if found is None:
            low = self.lowered or ""
            # (zip and join are twice as fast as slicing)
            runs = zip(low, low[1:], low[2:], strict=False)
            found = self._trigrams = frozenset(map("".join, runs))
        return found


_PREPARED: dict[str, Prepared] = {}
_PREPARED_MAX = 4096


def prepare(raw: str) -> Prepared:
    """The prepared form of an answer's text (remembered for the next pattern sets)."""
    found = _PREPARED.get(raw)
    if found is None:
        if len(_PREPARED) >= _PREPARED_MAX:
            _PREPARED.clear()
        found = _PREPARED[raw] = Prepared(normalize(raw))
    return found


#: The texts of the record being checked, prepared, by field: every rule reads the same record
#: in turn. The record is held (so its identity cannot be reused) and each field's value is
#: compared by identity before its texts are reused.
_RECORD: list[Any] = [None, {}]


def _field_texts(record: Record, name: str) -> list[tuple[int | None, str, Prepared]]:
    value = record.get(name)
    if value is None:
        return []
    if _RECORD[0] is not record:
        _RECORD[0] = record
        _RECORD[1] = {}
    cache: dict[str, tuple[Any, int, list[tuple[int | None, str, Prepared]]]] = _RECORD[1]
    size = len(value) if isinstance(value, list) else -1
    found = cache.get(name)
    if found is not None and found[0] is value and found[1] == size:
        return found[2]
    texts = [(index, text, prepare(text)) for index, text in _texts(value)]
    cache[name] = (value, size, texts)
    return texts


# ---------------------------------------------------------------------------------------------
# Patterns


class LazyRegex:
    """A compiled pattern kept as its pickled form until it is first searched with.

    Unpickling a compiled ``regex`` pattern costs about as much as a small search; most of a
    pack's gated patterns are never needed in a short run, so they are only built on demand.
    """

    __slots__ = ("_compiled", "_data")

    def __init__(self, data: bytes, compiled: Any = None) -> None:
        self._data = data
        self._compiled = compiled

    @classmethod
    def of(cls, compiled: Any) -> LazyRegex:
        import pickle

        return cls(pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL), compiled)

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyRegex, (self._data,))

    def search(self, text: str, *, timeout: float) -> Any:
        compiled = self._compiled
        if compiled is None:
            import pickle

            compiled = self._compiled = pickle.loads(self._data)
        # concurrent: the search releases the interpreter's lock, so an interrupt is heard
        return compiled.search(text, timeout=timeout, concurrent=True)


#: Three-letter runs found in most English texts: a poor key for a string.
_COMMON = frozenset(
    ["the", "and", "ing", "ion", "tio", "ent", "ati", "for", "her", "ter", "hat", "tha", "ere", "ate", "his", "con", "res", "ver", "all", "ons", "nce", "men", "ith", "ted", "ers", "pro", "thi", "wit", "are", "ess", "not", "ive", "was", "ect", "rea", "com", "eve", "per", "int", "est", "sta", "cti", "ica", "ist", "ear", "ain", "one", "our", "iti", "rat", "ore", "you", "any", "out", "ble", "ght", "ill"]
) | frozenset(
    [" th", "he ", " an", "nd ", " to", "to ", " of", "of ", " in", "in ", "ed ", "ng ", " a ",
     " be", "es ", "er ", "re ", " wi", "ll ", " re", "on ", "is ", " is"]
)  # fmt: skip


def _key_of(s: str, shared: dict[str, int]) -> str:
    """The three characters a gate string is filed under: any three of its characters will do
    (if the string is in a text, so are they); the rarest keep the buckets small."""
    windows = {s[i : i + 3] for i in range(len(s) - 2)}
    return min(windows, key=lambda w: (w in _COMMON, shared.get(w, 0), w))


#: After how many new texts a gate book compiles its strings into one pattern (see
#: :meth:`GateBook.hits`): compiling costs as much as looking up a few thousand texts.
TRIE_AFTER = 3000


def _trie(strings: list[str]) -> str:
    """A pattern that matches, at a position, the longest of ``strings`` that starts there:
    the strings as a tree of their characters, so that the text's characters choose the way."""
    import re

    root: dict[str, Any] = {}
    for string in strings:
        node = root
        for char in string:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ways = [re.escape(char) + emit(rest) for char, rest in sorted(node.items()) if char]
        if not ways:
            return ""
        body = ways[0] if len(ways) == 1 else "(?:" + "|".join(ways) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


class GateBook:
    """Every gated pattern of a pack in one index: a text is looked up once, and each pattern
    set then reads which of its patterns the text may match (instead of one look-up per set).
    """

    __slots__ = ("also", "by_trigram", "closure", "owners", "seen", "size", "trie", "trigrams")

    def __init__(self, indexes: list[_GateIndex]) -> None:
        shared: dict[str, int] = {}
        for index in indexes:
            for entries in index.by_trigram.values():
                for s, _ in entries:
                    for w in {s[i : i + 3] for i in range(len(s) - 2)}:
                        shared[w] = shared.get(w, 0) + 1
        by: dict[str, list[tuple[str, int]]] = {}
        owners: list[tuple[int, int]] = []
        also: list[Also] = []
        base = 0
        for index in indexes:
            index.base = base
            index.book = self
            for entries in index.by_trigram.values():
                for s, k in entries:
                    by.setdefault(_key_of(s, shared), []).append((s, base + k))
            owners.extend((base, k) for k in range(index.count))
            also.extend(index.also)
            base += index.count
        self.also = tuple(also)
        self.by_trigram = {key: tuple(value) for key, value in by.items()}
        self.trigrams = frozenset(by)
        self.size = base
        self.owners = tuple(owners)
        self._fresh()

    def _fresh(self) -> None:
        self.seen = 0
        self.trie: Any = None  # the compiled strings once built; False if they cannot be
        self.closure: dict[str, tuple[int, ...]] = {}

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore_book, (self.by_trigram, self.size, self.owners, self.also))

    def hits(self, text: Prepared) -> dict[int, list[int]]:
        """The patterns whose gate lets an ASCII text through, by pattern set (see
        ``Prepared.hits``).

        A text lets a pattern through when it holds one of the pattern's gate strings. At
        first the strings are filed by three of their characters and the text's runs of three
        characters are looked up; once the book has seen ``TRIE_AFTER`` texts, all its
        strings are compiled into one pattern that finds them in one pass. Both find exactly
        the strings the text holds (a test holds them to each other)."""
        if text.book is self:
            return text.hits
        lowered = text.lowered
        assert lowered is not None
        trie = self.trie
        if trie is None:
            self.seen += 1
            if self.seen >= TRIE_AFTER:
                trie = self.compile()
        if trie:
            closure = self.closure
            found: set[int] = set()
            for string in trie.findall(lowered):
                found.update(closure[string])
        else:
            found = _look_up(self.trigrams, self.by_trigram, text, lowered)
        by_set: dict[int, list[int]] = {}
        owners = self.owners
        also = self.also
        for k in sorted(found):
            if also[k] and not _holds(also[k], lowered):
                continue
            base, local = owners[k]
            by_set.setdefault(base, []).append(local)
        text.book = self
        text.hits = by_set
        return by_set

    def compile(self) -> Any:
        """Compile the book's strings into one pattern (``False`` if that fails: the look-up
        by runs of three characters goes on). A match is the longest string starting at a
        place; ``closure`` gives the patterns of it and of every string it starts with."""
        import re

        numbers: dict[str, set[int]] = {}
        for entries in self.by_trigram.values():
            for s, k in entries:
                numbers.setdefault(s, set()).add(k)
        try:
            self.trie = re.compile(f"(?=({_trie(sorted(numbers))}))")
        except (re.error, RecursionError, OverflowError, MemoryError):
            self.trie = False
            return False
        closure: dict[str, tuple[int, ...]] = {}
        for s in numbers:
            prefixes = (numbers.get(s[:end], ()) for end in range(1, len(s) + 1))
            closure[s] = tuple(sorted(set().union(*prefixes)))
        self.closure = closure
        return self.trie


def _restore_book(
    by_trigram: dict[str, tuple[tuple[str, int], ...]],
    size: int,
    owners: tuple[tuple[int, int], ...],
    also: tuple[Also, ...],
) -> GateBook:
    book = GateBook.__new__(GateBook)
    book.by_trigram = by_trigram
    book.trigrams = frozenset(by_trigram)
    book.size = size
    book.owners = owners
    book.also = also
    book._fresh()
    return book


def bind_gates(checks: list[Any]) -> None:
    """Put every gated pattern of these checks in one shared :class:`GateBook`."""
    indexes: list[_GateIndex] = []
    seen: set[int] = set()

    def walk(check: Any) -> None:
        if id(check) in seen:
            return
        seen.add(id(check))
        if isinstance(check, Matches):
            index = check.patterns._index
            if index is not None:
                indexes.append(index)
        for part in getattr(check, "parts", ()):
            walk(part)
        inner = getattr(check, "inner", None)
        if inner is not None:
            walk(inner)

    for check in checks:
        walk(check)
    if indexes:
        GateBook(indexes)


class _GateIndex:
    """The gates of a set's patterns, by three characters of their strings: one look-up finds
    which patterns a text may match. Bound to a :class:`GateBook`, it reads the book's."""

    __slots__ = ("also", "base", "book", "by_trigram", "count", "trigrams")

    def __reduce__(self) -> tuple[Any, ...]:
        state = (self.by_trigram, self.count, self.book, self.base, self.also)
        return (_GateIndex._restore, state)

    @classmethod
    def _restore(
        cls,
        by_trigram: dict[str, tuple[tuple[str, int], ...]],
        count: int,
        book: GateBook | None,
        base: int,
        also: tuple[Also, ...],
    ) -> _GateIndex:
        index = cls.__new__(cls)
        index.by_trigram = by_trigram
        index.trigrams = frozenset(by_trigram)
        index.count = count
        index.book = book
        index.base = base
        index.also = also
        return index

    def __init__(self, gates: list[Gate]) -> None:
        # Any three characters of a string will do (if the string is in a text, so are they):
        # each string is filed under its rarest three, so that few strings share a key.
        shared: dict[str, int] = {}
        for gate in gates:
            for s in gate.strings:  # (strings shorter than 3 never make a gate)
                for w in {s[i : i + 3] for i in range(len(s) - 2)}:
                    shared[w] = shared.get(w, 0) + 1
        by: dict[str, list[tuple[str, int]]] = {}
        for k, gate in enumerate(gates):
            for s in gate.strings:
                windows = {s[i : i + 3] for i in range(len(s) - 2)}
                key = min(windows, key=lambda w: (w in _COMMON, shared[w], w))
                by.setdefault(key, []).append((s, k))
        self.by_trigram = {key: tuple(value) for key, value in by.items()}
        self.trigrams = frozenset(by)
        self.count = len(gates)
        self.book: GateBook | None = None
        self.base = 0
        self.also = tuple(gate.also for gate in gates)

    def candidates(self, text: Prepared) -> list[int]:
        """The patterns whose gate lets the text through, in order."""
        lowered = text.lowered
        if lowered is None:  # not ASCII: no gate, the patterns decide
            return list(range(self.count))
        book = self.book
        if book is not None:
            return book.hits(text).get(self.base, [])
        found = _look_up(self.trigrams, self.by_trigram, text, lowered)
        also = self.also
        return sorted(k for k in found if not also[k] or _holds(also[k], lowered))


#: How many texts each pattern set remembers its answer for.
_MEMO_MAX = 4096


class PatternSet:
    """Several patterns that match when any of them does, searched under one time limit.

    ``always`` joins the patterns that have no gate into one; each of the others is kept on its
    own with its gate (``gated``), and ``gate`` is all their gates together. A text is searched
    with a gated pattern only when its gate lets the text through. The searches of one text
    share the time limit. ``source`` keeps the patterns as written. Equal only to itself.
    """

    __slots__ = ("_index", "_memo", "always", "gate", "gated", "owner", "source", "timeout")

    def __init__(
        self,
        source: tuple[str, ...],
        always: LazyRegex | None,
        gated: tuple[tuple[LazyRegex, Gate], ...],
        gate: Gate | None,
        timeout: float,
        owner: str,
    ) -> None:
        self.source = source
        self.always = always
        self.gated = gated
        self.gate = gate
        self.timeout = timeout
        self.owner = owner
        self._index = _GateIndex([g for _, g in gated]) if gated else None
        self._memo: dict[str, bool] = {}

    def __reduce__(self) -> tuple[Any, ...]:
        state = (self.source, self.always, self.gated, self.gate, self.timeout, self.owner)
        return (_restore_set, (state, self._index))

    def _too_long(self) -> ClarityError:
        return ClarityError(
            f"a pattern took longer than {self.timeout:g} s",
            key=self.owner,
            hint="simplify the pattern (avoid nested repetition such as (a+)+)",
        )

    def _run(self, compiled: LazyRegex, text: str, timeout: float) -> bool:
        if timeout <= 0:
            raise self._too_long()
        allowed = budget.allowed(timeout)  # (lint's time budgets: see core/budget.py)
        started = perf_counter()
        try:
            return compiled.search(text, timeout=allowed) is not None
        except TimeoutError:
            if allowed < timeout:
                raise budget.spent(self.owner) from None
            raise self._too_long() from None
        finally:
            budget.charge(perf_counter() - started)

    def matches(self, text: Prepared) -> bool:
        """Whether any pattern matches the (prepared) text (remembered for the next time the
        same text is asked about)."""
        memo = self._memo
        found = memo.get(text.text)
        if found is None:
            found = self._matches(text)
            if len(memo) >= _MEMO_MAX:
                memo.clear()
            memo[text.text] = found
        return found

    def _matches(self, text: Prepared) -> bool:
        index = self._index
        candidates = index.candidates(text) if index is not None else []
        if self.always is None and not candidates:
            return False
        deadline = perf_counter() + self.timeout
        if self.always is not None and self._run(self.always, text.text, self.timeout):
            return True
        gated = self.gated
        return any(self._run(gated[k][0], text.text, deadline - perf_counter()) for k in candidates)

    def search(self, text: str) -> bool:
        """Whether any pattern matches ``text`` (already normalized)."""
        return self.matches(Prepared(text))

    def any_text(self, value: Any) -> bool:
        """Whether any pattern matches a text of an answer (the text, or an item of the list):
        what ``Matches`` answers for a record holding only this answer."""
        for _, text in _texts(value):  # noqa: SIM110 (a loop: no generator per answer)
            if self.matches(prepare(text)):
                return True
        return False


def _restore_set(state: tuple[Any, ...], index: _GateIndex | None) -> PatternSet:
    """Unpickle a pattern set with its gate index as it was built (not built again)."""
    made = PatternSet.__new__(PatternSet)
    made.source, made.always, made.gated, made.gate, made.timeout, made.owner = state
    made._index = index
    made._memo = {}
    return made


def compile_patterns(patterns: list[str], timeout: float, owner: str) -> PatternSet:
    """Compile a pattern set: the patterns without a gate joined into one, the others each
    with its gate."""
    import regex

    from clarity.core.prefilter import gate_for

    flags = regex.IGNORECASE | regex.V0
    always: list[str] = []
    gated: list[tuple[LazyRegex, Gate]] = []
    for pattern in patterns:
        gate = gate_for([pattern])
        if gate is None:
            always.append(pattern)
        else:
            gated.append((LazyRegex.of(regex.compile(pattern, flags)), gate))
    joined = None
    if always:
        source = always[0] if len(always) == 1 else "|".join(f"(?:{p})" for p in always)
        joined = LazyRegex.of(regex.compile(source, flags))
    union = Gate(tuple(sorted({s for _, g in gated for s in g.strings}))) if gated else None
    return PatternSet(tuple(patterns), joined, tuple(gated), union, timeout, owner)


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


class Means:
    """``means``: some text has the flaw the bank teaches (its classifier says so); with
    ``unsure``, some text is one the classifier cannot tell either way."""

    __slots__ = ("bank", "judges", "names", "unsure")

    def __init__(
        self, names: tuple[str, ...], judges: Judges, bank: str, unsure: bool = False
    ) -> None:
        self.names = names
        self.judges = judges
        self.bank = bank
        self.unsure = unsure

    def __reduce__(self) -> tuple[Any, ...]:
        return (Means, (self.names, self.judges, self.bank, self.unsure))

    def __call__(self, record: Record, fired: frozenset[str]) -> Hits | None:
        texts = _answered(record, self.names)
        if not texts:
            return None
        judge = self.judges.judge(self.bank)
        decide = judge.unsure if self.unsure else judge.fires
        return [Hit(name, i, text) for name, i, text in texts if decide(text)] or None


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
