"""What lets a judge fire under its threshold: evidence besides its own score, named by a bank.

* ``Confirmation`` (``confirmed_by``): words in a text's normal form that state the flaw
  outright;
* ``Agreement`` (``agreed_by``): other judges, each trained on one part of the flaw, that say
  so about the same text;
* ``Clauses`` (``ask_on_clause``): one clause of a longer answer that says the flaw alone,
  which leaves the judge unsure (its rule's follow-up is asked) rather than firing.

The first two carry ``unless`` words that rule them out. The judge (``Judge.decide``) reads
each only for a text whose score reaches its ``from``.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple


class Confirmation(NamedTuple):
    """Structure that confirms a flaw under the threshold (a bank's ``confirmed_by``): a text
    whose normal form holds one of ``words`` (whole words, as lemmas), and none of ``unless``,
    fires from the score ``start``. The judge reads what a text is about; some flaws also have
    a form that says so outright, such as a standard's obligation itself put in question
    ("whether it is worth doing", "if they need it or not"), unless the text says the thing is
    on top of the standard ("an extra check", "the optional module"). Measured on the
    development part, B107's scores of such texts spread from 0.4 to 0.9 while sound answers of
    regulated trades reached 0.87; the form alone is no flaw either ("no need to ring me")."""

    start: float
    words: tuple[str, ...]
    unless: tuple[str, ...] = ()

    def holds(self, normal: str) -> bool:
        """Whether a normal form has the confirming form."""
        return _any_of(self.words).search(normal) is not None and not (
            self.unless and _any_of(self.unless).search(normal)
        )


class Agreement(NamedTuple):
    """Other judges that confirm a flaw under the threshold (a bank's ``agreed_by``): a text
    whose score reaches ``start`` fires when each judge of ``judges`` (a bank name and the
    score it must reach) says so about the same text, and its normal form holds none of
    ``unless``. Some flaws are two things at once: B107, a standard left open, is a decision
    right whose subject a standard governs (safety, law, a protocol) and whose discretion
    reaches the substance (whether it is done, how often, how strictly, its limit). A judge
    trained on each of those alone, over everyday and regulated subjects alike, tells them
    apart where B107's own judge, trained on the flaw and its near-misses, blurred them: on
    the development part its scores of standards left open in quiet words spread from 0.0 to
    0.9. The unless words say the discretion sits inside a bound or on top of the standard
    ("within the load limits", "extra sampling on top of the permit minimum")."""

    start: float
    judges: tuple[tuple[str, float], ...]
    unless: tuple[str, ...] = ()

    def blocked(self, normal: str) -> bool:
        """Whether a normal form says the discretion is bounded or on top of the standard."""
        return bool(self.unless) and _any_of(self.unless).search(normal) is not None


class Clauses(NamedTuple):
    """A flaw perhaps stated in one clause of a longer answer (a bank's ``ask_on_clause``): a
    text whose score reaches ``start``, under the threshold, leaves the judge unsure when one
    of its clauses (``clauses``), judged alone, reaches ``score``. A judge reads a whole answer
    at once, so a flaw said in a clause of a long one is diluted by the sound rest: "Line 2 at
    3 tonnes an hour, and the market price of rubber crumb going back above 180 a tonne so
    that the line makes a profit" scored 0.30 for C113 (outcome outside their control), under
    its 0.35, while its second clause alone scored 1.00. Read alone, a clause also loses what
    the rest says of it ("Weekend covers go up and down with the weather, so let's judge you on
    ticket times" fired on its first clause), so a clause only leads the judge to ask: on the
    evaluation part, letting it fire flagged a healthy delegation."""

    start: float
    score: float


#: Where a clause ends: a sentence's end, a dash between words, a comma, or a word that hangs
#: a condition or a cause on what comes before it ("with", "once", "after", "thanks to", ...)
#: or, like "whatever", "despite" and "regardless of", takes one out (unless one follows
#: another: "despite whatever they do"). A force outside the person's hands is often hung on
#: a sound target by such a word, without a comma ("... by 30 June once the council approves
#: it"): splitting at commas before joining words only, the clause form asked about 20 of 30
#: fresh flawed outcomes; at every comma and before these words, 26 (the development
#: phrasings: 174 -> 187 of 230 flawed, 12 -> 16 of 230 sound; twentieth round).
_SENTENCE_END = r"(?<=[.;!?])\s+"
_DASH = r"\s+[-\u2013\u2014]+\s+"
_COMMA = r",\s+"
_HUNG = (
    r"(?<=[\w%)])\s+(?=(?:with|once|after|given|thanks to|assuming|provided|if|as long as|so that|"
    r"which needs|contingent|depending|subject to|when|unless|barring|as)\b)"
)
_OPENED = r"(?<!despite)(?<!\bof)\s+(?=(?:whatever|despite|regardless of)\b)"
_CLAUSE_BREAK = re.compile("|".join((_SENTENCE_END, _DASH, _COMMA, _HUNG, _OPENED)), re.IGNORECASE)
#: Bumped when the split changes, so that remembered clause readings are not reused.
SPLIT = 3
#: Shorter pieces ("so", "and then") are no clause to judge alone.
_SHORTEST = 13


def clauses(text: str) -> list[str]:
    """The clauses of an answer, as written, when it has more than one; else none."""
    parts = [part.strip() for part in _CLAUSE_BREAK.split(text)]
    parts = [part for part in parts if len(part) >= _SHORTEST]
    return parts if len(parts) > 1 else []


#: Each form's key in a bank and in its stored weights, by the attribute of a bank (or a
#: trained judge) that holds it.
KEYS = (("confirm", "confirmed_by"), ("agree", "agreed_by"), ("clauses", "ask_on_clause"))


def forms_of(holder: object) -> dict[str, Confirmation | Agreement | Clauses]:
    """The forms a bank (or a trained judge) names, by their keys."""
    found = {key: getattr(holder, name) for name, key in KEYS}
    return {key: form for key, form in found.items() if form is not None}


def shown(form: Confirmation | Agreement | Clauses) -> dict[str, object]:
    """A form as a bank's author writes it (``from``, lists, the judges as a mapping)."""
    data: dict[str, object] = {"from": form.start}
    for name, value in form._asdict().items():
        if name == "judges":
            data[name] = dict(value)
        elif name != "start":
            data[name] = list(value) if isinstance(value, tuple) else value
    return data


def stored_forms(
    data: dict[str, Any],
) -> tuple[Confirmation | None, Agreement | None, Clauses | None]:
    """The forms a stored judge names (``confirmed_by``, ``agreed_by``, ``ask_on_clause`` of
    its weights, as ``weights.write_weights`` writes them): each None where it names none."""
    confirm = agree = clauses = None
    if (found := data.get("confirmed_by")) is not None:
        confirm = Confirmation(
            float(found["start"]),
            tuple(str(w) for w in found["words"]),
            tuple(str(w) for w in found.get("unless", ())),
        )
    if (found := data.get("agreed_by")) is not None:
        agree = Agreement(
            float(found["start"]),
            tuple((str(name), float(score)) for name, score in found["judges"]),
            tuple(str(w) for w in found.get("unless", ())),
        )
    if (found := data.get("ask_on_clause")) is not None:
        clauses = Clauses(float(found["start"]), float(found["score"]))
    return confirm, agree, clauses


#: In a form's words, ``#`` stands for a number as the normal form writes it, with its currency
#: and unit ("up to 10", "max 2.5", "up to £ 500", "10k"), so that a word list can say "a cap
#: the leader set" without listing figures.
NUMBER = "#"
_NUMBER = r"(?:[£$€¥] )?\d[\d.,]*\w*"


def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    escaped = (re.escape(word).replace(re.escape(NUMBER), _NUMBER) for word in words)
    return re.compile(r"\b(?:" + "|".join(escaped) + r")\b")
