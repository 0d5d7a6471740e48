"""Named fragments of patterns: written once in a pack, used by name, reported where they break."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from clarity.cli.app import app
from clarity.core.errors import ClarityError
from clarity.core.rules.pack import builtin_pack_path, load_pack

runner = CliRunner()

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
    result = runner.invoke(app, ["rules", "test", str(folder)])
    assert result.exit_code == 0, result.output


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


def test_the_builtin_pack_names_its_placeholders_once() -> None:
    text = (builtin_pack_path() / "boundaries.yaml").read_text("utf-8")
    assert "{{no-constraints}}" in text and "sky is the limit" not in text
    result = runner.invoke(app, ["rules", "show", "B104"])
    assert result.exit_code == 0
    assert "{{" not in result.output
