"""TOML with positions: the table asked for, where each key and value is, located errors."""

from __future__ import annotations

import pytest

from clarity.core.errors import ClarityError
from clarity.core.limits import Limits
from clarity.core.reading.tomlsafe import load_toml

PYPROJECT = """\
[tool.clarity]
select = ["C1"]
fail_level = "warning"

[tool.other]
x = 1
"""


def test_the_table_asked_for_with_its_positions() -> None:
    doc = load_toml(PYPROJECT, "pyproject.toml", ("tool", "clarity"))
    assert doc is not None
    assert doc.data == {"select": ["C1"], "fail_level": "warning"}
    assert doc.positions[("select", 0)] == (2, 11)
    assert doc.positions[("fail_level",)] == (3, 14)
    assert doc.key_positions[("fail_level",)] == (3, 1)


def test_an_absent_table_is_none() -> None:
    assert (
        load_toml("[tool.black]\nline-length = 100\n", "pyproject.toml", ("tool", "clarity"))
        is None
    )


def test_invalid_toml_is_located() -> None:
    with pytest.raises(ClarityError) as caught:
        load_toml("a = [\n", "p.toml")
    assert str(caught.value).startswith("p.toml:1:6: not valid TOML")


def test_deep_nesting_is_refused_before_the_parser_recurses() -> None:
    text = "a = " + "[" * 100 + "]" * 100
    with pytest.raises(ClarityError, match="nesting deeper than 64 levels") as caught:
        load_toml(text, "p.toml")
    assert str(caught.value).startswith("p.toml:1:")


def test_a_text_over_the_limit_is_refused_at_its_place() -> None:
    with pytest.raises(ClarityError, match="longer than 100 characters") as caught:
        load_toml(
            '[t]\na = "ok"\nb = "' + "x" * 200 + '"\n', "p.toml", limits=Limits(max_text_chars=100)
        )
    assert str(caught.value).startswith("p.toml:3:")
