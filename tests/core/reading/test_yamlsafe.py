"""The safe YAML loader: no tags, anchors, duplicate keys or runaway nesting; text stays text."""

from __future__ import annotations

from pathlib import Path

import pytest

from clarity.core.errors import ClarityError
from clarity.core.limits import Limits
from clarity.core.reading.yamlsafe import load_yaml, read_text


def error_of(text: str, **limits: int) -> str:
    with pytest.raises(ClarityError) as info:
        load_yaml(text, "f.yaml", Limits(**limits) if limits else Limits())
    return str(info.value)


def test_scalars_stay_text() -> None:
    doc = load_yaml("a: no\nb: on\nc: 12:30\nd: 012\ne: 1.10\nf: yes\n", "f.yaml")
    assert doc.data == {"a": "no", "b": "on", "c": "12:30", "d": "012", "e": "1.10", "f": "yes"}


def test_plain_null_is_none_but_quoted_is_text() -> None:
    doc = load_yaml("a:\nb: ~\nc: 'null'\nd: ''\n", "f.yaml")
    assert doc.data == {"a": None, "b": None, "c": "null", "d": ""}


def test_positions_of_values_and_keys() -> None:
    doc = load_yaml("task: x\nconstraints:\n  - one\n  - two\n", "f.yaml")
    assert doc.positions[("task",)] == (1, 7)
    assert doc.positions[("constraints", 1)] == (4, 5)
    assert doc.key_positions[("constraints",)] == (2, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: !!python/object/apply:os.system ['echo hi']\n", "f.yaml:1:4: tags"),
        ("a: !custom x\n", "f.yaml:1:4: tags"),
        ("a: &x 1\nb: *x\n", "f.yaml:1:4: anchors"),
        ("a: 1\nb: 2\na: 3\n", "f.yaml:3:1: duplicate key 'a' (first at line 1)"),
        ("a: 1\n---\nb: 2\n", "f.yaml:2:1: a second YAML document"),
        ("a:\n\tb: 1\n", "f.yaml:2:1: not valid YAML"),
        ("a: [1, 2\n", "not valid YAML"),
    ],
)
def test_refused_with_location(text: str, expected: str) -> None:
    assert expected in error_of(text)


def test_billion_laughs_is_refused_at_the_first_anchor() -> None:
    lol = 'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
    assert "f.yaml:1:4: anchors (&a) are not allowed" in error_of(lol)


def test_deep_nesting_is_bounded_before_it_grows() -> None:
    message = error_of("[" * 50_000 + "]" * 50_000)
    assert "nesting deeper than 64 levels" in message
    assert "f.yaml:1:65" in message


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("x: " + "[" * 5_000 + "]" * 5_000, "f.yaml:1:13:"),  # flow: read ahead by libyaml
        ("x: " + "{a: " * 5_000 + "1" + "}" * 5_000, "f.yaml:1:"),
        ("x:\n" + "- " * 5_000 + "a\n", "f.yaml:2:19:"),  # block: event by event
    ],
)
def test_a_lower_depth_limit_is_the_bound_in_every_style(text: str, where: str) -> None:
    # Each limit in turn, in one process: the parser's own bound follows the limit asked for.
    for depth, at in ((10, where), (64, None), (10, where)):
        message = error_of(text, max_depth=depth)
        assert f"nesting deeper than {depth} levels" in message
        assert message.startswith(at or "f.yaml:"), message
    assert load_yaml("x: " + "[" * 9 + "]" * 9, "f.yaml", Limits(max_depth=10)).data


def test_long_text_is_bounded() -> None:
    assert "longer than 10 characters" in error_of("a: " + "x" * 11, max_text_chars=10)


def test_tab_indentation_gets_a_hint() -> None:
    assert "indent with spaces" in error_of("a:\n\tb: 1\n")


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        ("a: [x, y\nb: 1\n", "f.yaml:1:4", "list '[' opened here is never closed"),
        ("a: {x: 1\nb: 1\n", "f.yaml:1:4", "mapping '{' opened here is never closed"),
        ('a: "x\nb: 1\n', "f.yaml:1:4", "quote opened here is never closed"),
        ("a:\n  - [x, y\n", "f.yaml:2:5", "close it with ']'"),
    ],
)
def test_an_unclosed_bracket_or_quote_is_shown_where_it_opens(
    text: str, where: str, what: str
) -> None:
    error = error_of(text)
    assert error.startswith(where) and what in error


@pytest.mark.parametrize(
    ("text", "where"),
    [("a: [x,\n  y: z: w]\n", "f.yaml:2:"), ('a: "x\n  \\q y"\n', "f.yaml:2:3")],
)
def test_a_closed_bracket_or_quote_with_a_fault_inside_is_not_called_unclosed(
    text: str, where: str
) -> None:
    error = error_of(text)
    assert error.startswith(where) and "never closed" not in error


def test_read_text_refuses_non_utf8(tmp_path: Path) -> None:
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("task: caf\xe9\n".encode("latin-1"))
    with pytest.raises(ClarityError, match=r"latin.yaml:1:10: the file is not UTF-8"):
        read_text(latin)
    utf16 = tmp_path / "u16.yaml"
    utf16.write_bytes("task: x\n".encode("utf-16"))
    with pytest.raises(ClarityError, match="UTF-16"):
        read_text(utf16)
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"task: x\n\x00\x01")
    with pytest.raises(ClarityError, match=r"bin.yaml:2:1: .*NUL"):
        read_text(binary)


def test_read_text_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbftask: x\n")
    assert load_yaml(read_text(bom), "bom.yaml").data == {"task": "x"}


def test_read_text_bounds_size(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 200)
    with pytest.raises(ClarityError, match="larger than 100 bytes"):
        read_text(big, limits=Limits(max_file_bytes=100))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ClarityError, match="no such file"):
        read_text(tmp_path / "nope.yaml")
