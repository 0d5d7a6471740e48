"""The code's own checks: the pure core (import-linter), ruff and mypy."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = BIN / name
    if found.exists():
        return str(found)
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: install the test extras (pip install '.[test]')")
    return path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_core_imports_no_shell_library() -> None:
    result = run(tool("lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_modules_do_not_import_the_shell_at_runtime() -> None:
    code = (
        "import sys, clarity.core.scoring.engine, clarity.core.reading.answers, clarity.core.reading.schemas;"
        "bad = [m for m in ('typer', 'rich', 'questionary', 'click') if m in sys.modules];"
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_ruff() -> None:
    result = run(tool("ruff"), "check", "src", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy() -> None:
    result = run(tool("mypy"))
    assert result.returncode == 0, result.stdout + result.stderr


#: The longest a module may grow: past it, split it along a seam.
MAX_MODULE_LINES = 400


def test_no_module_is_over_the_longest_a_module_may_be() -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "src").rglob("*.py"))
        if (lines := len(path.read_text("utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}, f"split these along a seam (at most {MAX_MODULE_LINES} lines): {long}"


def test_every_core_module_has_its_test_module() -> None:
    core = ROOT / "src" / "clarity" / "core"
    missing = [
        str(expected.relative_to(ROOT))
        for module in sorted(core.rglob("*.py"))
        if module.name != "__init__.py"
        and not (
            expected := ROOT
            / "tests"
            / "core"
            / module.parent.relative_to(core)
            / f"test_{module.stem}.py"
        ).exists()
    ]
    assert missing == [], "the tests mirror the core (README: How the code is laid out)"
