"""Deadlines read as dates: real, impossible or none, and dateparser only when needed."""

from __future__ import annotations

import pytest

from clarity.core.judge.dates import read_date


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("2026-02-31", "impossible"),
        ("by 31 April, end of day", "impossible"),
        ("29 Feb 2027", "impossible"),
        ("hand it in on 2026-13-02 at 9:00", "impossible"),
        ("the 33rd of May", "impossible"),
        ("no later than June the 31st", "impossible"),
        ("on the thirty-first of September", "impossible"),
        ("the thirtieth of November", "date"),
        ("first draft by the first of March", "date"),
        ("30 August 2027 17:30", "date"),
        ("send 45 March invoices by 2 April", "date"),
        ("29 February 2028", "date"),
        ("Friday 12 March", "date"),
        ("every Monday by 10:00, starting 2026-12-07", "date"),
        ("in two weeks", "date"),
        ("ASAP", "none"),
        ("before the launch", "none"),
        ("sometime this year", "none"),
        # short words dateparser takes for days and months are words here
        ("as soon as we can", "none"),
        ("once we're through the busy season", "none"),
        ("it may slip a bit, that's fine", "none"),
        ("when the sun finally shows up", "none"),
        ("by may", "date"),
        ("end of mar", "date"),
        ("on Sat", "date"),
        ("by Wed", "date"),
        # a range of numbers is not a date; two numbers with a slash are a day and a month
        ("rooms 13-18 first, whenever", "none"),
        ("blocks 13-18 by Friday 30 October 2026", "date"),
        ("no later than 31/01", "date"),
        # a phrase dateparser finds counts only as a whole word, beside words that say a date
        ("whenever, we just need it done", "none"),
        ("after the wet winter, once we've dried out", "none"),
        ("draft 10/02, final 24/02", "date"),
    ],
)
def test_deadlines_are_read_as_dates(text: str, reading: str) -> None:
    assert read_date(text) == reading


@pytest.mark.parametrize(
    ("text", "reading", "loaded"),
    [
        ("by 14 March 2027", "date", False),
        ("2027-03-14, end of day", "date", False),
        ("14/03/2027", "date", False),
        ("next Friday", "date", True),
        ("in a fortnight", "date", True),
        ("before the spring fair", "none", False),
        ("we'll catch up", "none", False),
        ("whenever it's ready, no stress", "none", False),
        ("by the end of the week", "none", True),
    ],
)
def test_dateparser_is_loaded_only_for_a_text_it_could_read(
    text: str, reading: str, loaded: bool
) -> None:
    """A plain calendar date is read by dateutil; a text with no digit and no word dateparser
    reads as part of a date cannot hold one: neither loads dateparser (about 0.5 s)."""
    import subprocess
    import sys

    code = (
        "import sys; from clarity.core.judge.dates import _read; "
        f"print(_read({text!r}), 'dateparser' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == [reading, str(loaded)]


def test_the_words_that_load_dateparser_are_dateparsers_own() -> None:
    from clarity.core.judge.dates import _DATE_WORDS, dateparser_words

    assert dateparser_words() == _DATE_WORDS, (
        "dateparser's English date words changed: set _DATE_WORDS in "
        "clarity/core/judge/dates.py to sorted(dateparser_words())"
    )
