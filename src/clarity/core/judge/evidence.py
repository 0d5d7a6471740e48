"""Structural markers read off a normalized text: what regular expressions do well.

These are not phrase lists of vagueness: each marker is a piece of structure that positive
evidence or its absence rests on (a number, a threshold, a condition, a universal quantifier,
who is speaking). The meaning model weighs them with the embedding; a marker alone decides
nothing.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

#: name -> pattern over ``normalize``'s output (lemmas, lower case, numbers as digits).
MARKERS: dict[str, re.Pattern[str]] = {
    "number": re.compile(r"\d"),
    "threshold": re.compile(
        r"\b(under|over|above|below|beyond|less than|more than|few than|at least|at most|"
        r"within|up to|no more than|max|maximum|min|minimum|exceed)\b ?[^\s\d]{0,4} ?\d|[<>≤≥] ?\d"
    ),
    "percent": re.compile(r"%"),
    "universal": re.compile(
        r"\b(every|any|all|each|everything|anything|nothing|whatever|always)\b"
    ),
    "negation": re.compile(r"\b(no|not|never|without|nobody|none)\b|n't\b"),
    "condition": re.compile(r"\b(if|unless|until|once|when|whenever|provide|as long as)\b"),
    # An open choice over whether something is done at all (a standard left to discretion).
    "choice": re.compile(
        r"\b(whether|or not|optional|worth|bother|at all|skip|waive|drop|bend|ignore|bypass|"
        r"shortcut|cut corner|relax|loosen|exception)\b"
    ),
    # Success made to hang on something else (an outcome outside one's control) ...
    "contingent": re.compile(
        r"\b(depend|unless|provide|as long as|subject to|hinge|rely|luck|hope|assume|if)\b"
    ),
    # ... or the outside factor taken out of the measure.
    "neutral": re.compile(
        r"\b(regardless|constant|irrespective|exclude|excluding|net of|adjust|whatever the|"
        r"independent)\b"
    ),
    "speaker": re.compile(r"\b(i|me|my|we|us|our)\b"),
    "addressee": re.compile(r"\b(you|your|they|them|their|he|she|team)\b"),
}


@lru_cache(maxsize=4096)
def markers(normalized: str) -> tuple[float, ...]:
    """The markers as 0/1 features, in ``MARKERS`` order, and the text's length (log words).
    Remembered: every judge of a text reads the same normal form."""
    found = [1.0 if pattern.search(normalized) else 0.0 for pattern in MARKERS.values()]
    found.append(math.log1p(normalized.count(" ") + 1))
    return tuple(found)


FEATURES = len(MARKERS) + 1
