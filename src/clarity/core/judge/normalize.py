"""One normal form for every text clarity judges: the words, not their spelling.

``normalize`` is the only way a free-text answer reaches the judge (the word model, the
date reader and the evidence markers all read its output; the sentence encoder reads its first
steps, ``surface``, since it reads words in context as they were written):

* Unicode compatibility forms, curly quotes and dashes made plain, everything lower case;
* hyphens and slashes between words become spaces ("sign-off" reads as "sign off");
* numbers written as words become digits ("twenty percent" reads as "20 %");
* a word no English dictionary knows is replaced by the closest word of the judge's own
  vocabulary, when one is close enough ("dissapointed" reads as "disappointed");
* every word is reduced to its lemma ("approving", "approved" and "approves" read as "approve").

Lemmas come from simplemma (a maintained, dependency-free lemmatiser), its English dictionary
read a word at a time from a table shipped with clarity (``lexicon``: the same lemmas, the first
in a millisecond where decompressing simplemma's own took 0.19 s), the closest word from
rapidfuzz. The
number words are a small table: the libraries for them (word2number) convert a whole string to
one number and fail on running text, which is what answers are.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from clarity.core.judge.lexicon import LANGUAGE
from clarity.core.text import normalize as plain

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_WORDS = {"dozen": "12", "half": "0.5", "percent": "%", "per cent": "%", "pct": "%"}

#: A word, a number (with its decimal part), or one other visible character.
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*|[^\sa-z\d]")
_JOINERS = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-"})
_BETWEEN_WORDS = re.compile(r"(?<=[a-z])[-/](?=[a-z])")


def _numbers(words: list[str]) -> list[str]:
    """Runs of number words as one number: "two hundred and fifty" -> "250"."""
    out: list[str] = []
    total = current = 0
    run = False

    def close() -> None:
        nonlocal total, current, run
        if run:
            out.append(str(total + current))
        total = current = 0
        run = False

    for i, word in enumerate(words):
        if word in _UNITS:
            current += _UNITS[word]
            run = True
        elif word in _SCALES and run:
            if _SCALES[word] == 100:
                current *= 100
            else:
                total += current * _SCALES[word]
                current = 0
        elif word == "and" and run and i + 1 < len(words) and words[i + 1] in _UNITS:
            continue
        else:
            close()
            out.append(_WORDS.get(word, word))
    close()
    return out


@lru_cache(maxsize=1)
def _simplemma() -> tuple[Any, Any]:
    """simplemma's lemmatiser and dictionary lookup, reading the dictionary from clarity's
    table (``lexicon``) rather than decompressing simplemma's own."""
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy

    from clarity.core.judge.lexicon import Lexicon

    lexicon = Lexicon()
    lemmatizer = Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=lexicon))
    return lemmatizer, DictionaryLookupStrategy(lexicon)


@lru_cache(maxsize=65536)
def _lemma(word: str) -> str:
    lemmatizer, _ = _simplemma()
    return str(lemmatizer.lemmatize(word, LANGUAGE)).lower()


@lru_cache(maxsize=65536)
def _known(word: str) -> bool:
    _, lookup = _simplemma()
    return lookup.get_lemma(word, LANGUAGE) is not None


@lru_cache(maxsize=16)
def _ordered(vocabulary: frozenset[str]) -> list[str]:
    return sorted(vocabulary)


@lru_cache(maxsize=65536)
def _closest(word: str, vocabulary: frozenset[str]) -> str | None:
    """The vocabulary word closest to a misspelt one (similarity 0.8 or more), ties broken as
    difflib breaks them. rapidfuzz, not difflib: measured on text with a new word in every
    answer, difflib's search of a 5,000-word vocabulary took 70 % of judging time."""
    from rapidfuzz import fuzz, process

    found = process.extract(word, _ordered(vocabulary), scorer=fuzz.ratio, score_cutoff=80, limit=8)
    if not found:
        return None
    return max((score, choice) for choice, score, _ in found)[1]


def words(text: str) -> list[str]:
    """The surface words and numbers of a text, in order, lower case, numbers as digits."""
    return list(_words(text))


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    """``words``, remembered: every judge of a text reads its words (its own vocabulary only
    decides which unknown words are corrected)."""
    text = unicodedata.normalize("NFKC", plain(text)).translate(_JOINERS).lower()
    text = _BETWEEN_WORDS.sub(" ", text)
    return tuple(_numbers(_TOKEN.findall(text)))


def surface(text: str) -> str:
    """The surface form of a text, as the sentence encoder reads it: ``words`` joined (plain
    typography, lower case, numbers as digits), every word as written."""
    return " ".join(_words(text))


def normalize(text: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """The normal form of a text: lemmas of correctly spelt words, numbers as digits."""
    out = []
    for word in _words(text):
        unknown = word.isalpha() and len(word) > 3 and vocabulary and word not in vocabulary
        if unknown and not _known(word):
            word = _closest(word, vocabulary) or word
        out.append(_lemma(word) if word.isalpha() else word)
    return " ".join(out)
