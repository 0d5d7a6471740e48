"""Named fragments of patterns: written once in a pack, used by name, reported where they break."""

from __future__ import annotations

from pathlib import Path

import pytest

from clarity.core.errors import ClarityError
from clarity.core.reading.yamlsafe import load_yaml
from clarity.core.rules.fragments import put_in_fragments
from clarity.core.rules.pack import Pack, builtin_pack_path, load_pack
from clarity.core.rules.packtest import load_layered, run_examples

RULE = """\
rules:
  - id: T201
    name: tbd-owner
    title: No owner yet
    dimension: boundaries
    severity: warning
    when: {{matches: {{field: owner, pattern: '{pattern}'}}}}
    message: Name the owner.
    why: Someone must hold it.
    fix: Name them.
    examples:
      fire: [{{owner: TBD}}, {{owner: "someone, later"}}]
      pass: [{{owner: Dana}}]
"""


def _pack(tmp_path: Path, pattern: str, fragments: str) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "rules.yaml").write_text(RULE.format(pattern=pattern), "utf-8")
    (folder / "fragments.yaml").write_text(fragments, "utf-8")
    return folder


def test_a_pattern_uses_the_packs_fragments_by_name(tmp_path: Path) -> None:
    folder = _pack(
        tmp_path,
        r"^\W*({{unknown-owner}})\W*$",
        "fragments:\n  nobody: 'tb[dca]|n/?a'\n  unknown-owner: '{{nobody}}|someone, later'\n",
    )
    pack = load_pack([folder])
    compiled = pack.rule("T201")
    assert compiled is not None
    assert (
        compiled.rule.when["matches"]["pattern"] == r"^\W*((?:(?:tb[dca]|n/?a)|someone, later))\W*$"
    )
    layered = load_layered(folder)
    assert [r.problem() for r in run_examples(layered.pack, layered.own)] == [None] * 3


@pytest.mark.parametrize(
    ("pattern", "fragments", "message", "line"),
    [
        (r"^{{nobody}}$", "fragments:\n  somebody: x\n", "unknown fragment '{{nobody}}'", 7),
        (r"^{{a}}$", "fragments:\n  a: '{{b}}'\n  b: '{{a}}'\n", "in a circle (a -> b -> a)", 2),
        (r"^{{a}}$", "fragments:\n  a: 'x'\n  A b: 'y'\n", "lower-case words joined by '-'", 3),
        (r"^{{a}}$", "fragments: [a]\n", "must be a mapping", 1),
    ],
)
def test_a_broken_fragment_is_one_located_error(
    tmp_path: Path, pattern: str, fragments: str, message: str, line: int
) -> None:
    folder = _pack(tmp_path, pattern, fragments)
    with pytest.raises(ClarityError, match=message.replace("(", r"\(").replace(")", r"\)")) as e:
        load_pack([folder])
    assert e.value.location is not None and e.value.location.line == line


def test_a_fragment_defined_twice_names_both_places(tmp_path: Path) -> None:
    folder = _pack(tmp_path, r"^{{a}}$", "fragments:\n  a: x\n")
    (folder / "more.yaml").write_text("fragments:\n  a: y\n", "utf-8")
    with pytest.raises(ClarityError, match=r"defined twice \(first at .*fragments.yaml:2"):
        load_pack([folder])


def test_the_builtin_pack_names_its_placeholders_once(builtin_pack: Pack) -> None:
    text = (builtin_pack_path() / "boundaries.yaml").read_text("utf-8")
    assert "{{no-constraints}}" in text and "sky is the limit" not in text
    compiled = builtin_pack.rule("B104")
    assert compiled is not None
    assert "{{" not in str(compiled.rule.when)
    assert "sky is the limit" in str(compiled.rule.when)


def _doc(text: str, source: str = "pack.yaml"):  # type: ignore[no-untyped-def]
    return load_yaml(text, source)


def test_each_use_is_a_group_of_its_own_so_an_alternation_stays_inside() -> None:
    doc = _doc(
        "fragments:\n  yes-word: 'yes|ok'\nrules: [{when: {matches: {pattern: 'x{{yes-word}}y'}}}]\n"
    )
    put_in_fragments([doc])
    assert doc.data["rules"][0]["when"]["matches"]["pattern"] == "x(?:yes|ok)y"


def test_every_pattern_of_a_patterns_list_and_of_nested_conditions_is_filled_in() -> None:
    doc = _doc(
        "fragments: {a: A}\n"
        "advice: [{when: {all: [{matches: {patterns: ['{{a}}', '{{ a }}!']}}]}}]\n"
    )
    put_in_fragments([doc])
    patterns = doc.data["advice"][0]["when"]["all"][0]["matches"]["patterns"]
    assert patterns == ["(?:A)", "(?:A)!"]


def test_the_fragments_of_one_file_serve_the_other_files_of_the_pack() -> None:
    defines = _doc("fragments: {who: 'tbd'}\n", "a.yaml")
    uses = _doc("rules: [{when: {matches: {pattern: '^{{who}}$'}}}]\n", "b.yaml")
    put_in_fragments([uses, defines])
    assert uses.data["rules"][0]["when"]["matches"]["pattern"] == "^(?:tbd)$"


def test_text_that_is_not_a_pattern_is_left_alone() -> None:
    doc = _doc("fragments: {a: A}\nrules: [{message: 'say {{a}}', when: {missing: outcome}}]\n")
    put_in_fragments([doc])
    assert doc.data["rules"][0]["message"] == "say {{a}}"


def test_an_unknown_fragment_in_a_pattern_is_located_at_the_pattern() -> None:
    doc = _doc("rules:\n  - when: {matches: {pattern: '{{nope}}'}}\n")
    with pytest.raises(ClarityError, match=r"unknown fragment '\{\{nope\}\}'") as caught:
        put_in_fragments([doc])
    where = caught.value.location
    assert where is not None and (where.line, where.column) == (2, 31)
    assert caught.value.hint is not None and "fragments:" in caught.value.hint
