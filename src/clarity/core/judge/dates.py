"""Reading a deadline as a date: concrete, impossible, or not a date at all.

A deadline is concrete when it resolves to a real calendar date (or a dated recurrence, or an
event with its date): dateparser, a maintained library that reads absolute and relative dates
in running text, does the resolving. A day or a month is precise enough; a bare year ("this
year") is not. A date that cannot exist ("2026-02-31", "31 April") is reported as impossible:
python-dateutil, which dateparser itself builds on, refuses it with "day is out of range" or
"month must be in 1..12", and clarity asks it about each run of date-like words.

A run that is plainly a calendar date (a month name with a number, or an all-number date such
as 2026-03-14 or 14/03/2026) is read by python-dateutil alone: loading dateparser and searching
the text with it was 0.26 s of judging a first charter and half the time of judging a thousand
new ones, for dates dateutil reads the same way. Everything else ("next Friday", "in two weeks",
"the end of June") goes to dateparser.
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
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    "july|august|september|october|november|december"
)
#: Runs of words that could form a date: numbers, ordinals, month names and separators.
_DATE_RUN = re.compile(
    rf"(?:\b(?:\d{{1,4}}(?:st|nd|rd|th)?|{_MONTHS}|of)\b[\s./-]*){{2,4}}", re.IGNORECASE
)


#: A run that is plainly a calendar date: a month name (not the verb "may") next to a number,
#: or an all-number date with its separators.
_PLAIN_DATE = re.compile(
    rf"(?i:\b(?:{_MONTHS.replace('may|', '')})\b)|\bMay\b|^\d{{4}}-\d{{1,2}}-\d{{1,2}}$|"
    r"^\d{1,2}[./]\d{1,2}[./]\d{2,4}$"
)


@lru_cache(maxsize=1)
def _parser() -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings=_SETTINGS)


def _runs(text: str) -> Reading | None:
    """What the runs of date-like words say on their own: "impossible" when dateutil refuses
    one as a date that cannot exist, "date" when one is plainly a calendar date that dateutil
    reads, else None (dateparser must read the text)."""
    from dateutil import parser

    plain = False
    for match in _DATE_RUN.finditer(text):
        run = match.group().strip(" ./-")
        if not any(c.isdigit() for c in run):
            continue
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
    """What a reading depends on: the release (which pins the date libraries), the reference
    day and the precisions that count."""
    from clarity import __version__

    return f"{__version__}/{_BASE.date()}/{sorted(_PRECISE)}"


def _read(text: str) -> Reading:
    found = _runs(text)
    if found is not None:
        return found
    from dateparser.search import search_dates

    found = search_dates(text, languages=["en"], settings=_SETTINGS)
    for phrase, _when in found or []:
        data = _parser().get_date_data(phrase)
        if data.date_obj is not None and (data.period in _PRECISE or data.period is None):
            return "date"
    return "none"
