"""Reading a deadline as a date: concrete, impossible, or not a date at all.

A deadline is concrete when it resolves to a real calendar date (or a dated recurrence, or an
event with its date): dateparser, a maintained library that reads absolute and relative dates
in running text, does the resolving. A day or a month is precise enough; a bare year ("this
year") is not. A date that cannot exist ("2026-02-31", "31 April") is reported as impossible:
python-dateutil, which dateparser itself builds on, refuses it with "day is out of range" or
"month must be in 1..12", and clarity asks it about each run of date-like words (ordinals
written as words read as numbers first: "the thirty-first of April"). dateutil reads a day past
any month's end as a year ("32 March" is March 2032), so a day-like number (29 to 39) written
with a month is checked against that month's last day.

A run that is plainly a calendar date (a month name with a number, or an all-number date such
as 2026-03-14 or 14/03/2026) is read by python-dateutil alone: loading dateparser and searching
the text with it was 0.26 s of judging a first charter and half the time of judging a thousand
new ones, for dates dateutil reads the same way. A text with no digit and none of the words
dateparser reads as part of a date ("we'll catch up", "whenever") holds no date either, and is
not searched. Everything else ("next Friday", "in two weeks", "the end of June") goes to
dateparser.

Two readings of those libraries are wrong for deadlines and are corrected here, measured on
fresh delegations where they turned vague deadlines into dates and a sound one into an
impossible date:
- dateparser's search takes short English words for day and month names: "before we launch"
  ("we": Wednesday), "it may slip" (May), "when the sun is out" (Sunday), "as soon as we can".
  A phrase it finds counts only when something in it besides such words and the little words
  around them says a date; "May", "Sat" or "Wed" count when capitalised or after a word that
  leads a date ("by may", "end of mar"). The phrase is found in the text as a whole word
  ("we" is not the start of "wet"), and dateparser's own filler words ("just", "about") are
  little words too ("we just keep going" is not a date).
- dateutil reads a range of numbers ("plots 13-18") as a day and a month: only runs with a
  month name, or numbers in a date's three parts, are asked whether they can exist.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from typing import Any, Literal

Reading = Literal["date", "impossible", "none"]

#: Today, for relative dates ("next Friday"): only whether they resolve matters, not to what.
_BASE = _dt.datetime(2026, 1, 5)
_SETTINGS = {"RELATIVE_BASE": _BASE, "PREFER_DATES_FROM": "future"}
_PRECISE = {"day", "week", "month", "time"}
#: Bumped when the reading changes, so that readings remembered in the cache are not reused.
READER = 4
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    "july|august|september|october|november|december"
)
#: Runs of words that could form a date: numbers, ordinals, month names and separators.
_DATE_RUN = re.compile(
    rf"(?:\b(?:\d{{1,4}}(?:st|nd|rd|th)?|{_MONTHS}|of)\b[\s./-]*){{2,4}}", re.IGNORECASE
)


#: Words dateparser reads as a day or a month that in running English are nearly always words,
#: and the little words around a date ("before we": not a date).
_WORDLIKE = frozenset({"we", "mo", "tu", "th", "fr", "sa", "su", "sat", "sun", "wed", "mar", "may"})
_LITTLE = frozenset({
    "a", "an", "the", "after", "before", "by", "on", "at", "in", "of", "to", "until", "till",
    "til", "from", "this", "that", "next", "last", "every", "each", "and", "or", "when", "once",
    "just", "about",
})  # fmt: skip
#: Words after which a short day or month name is one ("by may", "end of mar", "on sat").
_LEADS = frozenset({"by", "on", "until", "till", "til", "before", "next", "this", "in", "of",
                    "from", "coming", "mid", "early", "late", "end"})  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+|\d+")
#: The English words dateparser reads as part of a date (its month and day names, units,
#: relative words, numbers as words), less the little words above and the two-letter day names
#: that never count alone: a text with none of them and no digit holds nothing its search could
#: find that counts, so dateparser is not loaded for it ("we'll catch up", "whenever"). Loading
#: it and searching a first text costs about 0.5 s (its timezone patterns are compiled on the
#: first search). Derived from dateparser's own data by :func:`dateparser_words`; a test checks
#: the two still agree.
_DATE_WORDS = frozenset({
    "afternoon", "ago", "am", "apr", "april", "aug", "august", "bat", "centur", "centuries",
    "century", "date", "day", "days", "dec", "decade", "decades", "december", "early", "eight",
    "eighteen", "eighty", "eleven", "evening", "feb", "february", "fifteen", "fifty", "five",
    "fortnight", "fortnights", "forty", "four", "fourteen", "fri", "friday", "hour", "hours",
    "hr", "hrs", "hundred", "ies", "jan", "january", "jul", "july", "jun", "june", "later",
    "less", "mar", "march", "may", "midnight", "min", "mins", "minute", "minutes", "mon",
    "monday", "mons", "month", "months", "morning", "mos", "mth", "night", "nine", "nineteen",
    "ninety", "noon", "nov", "november", "now", "oct", "october", "one", "ordinal", "pm", "sat",
    "saturday", "sec", "second", "seconds", "secs", "sep", "sept", "september", "seven",
    "seventeen", "seventy", "six", "sixteen", "sixty", "small", "sun", "sunday", "ten", "than",
    "thirteen", "thirty", "three", "thu", "thursday", "time", "today", "tomorrow", "tonight",
    "tue", "tues", "tuesday", "twelve", "twenty", "two", "wed", "wednesday", "wee", "week",
    "weeks", "wk", "wks", "year", "years", "yesterday", "yr", "yrs"
})  # fmt: skip
_RANGE = re.compile(r"\s*\d+\s*[-\u2013\u2014]\s*\d+\s*")


#: A numeric date on its own (ISO, or day/month/year): read by itself too, so that a time or a
#: word after it ("2027-14-01 9:00") does not hide a month that cannot exist.
_NUMERIC = r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
_NUMERIC_DATE = re.compile(rf"\b(?:{_NUMERIC})\b")
#: A day-like number (29 to 39, maybe an ordinal) next to a month name: dateutil reads
#: "32 March" as March 2032, so a day past the month's end is checked here.
_DAY_MONTH = re.compile(
    rf"\b(?:(\d{{2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTHS})|({_MONTHS})\s+(?:the\s+)?"
    rf"(\d{{2}})(?:st|nd|rd|th)?)\b",
    re.IGNORECASE,
)
#: The most days each month can have (February in a leap year).
_LAST_DAY = {m: d for m, d in zip(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), strict=True,
)}  # fmt: skip
_ORDINAL_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
#: Ordinals written as words ("the thirty-first of April"), read as numbers ("31st").
_ORDINAL_WORDS = re.compile(
    r"\b(?:(twenty|thirty)[\s-]?)?(" + "|".join(_ORDINAL_UNITS) + r")\b", re.IGNORECASE
)


def _ordinal(match: re.Match[str]) -> str:
    tens = {"twenty": 20, "thirty": 30}.get((match.group(1) or "").lower(), 0)
    return f"{tens + _ORDINAL_UNITS[match.group(2).lower()]}th"


def _past_month_end(text: str) -> bool:
    """A day-like number beyond the last day of the month it is written with."""
    for match in _DAY_MONTH.finditer(text):
        day, month = (match.group(1), match.group(2)) if match.group(1) else match.group(4, 3)
        if int(day) > _LAST_DAY[month[:3].lower()] and int(day) < 40:
            return True
    return False


#: A run that is plainly a calendar date: a month name (not the verb "may") next to a number,
#: or an all-number date with its separators.
_PLAIN_DATE = re.compile(rf"(?i:\b(?:{_MONTHS.replace('may|', '')})\b)|\bMay\b|^(?:{_NUMERIC})$")
_MONTH_NAME = re.compile(rf"\b(?:{_MONTHS})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _parser() -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings=_SETTINGS)


def _runs(text: str) -> Reading | None:
    """What the runs of date-like words say on their own: "impossible" when dateutil refuses
    one as a date that cannot exist, "date" when one is plainly a calendar date that dateutil
    reads, else None (dateparser must read the text)."""
    from dateutil import parser

    text = _ORDINAL_WORDS.sub(_ordinal, text)
    if _past_month_end(text):
        return "impossible"
    plain = False
    runs = [m.group() for m in _DATE_RUN.finditer(text)] + _NUMERIC_DATE.findall(text)
    for run in runs:
        run = run.strip(" ./-")
        if not any(c.isdigit() for c in run):
            continue
        if not _MONTH_NAME.search(run) and not _NUMERIC_DATE.fullmatch(run):
            continue  # numbers alone, such as a range ("13-18"), are not a date
        try:
            parser.parse(run, default=_BASE)
        except (ValueError, OverflowError) as exc:
            reason = str(exc)
            if "out of range" in reason or "must be in" in reason:
                return "impossible"
        else:
            plain = plain or bool(_PLAIN_DATE.search(run))
    return "date" if plain else None


@lru_cache(maxsize=4096)
def read_date(text: str) -> Reading:
    """Whether a deadline names a real date, a date that cannot exist, or no date (a text
    read before comes from the user's cache: the date parser is then never loaded)."""
    from clarity.core.judge.memory import cached

    found: Reading = cached("date", _version(), text, _read, _reading)
    return found


def _reading(value: str) -> Reading:
    if value not in ("date", "impossible", "none"):
        raise ValueError(value)
    return value  # type: ignore[return-value]


def _version() -> str:
    """What a reading depends on: the release (which pins the date libraries), the reader's
    revision, the reference day and the precisions that count."""
    from clarity import __version__

    return f"{__version__}/{READER}/{_BASE.date()}/{sorted(_PRECISE)}"


def _read(text: str) -> Reading:
    found = _runs(text)
    if found is not None:
        return found
    if _nothing_to_find(text):
        return "none"
    from dateparser.search import search_dates

    found = search_dates(text, languages=["en"], settings=_SETTINGS)
    for phrase, _when in found or []:
        if not _says_a_date(phrase, text):
            continue
        data = _parser().get_date_data(phrase)
        if data.date_obj is not None and (data.period in _PRECISE or data.period is None):
            return "date"
    return "none"


def _nothing_to_find(text: str) -> bool:
    """Whether a text has no digit and no word of :data:`_DATE_WORDS` (ordinals written as
    words read as numbers first)."""
    text = _ORDINAL_WORDS.sub(_ordinal, text)
    if any(c.isdigit() for c in text):
        return False
    return _DATE_WORDS.isdisjoint(word.lower() for word in _WORD.findall(text))


def dateparser_words() -> frozenset[str]:
    """The words :data:`_DATE_WORDS` holds, as dateparser's English data gives them today
    (loads dateparser: for the test that keeps the two in step)."""
    from dateparser.data.date_translation_data import en

    found: set[str] = set()

    def collect(value: object) -> None:
        if isinstance(value, str):
            found.update(w for w in _WORD.findall(value.lower()) if len(w) > 1 and w.isalpha())
        elif isinstance(value, dict):
            for key, item in value.items():
                collect(key)
                collect(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                collect(item)

    # (the locale-specific parts are read as data of their own)
    structural = {"name", "date_order", "skip", "pertain", "sentence_splitter_group",
                  "locale_specific"}  # fmt: skip
    for data in [en.info, *en.info.get("locale_specific", {}).values()]:
        collect([v for k, v in data.items() if k not in structural])
    short_names = {w for w in _WORDLIKE if len(w) <= 2}
    return frozenset(found - _LITTLE - set(en.info["skip"]) - short_names)


def _says_a_date(phrase: str, text: str) -> bool:
    """Whether a phrase dateparser found in the text says a date: a number, or a word that is
    neither one of the little words around a date nor a short English word it took for a day
    or a month ("we", "may", "sun"), unless that word is capitalised or led ("by may"). Two
    numbers alone ("13-18") are a range, not a date."""
    if _RANGE.fullmatch(phrase):
        return False
    found = re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)
    start = found.start() if found else -1  # (as a whole: "we" is not the start of "wet")
    words = [(m.group(), m.start()) for m in _WORD.finditer(text)]
    if start < 0:  # (not found as written: judge the phrase alone)
        words, start = [(m.group(), m.start()) for m in _WORD.finditer(phrase)], 0
    end = start + len(phrase)
    for i, (word, at) in enumerate(words):
        if not start <= at < end:
            continue
        lower = word.lower()
        if word.isdigit() or (lower not in _LITTLE and lower not in _WORDLIKE):
            return True
        if lower in _WORDLIKE and len(word) > 2:
            before = words[i - 1][0].lower() if i else ""
            if word[0].isupper() or before in _LEADS:
                return True
    return False
