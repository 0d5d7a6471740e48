"""The one error type: how a location, a key and a hint make its single line."""

from __future__ import annotations

from clarity.core.errors import EXIT_USAGE, ClarityError, Location, NoAnswersError


def test_a_location_shows_only_what_it_knows() -> None:
    assert str(Location("a.yaml")) == "a.yaml"
    assert str(Location("a.yaml", 3)) == "a.yaml:3"
    assert str(Location("a.yaml", 3, 7)) == "a.yaml:3:7"


def test_locations_are_values() -> None:
    assert Location("a.yaml", 3, 7) == Location("a.yaml", 3, 7)
    assert Location("a.yaml", 3, 7) != Location("a.yaml", 3, 8)
    assert len({Location("a.yaml", 1), Location("a.yaml", 1)}) == 1


def test_the_line_is_file_line_col_then_key_then_message_then_hint() -> None:
    error = ClarityError(
        "unknown key 'outcom'",
        location=Location("a.yaml", 4, 5),
        key="items[0].outcom",
        hint="did you mean 'outcome'?",
    )
    assert (
        str(error) == "a.yaml:4:5: items[0].outcom: unknown key 'outcom'; did you mean 'outcome'?"
    )
    assert error.message == "unknown key 'outcom'"


def test_a_bare_message_is_just_the_message() -> None:
    assert str(ClarityError("no such file")) == "no such file"


def test_every_user_error_exits_2() -> None:
    assert ClarityError("x").exit_code == EXIT_USAGE == 2
    assert NoAnswersError("nothing to score").exit_code == 2
    assert isinstance(NoAnswersError("x"), ClarityError)
