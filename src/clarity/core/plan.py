"""A pack's conditions as formulas over the facts of a record, read field by field.

The checks of ``checks`` answer a condition by walking it for every record. A plan reads the
same conditions once, when it is made: every test a condition makes of one field becomes a
fact, one bit of an integer, and every condition becomes a formula over those bits.

- The cheap facts (``missing``, ``present``, ``is``, ``at_least``, ``at_most``) of a field are
  a pure function of its value: they are tested together, and remembered by value, so a value
  seen before costs one look-up.
- A ``matches`` fact is only tested when a formula needs it (after the cheap facts of the
  same condition allow it), and its answer is kept with the value too.
- ``fired`` is a bit set for each rule that fired, for the score items and advice.

The answer is the one the checks give (tests hold the two to each other); the checks still
say *which* answer made a rule fire, and only for the rules that fired.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from clarity.core.checks import (
    AllOf,
    AnyOf,
    Check,
    Count,
    Equals,
    Fired,
    Level,
    Matches,
    Missing,
    Not,
    PatternSet,
    Present,
    Record,
)

#: A test of one field's value.
Test = Callable[[Any], bool]

_T = TypeVar("_T")

#: How many distinct values of each field a plan remembers the facts of.
_MEMO_MAX = 8192


def _asking(check: Check, name: str) -> Test:
    """A test of one field's value: the check itself, asked of a record holding only it."""
    return lambda value: check({name: value}, frozenset()) is not None


def _key(value: Any) -> Any:
    """A value as a dictionary key, or None if it has none: texts, None, True and False are
    their own key (no other kind of value is ever one, so ``True`` never meets ``1``); a list
    is keyed by its items, with its type (a list is not a text)."""
    kind = type(value)
    if kind is str or value is None or kind is bool:
        return value
    if kind is list:
        key = (list, tuple(value))
        try:
            hash(key)
        except TypeError:
            return None
        return key
    return None


class _Value:
    """What the plan found of one value of a field: its cheap facts, and the ``matches``
    facts tested so far (``known``; those that held are set in ``cheap`` too)."""

    __slots__ = ("cheap", "found", "known")

    def __init__(self, cheap: int) -> None:
        self.cheap = cheap
        self.known = 0
        self.found: dict[int, Any] | None = None


class _Field:
    """The tests a plan makes of one field, and what they found for the values seen."""

    __slots__ = ("cheap", "derived", "memo", "name", "position", "size")

    def __init__(self, name: str, position: int) -> None:
        self.name = name
        self.position = position
        self.size = position + 1  # how many fields the plan reads (set once all are known)
        self.cheap: list[tuple[int, Test]] = []
        self.derived: list[tuple[int, Formula]] = []
        self.memo: dict[Any, _Value] = {}

    def value(self, value: Any) -> _Value:
        """What is known of a value: its cheap facts tested, and all of it remembered."""
        key = _key(value)
        if key is not None:
            found = self.memo.get(key)
            if found is not None:
                return found
        return self.learn(value, key)

    def learn(self, value: Any, key: Any) -> _Value:
        """Test a value not seen before (remembered by ``key``, unless None)."""
        bits = 0
        for bit, test in self.cheap:
            if test(value):
                bits |= bit
        made = _Value(bits)
        if self.derived:  # the conditions that read this field alone
            values: list[_Value | None] = [None] * self.size
            values[self.position] = made
            facts = Facts({self.name: value}, bits, 0, values)  # type: ignore[arg-type]
            for bit, formula in self.derived:
                if formula(facts):
                    made.cheap |= bit
        if key is not None:
            if len(self.memo) >= _MEMO_MAX:
                self.memo.clear()
            self.memo[key] = made
        return made


class _Search:
    """A ``matches`` fact: a pattern set on one field, tested when a formula asks, and kept
    with the value."""

    __slots__ = ("bit", "name", "position", "test")

    def __init__(self, name: str, position: int, bit: int, patterns: PatternSet) -> None:
        self.name = name
        self.position = position
        self.bit = bit
        self.test = patterns.any_text  # (what Matches((name,), patterns) answers, directly)

    def __call__(self, facts: Facts) -> bool:
        bit = self.bit
        if facts.known & bit:
            return facts.cheap & bit != 0
        value = facts.values[self.position]
        if value.known & bit:  # (learnt from this record's value)
            found = value.cheap & bit != 0
        else:
            found = self.test(facts.record.get(self.name))
            value.known |= bit
            if found:
                value.cheap |= bit
        facts.known |= bit  # (what a Select keys its memory by: see there)
        if found:
            facts.cheap |= bit
        return found


class _AnySearch:
    """``matches`` on several fields: any of them, answered from the facts once known."""

    __slots__ = ("bits", "searches")

    def __init__(self, searches: list[_Search]) -> None:
        self.searches = searches
        self.bits = 0
        for search in searches:
            self.bits |= search.bit

    def __call__(self, facts: Facts) -> bool:
        bits = self.bits
        if facts.known & bits == bits:
            return facts.cheap & bits != 0
        return any(search(facts) for search in self.searches)


class Facts:
    """What a plan knows of one record: the facts of its fields (``cheap``, with the rules
    that fired once they have, and the ``matches`` facts ``known`` so far), and each field's
    value."""

    __slots__ = ("cheap", "known", "record", "values")

    def __init__(self, record: Record, cheap: int, known: int, values: list[_Value]) -> None:
        self.record = record
        self.cheap = cheap
        self.known = known
        self.values = values


Formula = Callable[[Facts], bool]


class Plan:
    """Rules (which may not use ``fired``) and other conditions (score items, advice, which
    may) over one set of facts. Made once per pack, in the process that uses it."""

    def __init__(
        self,
        rules: Sequence[Check],
        scores: Sequence[Sequence[Check]] = (),
        advice: Mapping[str, Sequence[Check | None]] | None = None,
        *,
        rule_ids: Sequence[str] = (),
    ) -> None:
        self._fields: dict[str, _Field] = {}
        self._bits: dict[tuple[str, tuple[Any, ...]], int] = {}
        self._searches: dict[tuple[str, int], _Search] = {}
        self._next = 1
        self._fired: dict[str, int] = {}
        for rule_id in rule_ids:  # a bit each, set when the rule fires
            self._fired.setdefault(rule_id, self._new_bit())
        # Rules and score items are asked of every record: one that reads a single field is
        # answered once per value of that field. Advice is asked only for its perspectives.
        self.rules: list[Formula] = [self._derive(check)[0] for check in rules]
        self._rule_bits = [self._fired[rule_id] for rule_id in rule_ids] or [0] * len(rules)
        self.scores = [
            Select([self._derive(check)[0] for check in group], [self._mask(c) for c in group])
            for group in scores
        ]
        never = _Bits(self._new_bit(), 0)  # (a bit no record has)
        self.advice = {
            view: Select(
                [never if check is None else self._formula(check) for check in checks],
                [(0, 0) if check is None else self._mask(check) for check in checks],
            )
            for view, checks in (advice or {}).items()
        }
        self._select_rules = Select(self.rules, [self._mask(check) for check in rules])
        #: Whatever the plan's user works out from what it selects, kept for next time.
        self.notes: dict[Any, Any] = {}
        self._order = list(self._fields.values())
        for field in self._order:
            field.size = len(self._order)
        # What a rule that fired says is kept with the values of the fields it reads.
        self._rule_reads: list[tuple[int, ...] | None] = []
        for check in rules:
            reads = _reads(check)
            self._rule_reads.append(
                None if reads is None else tuple(sorted(self._field(name)[0] for name in reads))
            )
        self._found: list[dict[tuple[int, ...], tuple[tuple[_Value, ...], Any]]] = [
            {} for _ in rules
        ]

    def _new_bit(self) -> int:
        bit = self._next
        self._next <<= 1
        return bit

    def _field(self, name: str) -> tuple[int, _Field]:
        """The field (and its position) a test reads."""
        field = self._fields.get(name)
        if field is None:
            field = self._fields[name] = _Field(name, len(self._fields))
        return field.position, field

    def _derive(self, check: Check) -> tuple[Formula, int | None]:
        """The formula of a check that is asked of every record, and the position of the one
        field it reads if it reads one (then it is a fact of that field's values)."""
        formula = self._formula(check)
        reads = _reads(check)
        if reads is None or len(reads) != 1 or self._cheap(check) is not None:
            return formula, None
        position, field = self._field(next(iter(reads)))
        bit = self._new_bit()
        field.derived.append((bit, formula))
        return _all_bits(bit, 0), position

    def _fact(self, name: str, key: tuple[Any, ...], test: Test) -> int:
        """The bit of a cheap test of one field (the same test twice is one bit)."""
        try:
            found = self._bits.get((name, key))
        except TypeError:  # a value that cannot be a key: a fact of its own
            found, key = None, (id(test),)
        if found is not None:
            return found
        bit = self._bits[(name, key)] = self._new_bit()
        self._field(name)[1].cheap.append((bit, test))
        return bit

    def _search(self, name: str, patterns: PatternSet) -> _Search:
        found = self._searches.get((name, id(patterns)))
        if found is None:
            position = self._field(name)[0]
            found = _Search(name, position, self._new_bit(), patterns)  # (it holds them)
            self._searches[(name, id(patterns))] = found
        return found

    def _mask(self, check: Check) -> tuple[int, int] | None:
        """The bits a check's formula reads: (cheap facts and rules fired, ``matches`` facts),
        or None if it reads anything else (then its answer is not a function of the bits)."""
        cheap = self._cheap(check)
        if cheap is not None:
            return cheap[0] | cheap[1], 0
        if isinstance(check, Matches):
            searches = 0
            for name in check.names:
                searches |= self._search(name, check.patterns).bit
            return 0, searches
        if isinstance(check, Not):
            return self._mask(check.inner)
        if isinstance(check, (AllOf, AnyOf, Count)):
            bits = searches = 0
            for part in check.parts:
                mask = self._mask(part)
                if mask is None:
                    return None
                bits |= mask[0]
                searches |= mask[1]
            return bits, searches
        if isinstance(check, Fired):  # a rule this plan does not know: never fired
            return 0, 0
        return None

    # -- formulas --------------------------------------------------------------------------

    def _cheap(self, check: Check) -> tuple[int, int] | None:
        """A check that is one cheap fact or its negation, as (bits that must be set, bits
        that must be clear); None for anything else."""
        if isinstance(check, Missing):
            return self._fact(check.name, ("missing",), _asking(check, check.name)), 0
        if isinstance(check, Present):
            return self._fact(check.name, ("present",), _asking(check, check.name)), 0
        if isinstance(check, Equals):
            kind = ("is", type(check.expected), check.expected)
            return self._fact(check.name, kind, _asking(check, check.name)), 0
        if isinstance(check, Level):
            level = ("level", check.bound, check.at_least)
            return self._fact(check.name, level, _asking(check, check.name)), 0
        if isinstance(check, Fired) and check.rule in self._fired:
            return self._fired[check.rule], 0
        if isinstance(check, Not):
            inner = self._cheap(check.inner)
            if inner is not None:
                return inner[1], inner[0]
        return None

    def _formula(self, check: Check) -> Formula:
        cheap = self._cheap(check)
        if cheap is not None:
            return _all_bits(*cheap)
        if isinstance(check, Matches):
            searches = [self._search(name, check.patterns) for name in check.names]
            return searches[0] if len(searches) == 1 else _AnySearch(searches)
        if isinstance(check, AllOf):
            return self._all(check.parts)
        if isinstance(check, AnyOf):
            return self._any(check.parts)
        if isinstance(check, Not):
            inner = self._formula(check.inner)
            return lambda facts: not inner(facts)
        if isinstance(check, Count):
            return self._count(check.parts, check.least)
        if isinstance(check, Fired):  # a rule this plan does not know: never fired
            return lambda facts: False
        # Anything else is asked directly (with no rules fired: only rules read it).
        return lambda facts: check(facts.record, frozenset()) is not None

    def _all(self, parts: Sequence[Check]) -> Formula:
        """All of the parts: the cheap facts first, then the others in order."""
        need = clear = 0
        rest: list[Formula] = []
        for part in parts:
            cheap = self._cheap(part)
            if cheap is None:
                rest.append(self._formula(part))
            else:
                need |= cheap[0]
                clear |= cheap[1]
        if need & clear:  # a fact and its negation: never true
            return lambda facts: False
        if not rest:
            return _all_bits(need, clear)
        if len(rest) == 1:
            (only,) = rest
            return lambda facts: (
                facts.cheap & need == need and not facts.cheap & clear and only(facts)
            )
        return lambda facts: (
            facts.cheap & need == need
            and not facts.cheap & clear
            and all(test(facts) for test in rest)
        )

    def _count(self, parts: Sequence[Check], least: int) -> Formula:
        """At least ``least`` of the parts: the cheap facts counted at once."""
        cheap = [self._cheap(part) for part in parts]
        some = unset = 0
        rest: list[Formula] = []
        for part, bits in zip(parts, cheap, strict=True):
            if bits is None or (bits[0] | bits[1]) & (some | unset):  # (a fact counted twice)
                rest.append(self._formula(part))
            else:
                some |= bits[0]
                unset |= bits[1]
        if not rest:
            return lambda facts: (
                (facts.cheap & some).bit_count() + (~facts.cheap & unset).bit_count() >= least
            )
        return lambda facts: (
            (facts.cheap & some).bit_count()
            + (~facts.cheap & unset).bit_count()
            + sum(1 for test in rest if test(facts))
            >= least
        )

    def _any(self, parts: Sequence[Check]) -> Formula:
        """Any of the parts: the cheap facts first, then the others in order."""
        some = unset = 0
        rest: list[Formula] = []
        for part in parts:
            cheap = self._cheap(part)
            if cheap is None:
                rest.append(self._formula(part))
            elif cheap[1] == 0:
                some |= cheap[0]  # a fact that must be set
            else:
                unset |= cheap[1]  # a fact that must be clear
        if not rest:
            return lambda facts: facts.cheap & some != 0 or ~facts.cheap & unset != 0
        return lambda facts: (
            facts.cheap & some != 0
            or ~facts.cheap & unset != 0
            or any(test(facts) for test in rest)
        )

    # -- evaluation ------------------------------------------------------------------------

    def facts(self, record: Record) -> Facts:
        """What the plan knows of a record before any formula runs: its cheap facts."""
        cheap = known = 0
        get = record.get
        values: list[_Value] = []
        append = values.append
        for field in self._order:  # (field.value, unrolled: this runs for every record)
            value = get(field.name)
            kind = type(value)
            if kind is str or value is None or kind is bool:
                found = field.memo.get(value)
                if found is None:
                    found = field.learn(value, value)
            else:
                found = field.value(value)
            append(found)
            cheap |= found.cheap
            known |= found.known
        return Facts(record, cheap, known, values)

    def found(self, i: int, facts: Facts) -> Any:
        """What was kept (see :meth:`keep`) for rule ``i`` with the values of this record's
        fields that the rule reads, or None."""
        reads = self._rule_reads[i]
        if reads is None:
            return None
        values = facts.values
        if len(reads) == 1:
            memo = values[reads[0]].found
            return None if memo is None else memo.get(i)
        kept = self._found[i].get(tuple(id(values[p]) for p in reads))
        if kept is not None and all(values[p] is v for p, v in zip(reads, kept[0], strict=True)):
            return kept[1]
        return None

    def keep(self, i: int, facts: Facts, made: _T) -> _T:
        """Keep what was worked out for rule ``i`` (which fired) from this record: a pure
        function of the values of the fields the rule reads, kept with them."""
        reads = self._rule_reads[i]
        if reads is None:
            return made
        values = facts.values
        if len(reads) == 1:
            value = values[reads[0]]
            if value.found is None:
                value.found = {}
            value.found[i] = made
            return made
        kept = self._found[i]
        if len(kept) >= _MEMO_MAX:
            kept.clear()
        these = tuple(values[p] for p in reads)
        kept[tuple(map(id, these))] = (these, made)  # (the values are kept: ids stay theirs)
        return made

    def fire(self, record: Record) -> tuple[Facts, Sequence[int]]:
        """The facts of a record, with the bits of the rules that fire set, and which fired
        (by position)."""
        facts = self.facts(record)
        fired = self._select_rules(facts)
        bits = self._rule_bits
        for i in fired:
            facts.cheap |= bits[i]
        return facts, fired


def _reads(check: Check) -> frozenset[str] | None:
    """The fields a check reads, or None if it also reads which rules fired (or is of a kind
    the plan does not know)."""
    if isinstance(check, (Missing, Present, Equals, Level)):
        return frozenset([check.name])
    if isinstance(check, Matches):
        return frozenset(check.names)
    if isinstance(check, Not):
        return _reads(check.inner)
    if isinstance(check, (AllOf, AnyOf, Count)):
        out: set[str] = set()
        for part in check.parts:
            reads = _reads(part)
            if reads is None:
                return None
            out |= reads
        return frozenset(out)
    return None


class _Bits:
    """A formula that is facts set and facts clear: ``facts.cheap & need == need`` and none
    of ``clear``."""

    __slots__ = ("clear", "need")

    def __init__(self, need: int, clear: int) -> None:
        self.need = need
        self.clear = clear

    def __call__(self, facts: Facts) -> bool:
        return facts.cheap & self.need == self.need and not facts.cheap & self.clear


def _all_bits(need: int, clear: int) -> Formula:
    return _Bits(need, clear)


class Select:
    """Which of several formulas hold for a record, in order. Those that are bits of the
    cheap facts are answered together, looked up by the bits they read; the others are asked
    one by one, unless their answers are remembered (see :meth:`_others`)."""

    __slots__ = ("known", "mask", "memo", "other", "others", "read", "simple")

    def __init__(
        self,
        formulas: Sequence[Formula],
        masks: Sequence[tuple[int, int] | None] | None = None,
    ) -> None:
        self.simple: list[tuple[int, int, int]] = []
        self.other: list[tuple[int, Formula]] = []
        self.mask = 0
        # The bits the other formulas read: facts (with the ``matches`` facts' answers), and
        # which ``matches`` facts are known; None if one of them reads anything else.
        read: int | None = 0
        known = 0
        for i, formula in enumerate(formulas):
            if isinstance(formula, _Bits):
                self.simple.append((i, formula.need, formula.clear))
                self.mask |= formula.need | formula.clear
            else:
                self.other.append((i, formula))
                bits = None if masks is None else masks[i]
                if bits is None or read is None:
                    read = None
                else:
                    read |= bits[0] | bits[1]
                    known |= bits[1]
        self.read = read
        self.known = known
        self.memo: dict[int, tuple[int, ...]] = {}
        self.others: dict[tuple[int, int], tuple[int, ...]] = {}

    def __call__(self, facts: Facts) -> Sequence[int]:
        key = facts.cheap & self.mask
        chosen = self.memo.get(key)
        if chosen is None:
            chosen = tuple(
                i for i, need, clear in self.simple if key & need == need and not key & clear
            )
            if len(self.memo) >= _MEMO_MAX:
                self.memo.clear()
            self.memo[key] = chosen
        if not self.other:
            return chosen
        extra = self._others(facts)
        return tuple(sorted(chosen + extra)) if extra else chosen

    def _others(self, facts: Facts) -> tuple[int, ...]:
        """The other formulas that hold. Each reads only bits of the facts, some of them
        ``matches`` facts that it searches for when they are not yet known (and the search
        makes them known). So their answers are a function of the facts' bits and of which
        ``matches`` facts are known: kept under those bits as they are after asking, they
        answer the next record that comes with the same bits."""
        read = self.read
        if read is None:
            return tuple(i for i, formula in self.other if formula(facts))
        known = self.known
        found = self.others.get((facts.cheap & read, facts.known & known))
        if found is None:
            found = tuple(i for i, formula in self.other if formula(facts))
            if len(self.others) >= _MEMO_MAX:
                self.others.clear()
            self.others[(facts.cheap & read, facts.known & known)] = found
        return found
