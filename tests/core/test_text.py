"""User text made safe and uniform: line breaks, spaces and quotes, visible controls, escapes."""

from __future__ import annotations

from clarity.core.text import (
    is_token,
    lines_of,
    md_escape,
    normalize,
    token,
    unify_newlines,
    visible,
    visible_data,
)


def test_every_line_break_becomes_one_line_feed() -> None:
    assert unify_newlines("a\r\nb\rc\x85d\u2028e\u2029f\ng") == "a\nb\nc\nd\ne\nf\ng"
    assert lines_of(unify_newlines("a\r\nb\x0cc")) == ["a", "b\x0cc"]  # a form feed is no break


def test_normalize_straightens_quotes_and_collapses_spaces() -> None:
    assert normalize("  we\u2019ll  \u201cship\u201d\u00a0it\t ") == 'we\'ll "ship" it'
    assert normalize(" plain ") == "plain"


def test_controls_and_bidi_marks_become_visible_escapes() -> None:
    assert visible("red \x1b[31m text") == "red \\x1b[31m text"
    assert visible("abc\u202edef") == "abc\\u202edef"
    assert visible("two\nlines\tand a tab") == "two\nlines\tand a tab"
    assert visible("two\nlines\tand", newlines=False) == "two\\nlines and"


def test_visible_data_reaches_keys_and_nested_values() -> None:
    data = {"k\x07": ["a\x1b", ("b",), 3], "n": None}
    assert visible_data(data) == {"k\\x07": ["a\\x1b", ["b"], 3], "n": None}


def test_a_token_is_quoted_and_anything_longer_only_described() -> None:
    assert is_token("C101") and token("C101") == "'C101'"
    assert not is_token("root:x:0:0:root:/root:/bin/bash and more text")
    assert token("a line of a secret file") == "(23 characters, not shown)"


def test_markdown_specials_are_escaped() -> None:
    assert md_escape("*bold* [link](x) <b> #1 | a_b") == (
        "\\*bold\\* \\[link\\]\\(x\\) \\<b\\> \\#1 \\| a\\_b"
    )
