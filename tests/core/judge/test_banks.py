"""A bank of phrasings: read and checked, with the near-misses it borrows, its asides and the
sound answers of its field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from clarity.core.errors import ClarityError
from clarity.core.judge.banks import load_asides, load_bank, load_banks, load_sound
from clarity.core.rules.pack import builtin_pack_path


def test_a_bank_borrows_near_misses_from_its_neighbours() -> None:
    bank = load_banks(builtin_pack_path() / "banks", "C110")
    assert bank.borrowed and set(bank.borrowed).isdisjoint(bank.fire)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("threshold", "1.5"),
        ("threshold", "0"),
        ("threshold", "high"),
        ("threshold", "true"),
        ("screen_floor", "1"),
        ("screen_floor", "-0.1"),
        ("screen_floor", "low"),
        ("ask_from", "0"),
        ("ask_from", "soon"),
    ],
)
def test_a_bank_number_outside_0_and_1_is_refused_with_its_place(
    tmp_path: Path, key: str, value: str
) -> None:
    path = tmp_path / "X1.yaml"
    path.write_text(f"fire: [a]\npass: [b]\n{key}: {value}\n", encoding="utf-8")
    with pytest.raises(ClarityError, match=f"'{key}' must be a number between 0 and 1") as caught:
        load_bank(path)
    assert str(caught.value).startswith(f"{path}:3:")


def test_a_screen_floor_that_would_let_the_screen_fire_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "X1.yaml"
    path.write_text("fire: [a]\npass: [b]\nthreshold: 0.5\nscreen_floor: 0.4\n", "utf-8")
    with pytest.raises(ClarityError, match=r"must stay under the threshold less 0\.15") as caught:
        load_bank(path)
    assert str(caught.value).startswith(f"{path}:4:")


@pytest.mark.parametrize("ask_from", ["0.6", "0.5", "0.1"])
def test_a_follow_up_band_outside_the_floor_and_the_threshold_is_refused(
    tmp_path: Path, ask_from: str
) -> None:
    path = tmp_path / "X1.yaml"
    text = f"fire: [a]\npass: [b]\nthreshold: 0.5\nscreen_floor: 0.2\nask_from: {ask_from}\n"
    path.write_text(text, "utf-8")
    with pytest.raises(
        ClarityError, match=r"'ask_from' must lie between the screen floor \(0\.20\)"
    ):
        load_bank(path)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("[need]", "'confirmed_by' must be a mapping of 'from' (a score), 'words'"),
        ("{from: 0.3}", "'confirmed_by' must be a mapping"),
        ("{from: 0.1, words: [need]}", "'confirmed_by.from' must lie between the screen"),
        ("{from: 0.5, words: [need]}", "'confirmed_by.from' must lie between the screen"),
        ("{from: high, words: [need]}", "'from' must be a number between 0 and 1"),
        ("{from: 0.3, words: []}", "'confirmed_by.words' must be a non-empty list"),
        ("{from: 0.3, words: [Needed]}", "item 'Needed' is not in normal form"),
        ("{from: 0.3, words: [need, Or Not]}", "write it as 'or not'"),
        ("{from: 0.3, words: [need], unless: []}", "'confirmed_by.unless' must be a non"),
        ("{from: 0.3, words: [need], unless: [Extra]}", "write it as 'extra'"),
        ("{from: 0.3, words: [need], but: [extra]}", "'confirmed_by' must be a mapping"),
    ],
)
def test_a_confirming_form_that_cannot_work_is_refused_with_its_place(
    tmp_path: Path, value: str, message: str
) -> None:
    assert message in _refusal(tmp_path, "confirmed_by", value)


def test_a_bank_asks_its_follow_up_from_where_it_says() -> None:
    from clarity.core.judge.meaning import in_doubt

    assert [in_doubt(p, 0.9) for p in (0.74, 0.76, 0.9, 1.0)] == [False, True, True, True]
    assert [in_doubt(p, 0.9, 0.45) for p in (0.44, 0.45, 0.6, 0.9, 1.0)] == [
        False, True, True, True, True,
    ]  # fmt: skip
    assert in_doubt(0.5, 0.5, 0.3) and not in_doubt(0.66, 0.5, 0.3)


def test_the_standards_judge_asks_from_well_under_its_threshold() -> None:
    """B107's follow-up is asked from 0.45 (its threshold is higher), whether the judge is read
    from its stored weights or trained from the bank."""
    from clarity.core.rules.pack import load_pack

    judges = load_pack([]).judges[0]
    judge = judges.judge("B107")
    assert judge.ask_from == load_bank(builtin_pack_path() / "banks" / "B107.yaml").ask_from
    assert judge.ask_from is not None and judge.ask_from < judge.threshold - 0.15
    stored = judges.stored("B107")
    assert stored is not None and stored.ask_from == judge.ask_from
    assert judges.judge("C102").ask_from is None  # (the others: within 0.15 of the threshold)


def test_a_judge_trained_from_its_bank_keeps_its_follow_up_band(tmp_path: Path) -> None:
    from clarity.core.judge import Judges

    (tmp_path / "banks").mkdir()
    text = "fire: [skip the checks, no checks]\npass: [order the checks, time the checks]\n"
    (tmp_path / "banks" / "X1.yaml").write_text(f"{text}threshold: 0.6\nask_from: 0.3\n", "utf-8")
    assert Judges(tmp_path).train("X1")[1].ask_from == 0.3


def test_a_bank_without_a_screen_floor_judges_every_text_in_full(tmp_path: Path) -> None:
    path = tmp_path / "X1.yaml"
    path.write_text("fire: [a]\npass: [b]\n", encoding="utf-8")
    assert load_bank(path).floor == 0.0


@pytest.mark.parametrize(
    ("read", "text", "where"),
    [
        (load_asides, "before: [Honestly, ]\nafter: 3\n", ":2:"),
        (load_asides, "before: [a]\n", ":1:1"),
        (load_asides, "- a\n", ":1:1"),
        (load_sound, "outcome: 3\n", ":1:"),
        (load_sound, "outcome: [a, '']\n", ":1:"),
        (load_sound, "- a\n", ":1:1"),
    ],
)
def test_asides_or_sound_answers_not_in_their_form_are_refused_with_their_place(
    tmp_path: Path, read: Callable[[Path], object], text: str, where: str
) -> None:
    path = tmp_path / "context.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ClarityError, match="must be a") as caught:
        read(path)
    assert str(caught.value).startswith(f"{path}{where}")


@pytest.mark.parametrize(("value", "expected"), [("false", False), ("no", False), ("yes", True)])
def test_a_bank_may_be_trained_on_its_phrasings_as_written_only(
    tmp_path: Path, value: str, expected: bool
) -> None:
    (tmp_path / "context").mkdir()
    (tmp_path / "context" / "asides.yaml").write_text(
        'before: ["Honestly, "]\nafter: [.]\n', "utf-8"
    )
    (tmp_path / "X1.yaml").write_text(f"fire: [a]\npass: [b]\nin_context: {value}\n", "utf-8")
    bank = load_banks(tmp_path, "X1")
    assert bank.in_context is expected
    assert bank.asides == ((["Honestly, "], ["."]) if expected else ([], []))


@pytest.mark.parametrize("key", ["in_context", "sound"])
def test_a_switch_that_is_not_yes_or_no_is_refused_with_its_place(tmp_path: Path, key: str) -> None:
    path = tmp_path / "X1.yaml"
    path.write_text(f"fire: [a]\npass: [b]\n{key}: sometimes\n", encoding="utf-8")
    with pytest.raises(ClarityError, match=f"'{key}' must be true or false") as caught:
        load_bank(path)
    assert str(caught.value).startswith(f"{path}:3:")


@pytest.mark.parametrize(("value", "expected"), [("", True), ("sound: false", False)])
def test_a_bank_learns_the_sound_answers_of_its_field_unless_it_opts_out(
    tmp_path: Path, value: str, expected: bool
) -> None:
    (tmp_path / "context").mkdir()
    (tmp_path / "context" / "sound.yaml").write_text(
        "outcome: [All 40 units let by 30 June, already sound]\ndeadline: [Friday 3 July]\n",
        "utf-8",
    )
    (tmp_path / "X1.yaml").write_text(
        f"field: outcome\nfire: [a nicer feel]\npass: [already sound]\n{value}\n", "utf-8"
    )
    bank = load_banks(tmp_path, "X1")
    assert bank.sound == (["All 40 units let by 30 June"] if expected else [])
    assert ("let" in bank.vocabulary()) is expected


def test_the_built_in_judges_learn_sound_answers_but_free_rein_does_not() -> None:
    folder = builtin_pack_path() / "banks"
    assert load_banks(folder, "B107").sound
    assert load_banks(folder, "C110").sound
    assert load_banks(folder, "B103").sound == []


def test_no_sound_answers_file_means_none(tmp_path: Path) -> None:
    assert load_sound(tmp_path / "sound.yaml") == {}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("[X2]", "'agreed_by' must be a mapping of 'from' (a score), 'judges'"),
        ("{from: 0.3}", "'agreed_by' must be a mapping"),
        ("{from: 0.3, judges: {X2: 0.8}, but: [x]}", "'agreed_by' must be a mapping"),
        ("{from: 0.1, judges: {X2: 0.8}}", "'agreed_by.from' must lie between the screen"),
        ("{from: 0.5, judges: {X2: 0.8}}", "'agreed_by.from' must lie between the screen"),
        ("{from: 0.3, judges: {}}", "'agreed_by.judges' must map bank names"),
        ("{from: 0.3, judges: [X2]}", "'agreed_by.judges' must map bank names"),
        ("{from: 0.3, judges: {X3: 0.8}}", "names 'X3', which is no other bank"),
        ("{from: 0.3, judges: {X1: 0.8}}", "names 'X1', which is no other bank"),
        ("{from: 0.3, judges: {../X2: 0.8}}", "names '../X2', which is no other bank"),
        ("{from: 0.3, judges: {X2: 1.5}}", "'X2' must be a number between 0 and 1"),
        ("{from: 0.3, judges: {X2: 0.8}, unless: [Within]}", "write it as 'within'"),
        ("{from: 0.3, judges: {X2: 0.8}, unless: []}", "'agreed_by.unless' must be a non"),
    ],
)
def test_an_agreement_that_cannot_work_is_refused_with_its_place(
    tmp_path: Path, value: str, message: str
) -> None:
    (tmp_path / "X2.yaml").write_text("fire: [a]\npass: [b]\n", "utf-8")
    assert message in _refusal(tmp_path, "agreed_by", value)


def test_an_agreement_is_read_with_its_judges_scores_and_words(tmp_path: Path) -> None:
    path = tmp_path / "X1.yaml"
    (tmp_path / "X2.yaml").write_text("fire: [a]\npass: [b]\n", "utf-8")
    (tmp_path / "X-3.yaml").write_text("fire: [a]\npass: [b]\n", "utf-8")
    text = (
        "fire: [a]\npass: [b]\nthreshold: 0.9\n"
        "agreed_by: {from: 0.3, judges: {X2: 0.8, X-3: 0.7}, unless: [within, on top of]}\n"
    )
    path.write_text(text, "utf-8")
    agree = load_bank(path).agree
    assert agree is not None
    assert agree.start == 0.3
    assert agree.judges == (("X2", 0.8), ("X-3", 0.7))
    assert agree.unless == ("within", "on top of")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0.8", "'ask_on_clause' must be a mapping of 'from' (a score), 'score'"),
        ("{from: 0.3}", "'ask_on_clause' must be a mapping"),
        ("{from: 0.3, score: 0.8, unless: [x]}", "'ask_on_clause' must be a mapping"),
        ("{from: 0.1, score: 0.8}", "'ask_on_clause.from' must lie between the screen"),
        ("{from: 0.5, score: 0.8}", "'ask_on_clause.from' must lie between the screen"),
        ("{from: 0.3, score: 0.4}", "'ask_on_clause.score' must lie between the threshold"),
        ("{from: 0.3, score: 1.5}", "'score' must be a number between 0 and 1"),
    ],
)
def test_a_clause_form_that_cannot_work_is_refused_with_its_place(
    tmp_path: Path, value: str, message: str
) -> None:
    assert message in _refusal(tmp_path, "ask_on_clause", value)


def test_a_clause_form_is_read_with_its_scores(tmp_path: Path) -> None:
    path = tmp_path / "X1.yaml"
    path.write_text(
        "fire: [a]\npass: [b]\nthreshold: 0.35\nask_on_clause: {from: 0.1, score: 0.8}\n"
    )
    bank = load_bank(path)
    assert bank.clauses is not None and bank.clauses._asdict() == {"start": 0.1, "score": 0.8}


def _refusal(tmp_path: Path, key: str, value: str) -> str:
    """The error of a bank whose fifth line sets ``key`` to ``value``: it names that line."""
    path = tmp_path / "X1.yaml"
    text = f"fire: [a]\npass: [b]\nscreen_floor: 0.2\nthreshold: 0.5\n{key}: {value}\n"
    path.write_text(text, "utf-8")
    with pytest.raises(ClarityError) as caught:
        load_bank(path)
    assert str(caught.value).startswith(f"{path}:5:")
    return str(caught.value)
