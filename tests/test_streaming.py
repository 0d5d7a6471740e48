"""JSON, SARIF and GitLab reports are written piece by piece as they are drawn, byte for byte
the text a whole rendering gives (memory figures are in docs/benchmarks.md, not asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from clarity.cli.render import github, junit, lint_json, sarif
from clarity.cli.render.json_ import Stream, chunks, dumps
from clarity.core.linting.lint import lint_paths
from clarity.core.rules.pack import load_pack
from clarity.core.scoring.findings import LintRun
from tests.test_lint_cli import FIXTURES

leaves = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
values = st.recursive(
    leaves,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=20,
)


def streamed(value: Any) -> Any:
    """The same data with every list turned into a Stream of a one-shot iterator."""
    if isinstance(value, dict):
        return {k: streamed(v) for k, v in value.items()}
    if isinstance(value, list):
        return Stream(iter([streamed(v) for v in value]))
    return value


@given(values)
def test_streamed_json_is_the_same_text_as_whole_json(value: Any) -> None:
    assert "".join(chunks(streamed(value))) == dumps(value)


def test_json_and_sarif_reports_come_in_pieces_equal_to_the_whole() -> None:
    run = lint_paths([str(FIXTURES)])
    rules = [c.rule for c in load_pack().rules]
    assert run.findings
    json_pieces = list(lint_json.pieces(run))
    assert len(json_pieces) > len(run.findings)  # at least one piece per finding
    assert "".join(json_pieces) == dumps(lint_json.lint_data(run))
    sarif_pieces = list(sarif.pieces(run, rules))
    assert len(sarif_pieces) > len(run.findings)
    assert "".join(sarif_pieces) == dumps(sarif.build(run, rules))


def test_a_report_file_is_whole_and_valid_after_streaming(tmp_path: Path) -> None:
    for fmt in ("json", "sarif", "gitlab"):
        out = tmp_path / f"report.{fmt}"
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "clarity",
                "lint",
                "--no-config",
                "-f",
                fmt,
                "-o",
                str(out),
                str(FIXTURES),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 1, result.stderr
        assert result.stdout == ""
        json.loads(out.read_text(encoding="utf-8"))
        assert not list(tmp_path.glob(".*.tmp"))  # the temporary file was renamed


def test_the_sarif_and_gitlab_renderers_load_no_pydantic() -> None:
    code = (
        "import sys; import clarity.cli.render.sarif, clarity.cli.render.gitlab; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


def whole_junit(run: LintRun) -> str:
    """JUnit as one element tree, indented and written whole."""
    import xml.etree.ElementTree as ET

    root = junit.build(run)
    ET.indent(root)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{ET.tostring(root, encoding="unicode")}\n'


def test_junit_and_github_come_in_pieces_equal_to_the_whole() -> None:
    run = lint_paths([str(FIXTURES)])
    pieces = list(junit.pieces(run))
    assert len(pieces) >= len(run.files) + 2
    assert "".join(pieces) == whole_junit(run)
    empty = LintRun()
    assert "".join(junit.pieces(empty)) == whole_junit(empty)
    lines = list(github.pieces(run))
    assert len(lines) == len(run.findings) + len(run.diagnostics)
