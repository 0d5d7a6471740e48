"""The normal form a judge reads: words, not their spelling."""

from __future__ import annotations

import pytest

from clarity.core.judge.normalize import normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I’d be DISAPPOINTED", "i'd be disappoint"),
        ("Sign-off by the CFO", "sign off by the cfo"),
        ("twenty-five percent fewer tickets", "25 % few ticket"),
        ("two hundred and fifty users", "250 user"),
        ("approving every change", "approve every change"),
    ],
)
def test_normalize_reads_words_not_spelling(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_normalize_corrects_a_misspelling_to_the_judges_vocabulary() -> None:
    vocabulary = frozenset({"disappointed", "receive"})
    assert normalize("we'd be dissapointed", vocabulary) == "we'd be disappoint"
    assert normalize("we recieve it", vocabulary) == "we receive it"
