"""The banks of phrasings a judge learns from: reading and checking a bank file, the
near-misses it borrows from its neighbours, the neutral asides its phrasings are also
trained inside (``ASIDES``) and the sound answers of whole healthy delegations (``SOUND``)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from clarity.core.errors import ClarityError, Location
from clarity.core.judge.forms import Agreement, Clauses, Confirmation
from clarity.core.judge.meaning import THRESHOLD, UNSURE_MARGIN
from clarity.core.judge.normalize import normalize, words

#: Bumped when the features, the training or the blend of a score change: stored weights and
#: kept decisions then no longer apply.
TRAINING_VERSION = "9"
#: Neutral lead-ins and tails the banks' phrasings are also trained inside (see
#: ``meaning.in_context``), kept beside the banks.
ASIDES = "context/asides.yaml"
#: Sound answers, by field, of whole healthy delegations written for tuning: each bank of the
#: field learns them as near-misses (a bank may say ``sound: false``), kept beside the banks.
SOUND = "context/sound.yaml"


class Bank:
    """A rule's bank: phrasings that must fire and near-misses that must not."""

    __slots__ = (
        "agree", "asides", "ask_from", "borrowed", "clauses", "confirm", "field", "fire", "floor",
        "in_context", "negatives_from", "passing", "rule", "sound", "source", "threshold",
        "with_sound",
    )  # fmt: skip

    def __init__(
        self,
        rule: str,
        field: str,
        fire: list[str],
        passing: list[str],
        source: str,
        threshold: float = THRESHOLD,
        negatives_from: tuple[str, ...] = (),
        floor: float = 0.0,
        in_context: bool = True,
        with_sound: bool = True,
        ask_from: float | None = None,
        confirm: Confirmation | None = None,
        agree: Agreement | None = None,
        clauses: Clauses | None = None,
    ) -> None:
        self.negatives_from = negatives_from
        #: A clause of a longer text that leaves the judge unsure from a lower score
        #: (``ask_on_clause``; see ``forms.Clauses``).
        self.clauses = clauses
        #: The other judges that make a text fire from a lower score (``agreed_by``; see
        #: ``forms.Agreement``).
        self.agree = agree
        #: The form that makes a text fire from a lower score (``confirmed_by``; see
        #: ``forms.Confirmation``).
        self.confirm = confirm
        #: From this score up the judge is unsure and its rule's follow-up is asked (unless set,
        #: from the threshold less ``UNSURE_MARGIN``); see ``Judge.decide``.
        self.ask_from = ask_from
        #: Under this score of the judge's screen a text is not encoded (see ``Meaning``).
        self.floor = floor
        #: The other banks' phrasings this bank trains on as near-misses (see ``Judges``).
        self.borrowed: list[str] = []
        #: Neutral lead-ins and tails its phrasings are also trained inside (see ``ASIDES``).
        self.asides: tuple[list[str], list[str]] = ([], [])
        #: Whether its phrasings are trained inside the asides too (a bank may say
        #: ``in_context: false``).
        self.in_context = in_context
        #: Sound answers of its field from healthy delegations (see ``SOUND``), learnt as
        #: near-misses unless the bank says ``sound: false``.
        self.sound: list[str] = []
        self.with_sound = with_sound
        self.rule = rule
        self.field = field
        self.fire = fire
        self.passing = passing
        self.source = source
        self.threshold = threshold

    def digest(self) -> str:
        data = json.dumps(
            [
                TRAINING_VERSION,
                self.rule,
                self.fire,
                self.passing,
                self.borrowed,
                self.threshold,
                self.floor,
                self.asides,
                self.sound,
            ],
            ensure_ascii=False,
        )
        return hashlib.sha256(data.encode()).hexdigest()[:16]

    @property
    def near_misses(self) -> list[str]:
        """Its own near-misses, as it trains on them: its pass phrasings and the sound answers
        of its field."""
        return self.passing + self.sound

    def vocabulary(self) -> frozenset[str]:
        texts = self.fire + self.near_misses + self.borrowed
        return frozenset(w for text in texts for w in words(text))


def load_bank(path: Path) -> Bank:
    """Read a bank file (through clarity's safe YAML reader), or say clearly what is wrong."""
    source = str(path)
    if not path.is_file():
        raise ClarityError(
            "no such bank of phrasings", location=Location(source),
            hint="a 'means' condition names a file banks/<NAME>.yaml beside the pack",
        )  # fmt: skip
    doc = _document(path)
    data = doc.data
    if not isinstance(data, dict):
        raise ClarityError("a bank must be a mapping", location=Location(source, 1, 1))
    fire, passing = data.get("fire"), data.get("pass")
    for key, items in (("fire", fire), ("pass", passing)):
        if not isinstance(items, list) or not items or not all(isinstance(t, str) for t in items):
            raise ClarityError(
                f"'{key}' must be a non-empty list of phrasings",
                location=doc.where((key,)) if key in data else Location(source, 1, 1),
                key=key,
            )
    threshold = _fraction(data, "threshold", THRESHOLD, doc, zero=False)
    floor = _fraction(data, "screen_floor", 0.0, doc, zero=True)
    if floor > threshold - UNSURE_MARGIN + 1e-9:
        raise ClarityError(
            f"'screen_floor' must stay under the threshold less {UNSURE_MARGIN} "
            f"({threshold - UNSURE_MARGIN:.2f}): a text the screen settles must not fire",
            location=doc.where(("screen_floor",)),
            key="screen_floor",
        )
    ask_from = _fraction(data, "ask_from", 0.0, doc, zero=False) if "ask_from" in data else None
    if ask_from is not None and not floor <= ask_from < threshold:
        raise ClarityError(
            f"'ask_from' must lie between the screen floor ({floor:.2f}) and the threshold "
            f"({threshold:.2f}): the follow-up is asked from there up to the threshold",
            location=doc.where(("ask_from",)),
            key="ask_from",
        )
    confirm = _confirmation(data, doc, floor, threshold) if "confirmed_by" in data else None
    agree = _agreement(data, doc, floor, threshold, path) if "agreed_by" in data else None
    clauses = _in_clauses(data, doc, floor, threshold) if "ask_on_clause" in data else None
    borrowed = data.get("negatives_from") or []
    if not isinstance(borrowed, list) or not all(isinstance(b, str) for b in borrowed):
        raise ClarityError(
            "'negatives_from' must be a list of bank names",
            location=doc.where(("negatives_from",)), key="negatives_from",
        )  # fmt: skip
    assert isinstance(fire, list) and isinstance(passing, list)
    return Bank(
        str(data.get("rule", path.stem)), str(data.get("field", "")), fire, passing, source,
        threshold, tuple(borrowed), floor, _switch(data, "in_context", doc),
        _switch(data, "sound", doc), ask_from, confirm, agree, clauses,
    )  # fmt: skip


def _confirmation(data: dict[str, Any], doc: Any, floor: float, threshold: float) -> Confirmation:
    """A bank's ``confirmed_by: {from: SCORE, words: [LEMMA, ...], unless: [LEMMA, ...]}``
    (``unless`` may be left out), or a clear error."""
    spec, start = _lowered(
        data, "confirmed_by", "words", "'words' and, if need be, 'unless' (lists of words)",
        doc, floor, threshold,
    )  # fmt: skip
    lists = [_lemmas(spec, key, doc) for key in ("words", "unless") if key in spec]
    return Confirmation(start, *lists)


def _agreement(
    data: dict[str, Any], doc: Any, floor: float, threshold: float, path: Path
) -> Agreement:
    """A bank's ``agreed_by: {from: SCORE, judges: {BANK: SCORE, ...}, unless: [LEMMA, ...]}``
    (``unless`` may be left out), or a clear error. Each judge is a bank beside this one."""
    spec, start = _lowered(
        data, "agreed_by", "judges",
        "'judges' (bank names and the score each must reach) and, if need be, 'unless' (a list "
        "of words)",
        doc, floor, threshold,
    )  # fmt: skip
    judges = spec["judges"]
    if not isinstance(judges, dict) or not judges:
        raise ClarityError(
            "'agreed_by.judges' must map bank names to the score each must reach",
            location=doc.where(("agreed_by", "judges")), key="agreed_by",
        )  # fmt: skip
    for name in judges:
        plain = isinstance(name, str) and name.replace("-", "").replace("_", "").isalnum()
        if not plain or name == path.stem or not (path.parent / f"{name}.yaml").is_file():
            raise ClarityError(
                f"'agreed_by.judges' names {name!r}, which is no other bank beside this one",
                location=doc.where(("agreed_by", "judges", name)), key="agreed_by",
                hint=f"add banks/{name}.yaml, or name another bank",
            )  # fmt: skip
    scores = tuple(
        (str(name), _fraction(judges, name, 0.0, doc, zero=False, under=("agreed_by", "judges")))
        for name in judges
    )
    unless = _lemmas(spec, "unless", doc, "agreed_by") if "unless" in spec else ()
    return Agreement(start, scores, unless)


def _in_clauses(data: dict[str, Any], doc: Any, floor: float, threshold: float) -> Clauses:
    """A bank's ``ask_on_clause: {from: SCORE, score: SCORE}``, or a clear error: ``score``,
    what one clause alone must reach, is no lower than the threshold."""
    key = "ask_on_clause"
    spec, start = _lowered(
        data, key, "score", "'score' (what one clause must reach)", doc, floor, threshold, ()
    )
    score = _fraction(spec, "score", 0.0, doc, zero=False, under=(key,))
    if score < threshold:
        raise ClarityError(
            f"'{key}.score' must lie between the threshold ({threshold:.2f}) and 1: a clause "
            "must say the flaw alone",
            location=doc.where((key, "score")), key=key,
        )  # fmt: skip
    return Clauses(start, score)


def _lowered(
    data: dict[str, Any],
    key: str,
    what: str,
    shape: str,
    doc: Any,
    floor: float,
    threshold: float,
    optional: tuple[str, ...] = ("unless",),
) -> tuple[dict[str, Any], float]:
    """The mapping under ``key`` (``confirmed_by``, ``agreed_by`` or ``ask_on_clause``:
    ``from``, ``what`` and perhaps ``optional``) and its ``from``, a score between the screen
    floor and the threshold from which the bank's flaw fires (or is asked about) on more
    evidence; or a clear
    error."""
    spec = data[key]
    if not isinstance(spec, dict) or not {"from", what} <= set(spec) <= {"from", what, *optional}:
        raise ClarityError(
            f"'{key}' must be a mapping of 'from' (a score), {shape}",
            location=doc.where((key,)), key=key,
        )  # fmt: skip
    start = _fraction(spec, "from", 0.0, doc, zero=False, under=(key,))
    if not floor <= start < threshold:
        raise ClarityError(
            f"'{key}.from' must lie between the screen floor ({floor:.2f}) and the threshold "
            f"({threshold:.2f})",
            location=doc.where((key, "from")), key=key,
        )  # fmt: skip
    return spec, start


def _lemmas(
    spec: dict[str, Any], key: str, doc: Any, under: str = "confirmed_by"
) -> tuple[str, ...]:
    """A list of ``confirmed_by`` (or ``agreed_by``) words, each in normal form, or a clear
    error."""
    found = spec[key]
    if not isinstance(found, list) or not found:
        raise ClarityError(
            f"'{under}.{key}' must be a non-empty list of words",
            location=doc.where((under, key)), key=under,
        )  # fmt: skip
    for index, word in enumerate(found):
        # (the words are looked for in a text's normal form: they must be in it themselves)
        if not isinstance(word, str) or not word.strip() or normalize(word) != word:
            shown = normalize(word) if isinstance(word, str) and word.strip() else ""
            raise ClarityError(
                f"'{under}.{key}' item {word!r} is not in normal form",
                location=doc.where((under, key, index)), key=under,
                hint=f"write it as '{shown}' (lower case, lemmas)" if shown else None,
            )  # fmt: skip
    return tuple(found)


def _switch(data: dict[str, Any], key: str, doc: Any) -> bool:
    """A bank's yes-or-no setting (true unless it says otherwise), or a clear error."""
    from clarity.core.record import parse_bool

    value = parse_bool(data.get(key, True))
    if not isinstance(value, bool):
        raise ClarityError(f"'{key}' must be true or false", location=doc.where((key,)), key=key)
    return value


def _document(path: Path) -> Any:
    """A banks folder's YAML file, read through clarity's safe reader under its limits."""
    from clarity.core.limits import DEFAULT_LIMITS
    from clarity.core.reading.yamlsafe import load_yaml, read_text

    source = str(path)
    return load_yaml(read_text(path, source, DEFAULT_LIMITS), source, DEFAULT_LIMITS)


def _fraction(
    data: dict[str, Any],
    key: str,
    default: float,
    doc: Any,
    zero: bool,
    under: tuple[str, ...] = (),
) -> float:
    """A bank's number between 0 and 1 (``threshold``, or ``screen_floor``, which may be 0),
    or a clear error; ``under``: the keys of the mapping ``data`` is, in the document."""
    try:
        value = float(data.get(key, default))
        if not (0.0 < value < 1.0 or (zero and value == 0.0)):
            raise ValueError(value)
    except (TypeError, ValueError):
        raise ClarityError(
            f"'{key}' must be a number between 0 and 1",
            location=doc.where((*under, key)),
            key=key,
        ) from None
    return value


def load_asides(path: Path) -> tuple[list[str], list[str]]:
    """Neutral lead-ins (``before``) and tails (``after``) from a file such as a banks folder's
    ``ASIDES`` (none if there is no such file), or a clear error."""
    if not path.is_file():
        return [], []
    source = str(path)
    doc = _document(path)
    data = doc.data if isinstance(doc.data, dict) else {}
    found: list[list[str]] = []
    for key in ("before", "after"):
        items = data.get(key)
        if not isinstance(items, list) or not all(isinstance(t, str) and t.strip() for t in items):
            raise ClarityError(
                f"'{key}' must be a list of texts",
                location=doc.where((key,)) if key in data else Location(source, 1, 1),
                key=key, hint="see rules/banks/context/asides.yaml for the form",
            )  # fmt: skip
        found.append(items)
    return found[0], found[1]


def load_sound(path: Path) -> dict[str, list[str]]:
    """Sound answers by field from a file such as a banks folder's ``SOUND`` (none if there is
    no such file), or a clear error."""
    if not path.is_file():
        return {}
    doc = _document(path)
    data = doc.data if isinstance(doc.data, dict) else None
    if data is None:
        raise ClarityError(
            "sound answers must be a mapping of a field to its answers",
            location=Location(str(path), 1, 1),
        )
    for key, items in data.items():
        if not isinstance(items, list) or not all(isinstance(t, str) and t.strip() for t in items):
            raise ClarityError(
                f"'{key}' must be a list of texts", location=doc.where((key,)), key=str(key),
                hint="see rules/banks/context/sound.yaml for the form",
            )  # fmt: skip
    return {str(k): list(v) for k, v in data.items()}


def load_banks(folder: Path, name: str) -> Bank:
    """A bank with the near-misses it borrows from the other banks of its folder, the folder's
    neutral asides and the sound answers of its field."""
    bank = load_bank(folder / f"{name}.yaml")
    if bank.in_context:
        bank.asides = load_asides(folder / ASIDES)
    if bank.with_sound:
        known = set(bank.fire) | set(bank.passing)
        bank.sound = [t for t in load_sound(folder / SOUND).get(bank.field, []) if t not in known]
    for ref in bank.negatives_from:
        other_name, _, part = ref.partition(":")
        other = load_bank(folder / f"{other_name}.yaml")
        if part in ("", "fire"):
            bank.borrowed += other.fire
        if part in ("", "pass"):
            bank.borrowed += other.passing
    return bank
