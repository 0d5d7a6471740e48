"""Limits applied before a recursive parser runs, and to the texts it returns."""

from __future__ import annotations

import pytest

from clarity.core.errors import ClarityError, Location
from clarity.core.limits import Limits
from clarity.core.reading.bounds import check_delegations, check_nesting, check_size, too_long


def test_nesting_is_measured_on_the_text_and_refused_at_the_bracket() -> None:
    text = '{"a": ' * 10 + "1" + "}" * 10
    with pytest.raises(ClarityError) as caught:
        check_nesting(text, "x.json", 5, "json")
    assert str(caught.value).startswith("x.json:1:31: nesting deeper than 5 levels")
    check_nesting(text, "x.json", 10, "json")


def test_brackets_in_strings_and_comments_do_not_count() -> None:
    check_nesting('{"a": "[[[[[[[[[["}', "x.json", 2, "json")
    check_nesting('a = "[[[[[[" # [[[[[[[[\n', "x.toml", 2, "toml")


def test_too_long_finds_the_path_of_the_first_long_text() -> None:
    assert too_long({"a": ["x", "y" * 50]}, 10) == ("a", 1)
    assert too_long({"a": ["x", "y" * 5]}, 10) is None


def test_size_and_delegation_count_errors_say_how_to_raise_the_limit() -> None:
    with pytest.raises(ClarityError, match="larger than 1024 bytes; split it, or raise the limit"):
        check_size("x" * 2000, "s", Limits(max_file_bytes=1024))
    check_size("x" * 1000, "s", Limits(max_file_bytes=1024))
    with pytest.raises(ClarityError) as caught:
        check_delegations(11, Location("c.yaml", 40, 5), Limits(max_delegations=10))
    assert str(caught.value).startswith("c.yaml:40:5: more than 10 delegations in one file")
    assert "CLARITY_MAX_DELEGATIONS" in str(caught.value)
