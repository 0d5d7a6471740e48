"""Nesting tens of thousands deep, in every syntax clarity reads, each in a process of its own:
a C parser that recursed without bound would crash the process (a negative return code, a
signal) instead of the one-line error and exit code 2 checked here."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adversarial.helpers import FILE_ENTRIES, VALID, args_for, clarity_process

DEEP = 50_000

# (id, the text, the entries it is fed to, the line the error must name)
CASES = [
    ("yaml-flow-sequences", "x: " + "[" * DEEP + "]" * DEEP + "\n", 1),
    ("yaml-flow-mappings", "x: " + "{a: " * DEEP + "1" + "}" * DEEP + "\n", 1),
    ("yaml-block-sequences", "x:\n" + "- " * DEEP + "a\n", 2),
    ("yaml-mixed", "x:\n  - " + "[{a: " * (DEEP // 2) + "1" + "}]" * (DEEP // 2) + "\n", 2),
]
YAML = ["check", "lint", "rules-validate", "config", "compare", "session"]


# every style at the main entry points, the two plain styles at the others
PAIRS = [
    pytest.param(entry, text, line, id=f"{name}-{entry}")
    for entry in YAML
    for name, text, line in CASES
    if entry in ("check", "lint") or name in ("yaml-flow-sequences", "yaml-block-sequences")
]


@pytest.mark.parametrize(("entry", "text", "line"), PAIRS)
def test_deep_yaml_is_refused_without_a_crash(
    entry: str, text: str, line: int, tmp_path: Path
) -> None:
    name = FILE_ENTRIES[entry]
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = clarity_process(*args_for(entry, name), cwd=tmp_path)
    assert_nesting_refused(result.returncode, result.stderr, f"{name}:{line}:")


def assert_nesting_refused(code: int, stderr: str, where: str) -> None:
    assert code == 2, (code, stderr[-500:])  # a crash would be a negative code (a signal)
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr[-500:]
    assert lines[0].startswith(f"clarity: error: {where}"), lines[0]
    assert "nesting deeper than 64 levels" in lines[0]
    assert "CLARITY_MAX_DEPTH" in lines[0]


@pytest.mark.parametrize(
    "text",
    [
        '{"task": ' + "[" * DEEP + "]" * DEEP + "}",
        '{"task": "\\/", "x": ' + '{"a": ' * DEEP + "1" + "}" * DEEP + "}",  # not YAML: JSON
    ],
    ids=["arrays", "objects"],
)
def test_deep_json_answers_are_refused_without_a_crash(text: str, tmp_path: Path) -> None:
    (tmp_path / "answers.json").write_text(text, encoding="utf-8")
    result = clarity_process("check", "--answers", "answers.json", cwd=tmp_path)
    assert_nesting_refused(result.returncode, result.stderr, "answers.json:1:")


@pytest.mark.parametrize(
    "value",
    [
        "[" * DEEP + "]" * DEEP,
        "{a = " * DEEP + "1" + "}" * DEEP,
        '["]]]", ' * 3 + "[" * DEEP + "]" * DEEP + "]" * 3,  # brackets in strings do not count
    ],
    ids=["arrays", "inline-tables", "with-strings"],
)
def test_deep_toml_configuration_is_refused_without_a_crash(value: str, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        f"[tool.clarity]\nexclude = {value}\n", encoding="utf-8"
    )
    result = clarity_process("config", "--config", "pyproject.toml", cwd=tmp_path)
    assert_nesting_refused(result.returncode, result.stderr, "pyproject.toml:2:")
    # ... and found on its own, as the nearest configuration, it stops lint just the same
    found = clarity_process("lint", cwd=tmp_path)
    assert_nesting_refused(found.returncode, found.stderr, "pyproject.toml:2:")


def test_deeply_nested_markdown_lists_are_read_in_linear_time(tmp_path: Path) -> None:
    items = "".join("  " * i + "- x\n" for i in range(1, 1500))
    text = VALID["lint-md"] + "- **Constraints:**\n" + items
    (tmp_path / "team.charter.md").write_text(text, encoding="utf-8")
    result = clarity_process("lint", "--no-config", "team.charter.md", cwd=tmp_path, timeout=30)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
