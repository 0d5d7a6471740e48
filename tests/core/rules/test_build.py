"""Building the compiled pack from its files (``rules.build``): packs laid over one another
(add, replace in place, disable), cross-references checked, and everything wrong refused with
the file, line and column of what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from clarity.core.errors import ClarityError
from clarity.core.places import builtin_pack_path
from clarity.core.rules.build import (
    PackPart,
    build_layers,
    build_pack,
    example_record,
    load_pack_files,
)
from clarity.core.rules.compiled import Pack

RULE = """\
  - id: {id}
    name: {name}
    title: Nobody owns it
    dimension: boundaries
    severity: {severity}
    when: {{missing: owner}}
    message: Nobody is named as the owner.
    why: Work that belongs to everyone belongs to no one.
    fix: Name one person.
    examples:
      fire: [{{owner: ""}}]
      pass: [{{owner: Sam}}]
"""


def rule(id: str = "T101", name: str = "no-owner", severity: str = "warning") -> str:
    return RULE.format(id=id, name=name, severity=severity)


@pytest.fixture(scope="module")
def builtin() -> list[PackPart]:
    return load_pack_files(builtin_pack_path())


def write(folder: Path, text: str, name: str = "pack.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def over_builtin(builtin: list[PackPart], *packs: Path) -> Pack:
    return build_layers([builtin, *(load_pack_files(p) for p in packs)])


def refused(builtin: list[PackPart], tmp_path: Path, text: str) -> ClarityError:
    with pytest.raises(ClarityError) as caught:
        over_builtin(builtin, write(tmp_path, text))
    return caught.value


def test_the_builtin_pack_builds_with_every_section(builtin: list[PackPart]) -> None:
    pack = build_pack(builtin)
    assert pack.name == "clarity"
    assert set(pack.verdicts) == {"in-harmony", "boundaries", "consequences", "both"}
    assert pack.rules and pack.questions and pack.advice and pack.traps
    assert set(pack.score_checks) == {"autonomy", "accountability"}
    assert [item for item, _ in pack.score_checks["autonomy"]] == pack.scores.autonomy
    assert pack.sources == [doc.source for _, doc in builtin]
    assert len(pack.judges) == 1


def test_a_pack_adds_a_rule_after_the_builtin_ones(builtin: list[PackPart], tmp_path: Path) -> None:
    pack = over_builtin(builtin, write(tmp_path, "rules:\n" + rule()))
    assert pack.rules[-1].rule.id == "T101"
    assert pack.rules[-1].reads == frozenset({"owner"})
    assert pack.rules[-1].where.source == str(tmp_path / "pack.yaml")
    assert pack.rules[-1].where.line == 2


def test_a_pack_replaces_a_rule_in_its_place(builtin: list[PackPart], tmp_path: Path) -> None:
    before = [c.rule.id for c in build_pack(builtin).rules]
    pack = over_builtin(builtin, write(tmp_path, "rules:\n" + rule("C108", "mine", "info")))
    assert [c.rule.id for c in pack.rules] == before
    replaced = pack.rule("C108")
    assert replaced is not None and replaced.rule.severity == "info"
    assert replaced.rule.name == "mine"


def test_a_pack_disables_by_id_or_name_and_a_later_one_may_define_it_again(
    builtin: list[PackPart], tmp_path: Path
) -> None:
    name = build_pack(builtin).rule("C111")
    assert name is not None
    off = write(tmp_path / "off", f"disable: [C109, {name.rule.name}]\n")
    pack = over_builtin(builtin, off)
    assert pack.rule("C109") is None and pack.rule("C111") is None
    again = write(tmp_path / "again", "disable: [C109]\nrules: []\n")  # already off: fine
    back = write(tmp_path / "back", "rules:\n" + rule("C109", "back-again"))
    pack = over_builtin(builtin, off, again, back)
    assert pack.rule("C109") is not None and pack.rule("C111") is None


def test_the_same_rule_in_two_files_of_one_pack_folder_is_an_error(
    builtin: list[PackPart], tmp_path: Path
) -> None:
    write(tmp_path / "pack", "rules:\n" + rule(), "a.yaml")
    write(tmp_path / "pack", "rules:\n" + rule(), "b.yaml")
    with pytest.raises(ClarityError, match="rule T101 is defined twice in this pack") as caught:
        over_builtin(builtin, tmp_path / "pack")
    where = caught.value.location
    assert where is not None
    assert (where.source, where.line) == (str(tmp_path / "pack" / "b.yaml"), 2)
    assert "a.yaml:2" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "says", "line", "column"),
    [
        ("disable: [C1O9]\n", "no rule 'C1O9' to disable", 1, 11),
        ("disable: [C108]\nrules:\n" + rule("C108"), "both disabled and defined", 3, 5),
        (
            "rules:\n" + rule().replace("    severity", "    trap: hubris\n    severity"),
            "unknown trap 'hubris'",
            2,
            5,
        ),
        (
            "rules:\n" + rule().replace("{missing: owner}", "{fired: C101}"),
            "'fired' can only be used in advice and scores",
            2,
            5,
        ),
        ("- a list\n", "a rule pack file must be a mapping of sections", 1, 1),
    ],
)
def test_a_broken_pack_is_refused_at_its_place(
    builtin: list[PackPart], tmp_path: Path, text: str, says: str, line: int, column: int
) -> None:
    error = refused(builtin, tmp_path, text)
    assert says in error.message
    assert error.location is not None
    assert (error.location.source, error.location.line, error.location.column) == (
        str(tmp_path / "pack.yaml"),
        line,
        column,
    )


def test_a_misspelt_rule_to_disable_gets_a_suggestion(
    builtin: list[PackPart], tmp_path: Path
) -> None:
    assert refused(builtin, tmp_path, "disable: [C1O9]\n").hint == "did you mean 'C109'?"


def test_advice_naming_an_unknown_rule_is_refused(builtin: list[PackPart], tmp_path: Path) -> None:
    text = "advice:\n  - {id: mine, title: T, text: x, when: {fired: T999}}\n"
    assert "advice mine names an unknown rule 'T999'" in refused(builtin, tmp_path, text).message


def test_a_pack_on_its_own_needs_scores_and_every_verdict(tmp_path: Path) -> None:
    alone = load_pack_files(write(tmp_path, "rules:\n" + rule()))
    with pytest.raises(ClarityError, match="no 'scores' section"):
        build_pack(alone)
    text = (
        "verdicts:\n"
        "  - {id: in-harmony, title: t, meaning: m, next_step: n}\n"
        "scores:\n"
        "  autonomy: [{label: a, points: 1, when: {missing: owner}}]\n"
        "  accountability: [{label: b, points: 1, when: {missing: owner}}]\n"
    )
    path = write(tmp_path / "two", text)
    with pytest.raises(ClarityError, match="does not explain the verdict 'boundaries'") as caught:
        build_pack(load_pack_files(path))
    assert caught.value.location is not None and caught.value.location.source == str(path)


def test_a_folder_without_yaml_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("x", "utf-8")
    with pytest.raises(ClarityError, match=r"holds no \.yaml files"):
        load_pack_files(tmp_path / "empty")


def test_an_empty_file_is_an_empty_part(tmp_path: Path) -> None:
    [(part, doc)] = load_pack_files(write(tmp_path, ""))
    assert part.rules == [] and doc.data == {}


def test_an_example_is_laid_over_the_healthy_base(builtin: list[PackPart]) -> None:
    pack = build_pack(builtin)
    record = example_record(pack, {"owner": "Dana"})
    assert record["owner"] == "Dana"
    assert record["task"] == pack.example_base["task"]
    with pytest.raises(ClarityError, match="not a valid answers record"):
        example_record(pack, {"agreed_upfront": "maybe"})
