"""A pack's own examples (``rules.packtest``): built over the built-in pack, each example laid
over the healthy base, run against its own rule, and reported where it is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from clarity.core.errors import ClarityError, Location
from clarity.core.places import builtin_pack_path
from clarity.core.rules.build import load_pack_files
from clarity.core.rules.packtest import (
    ExampleResult,
    check_examples,
    example_data,
    load_layered,
    run_examples,
)

TEAM = """\
rules:
  - id: T102
    name: soon-is-not-a-date
    title: The deadline is "soon"
    dimension: consequences
    severity: info
    when: {matches: {field: deadline, pattern: '\\bsoon\\b'}}
    message: The deadline says "soon".
    why: Soon is not a date.
    fix: Write a date.
    examples:
      fire:
        - {deadline: as soon as possible}
        - {deadline: next week}
      pass:
        - {deadline: Friday 18:00}
        - {deadline: soon}
"""


def write(tmp_path: Path, text: str = TEAM) -> Path:
    path = tmp_path / "team.yaml"
    path.write_text(text, "utf-8")
    return path


def test_every_builtin_example_behaves() -> None:
    """The pure runner the CLI uses: every example of the built-in pack does what it says."""
    layered = load_layered(builtin_pack_path())
    results = run_examples(layered.pack, layered.own)
    assert len(results) == layered.example_count
    assert {r.rule for r in results} == {c.rule.id for c in layered.pack.rules}
    assert [r for r in results if not r.ok] == []
    assert len(load_pack_files(builtin_pack_path())) == len(layered.own)


def test_each_example_is_run_and_reported_where_it_is_written(tmp_path: Path) -> None:
    path = write(tmp_path)
    layered = load_layered(path)
    assert (layered.rule_count, layered.question_count, layered.example_count) == (1, 0, 4)
    assert layered.pack.rule("C101") is not None, "built over the built-in pack"
    results = run_examples(layered.pack, layered.own)
    assert [(r.kind, r.index, r.ok) for r in results] == [
        ("fire", 0, True),
        ("fire", 1, False),
        ("pass", 0, True),
        ("pass", 1, False),
    ]
    assert [(r.location.line, r.location.column) for r in results] == [
        (13, 11),
        (14, 11),
        (16, 11),
        (17, 11),
    ]
    assert {r.location.source for r in results} == {str(path)}
    failed = [r for r in results if not r.ok]
    assert [r.key for r in failed] == ["examples.fire[1]", "examples.pass[1]"]
    assert failed[1].field == "deadline" and failed[1].answer == "soon"


def test_what_a_result_says_is_wrong() -> None:
    where = Location("team.yaml", 3, 5)
    assert ExampleResult("T1", "fire", 0, where, fired=True).problem() is None
    assert ExampleResult("T1", "pass", 0, where, fired=False).problem() is None
    assert ExampleResult("T1", "fire", 0, where, fired=False).problem() == (
        "did not fire (a 'fire' example must fire the rule)"
    )
    assert ExampleResult("T1", "pass", 2, where, fired=True, field="deadline").problem() == (
        "fired on 'deadline' (a 'pass' example must not fire the rule)"
    )


def test_an_example_that_is_not_a_valid_record_is_located_with_its_key(tmp_path: Path) -> None:
    path = write(tmp_path, TEAM.replace("{deadline: Friday 18:00}", "{agreed_upfront: maybe}"))
    layered = load_layered(path)
    with pytest.raises(ClarityError, match="not a valid example: expected yes or no") as caught:
        check_examples(layered.pack, layered.own)
    error = caught.value
    assert error.key == "rules[0].examples.pass[0].agreed_upfront"
    assert error.location is not None
    assert (error.location.source, error.location.line, error.location.column) == (
        str(path),
        16,
        28,
    )


def test_a_file_of_the_builtin_pack_replaces_its_own_copy() -> None:
    own = builtin_pack_path() / "symptoms.yaml"
    layered = load_layered(own)  # not "defined twice"
    assert [doc.source for _, doc in layered.own] == [str(own)]
    assert layered.pack.sources.count(str(own)) == 1
    assert check_examples(layered.pack, layered.own) == layered.example_count


def test_an_example_names_only_what_it_changes(tmp_path: Path) -> None:
    layered = load_layered(write(tmp_path))
    data = example_data(layered.pack, {"deadline": "soon"})
    assert data["deadline"] == "soon"
    assert data["owner"] == layered.pack.example_base["owner"]
