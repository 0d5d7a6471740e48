"""One line of Markdown: comments blanked in place, indentation, fences, headings, items, labels."""

from __future__ import annotations

import pytest

from clarity.core.reading.markdown_lines import (
    blank_comments,
    bold_label,
    bullet_of,
    fence_of,
    heading_of,
    heading_text,
    indent_of,
)


def test_comments_become_spaces_so_columns_stay_true() -> None:
    assert blank_comments("a <!-- b --> c", False) == ("a            c", False)
    assert blank_comments("a <!-- open", False) == ("a          ", True)
    assert blank_comments("b --> c", True) == ("      c", False)


def test_indentation_counts_tabs_to_the_next_multiple_of_four() -> None:
    assert indent_of("\t  x") == (6, 3)
    assert indent_of("  ") == (2, 2)


@pytest.mark.parametrize(
    ("line", "fence"), [("```", "```"), ("````py", "````"), ("~~~", "~~~"), ("``", None)]
)
def test_a_fence_keeps_its_length(line: str, fence: str | None) -> None:
    assert fence_of(line) == fence


def test_atx_headings_need_a_space_and_at_most_six_marks() -> None:
    assert heading_of("## Task") == (2, 3)
    assert heading_of("#hashtag") is None
    assert heading_of("####### seven") is None
    assert heading_text("Task ##") == "Task"
    assert heading_text("C#") == "C#"


@pytest.mark.parametrize(
    ("line", "start"),
    [("- x", 2), ("+  x", 3), ("12. x", 4), ("3) x", 3), ("-x", None), ("1234567890. x", None)],
)
def test_list_items_and_where_their_text_starts(line: str, start: int | None) -> None:
    assert bullet_of(line) == start


def test_bold_labels_with_the_colon_inside_or_outside() -> None:
    assert bold_label("**Outcome:** x") == ("Outcome", True, 12)
    assert bold_label("**Outcome**: x") == ("Outcome", True, 12)
    assert bold_label("__Owner__ Sam") == ("Owner", False, 9)
    assert bold_label("**unclosed") is None
    assert bold_label("plain text") is None
