"""Dates are checked as they are typed: a deadline or a review date that no calendar has is
refused in the bottom bar, with what to do, before it reaches the report."""

from __future__ import annotations

import pytest

from clarity.cli import prompts
from clarity.core.rules.pack import load_pack
from tests.test_interview import ENTER, Q, terminal, typed

ERASE = "\x7f"
RULES = load_pack().rules


def ask(keys: str, field: str) -> dict[str, object]:
    output, _ = terminal()
    with typed(keys) as inp:
        return prompts.interview([Q[field]], {}, "leader", rules=RULES, input=inp, output=output)


def test_the_pack_names_the_fields_read_as_dates() -> None:
    assert prompts.date_fields(RULES) == {"deadline", "checkpoints"}
    assert prompts.date_fields(None) == frozenset()


@pytest.mark.parametrize(
    ("field", "typed", "said"),
    [
        ("deadline", "2026-02-31", "'2026-02-31' is not a date that exists"),
        ("deadline", "Friday 31 April", "'Friday 31 April' is not a date that exists"),
        ("checkpoints", "2026-12-14; 2026-04-31", "'2026-04-31' is not a date that exists"),
    ],
)
def test_an_impossible_date_is_refused(field: str, typed: str, said: str) -> None:
    message = prompts.problem(Q[field], typed, {}, dated=True)
    assert message is not None and message.startswith(said)
    assert "check the day and the month" in message


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("deadline", "2026-02-28"),
        ("deadline", "Every Monday by 10:00"),
        ("deadline", "ASAP"),
        ("checkpoints", "2026-12-14; next Friday"),
    ],
)
def test_real_dates_and_words_pass(field: str, typed: str) -> None:
    assert prompts.problem(Q[field], typed, {}, dated=True) is None


def test_the_deadline_prompt_waits_for_a_real_date() -> None:
    data = ask("2026-02-31" + ENTER + ERASE * 2 + "28" + ENTER, "deadline")
    assert data == {"deadline": "2026-02-28"}


def test_a_review_date_that_cannot_exist_is_refused_in_a_list() -> None:
    data = ask("2026-12-14; 2026-04-31" + ENTER + ERASE * 2 + "30" + ENTER, "checkpoints")
    assert data == {"checkpoints": ["2026-12-14", "2026-04-30"]}
