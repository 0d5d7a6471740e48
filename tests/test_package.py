"""A real wheel carries the rule pack and works outside the source tree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("clarity_test-*.whl")
    return found


def test_wheel_carries_the_rules(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for part in (
        "pack.yaml",
        "questions.yaml",
        "boundaries.yaml",
        "consequences.yaml",
        "symptoms.yaml",
    ):
        assert f"clarity/rules/{part}" in names
    assert "clarity/core/scoring/engine.py" in names
    # The judge's own files: the sentence encoder and the table of lemmas.
    assert "clarity/models/clarity-minilm-l6/model.safetensors" in names
    assert "clarity/models/simplemma-en/dictionary.sqlite3" in names


def test_the_distribution_is_clarity_test_with_its_licence_and_the_clarity_command(
    wheel: Path,
) -> None:
    """The name 'clarity' on the package index is another project's: this one is published
    as clarity-test, installs the command clarity and carries the MIT licence text."""
    archive = zipfile.ZipFile(wheel)
    names = archive.namelist()
    (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
    text = archive.read(metadata).decode()
    assert "\nName: clarity-test\n" in text
    assert "License-Expression: MIT" in text
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    assert "clarity = clarity.cli.main:main" in archive.read(entry_points).decode()
    licence = archive.read(next(n for n in names if n.endswith("licenses/LICENSE"))).decode()
    assert licence.startswith("MIT License")


def test_installed_wheel_runs_check(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "clarity",
            "check",
            "--answers",
            str(EXAMPLES / "missed-deadline.yaml"),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["verdict"] == "consequences"
    where = subprocess.run(
        [sys.executable, "-c", "import clarity.core.rules.pack as p; print(p.builtin_pack_path())"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=True,
    ).stdout.strip()
    assert where.startswith(str(target))
    shown = subprocess.run(
        [sys.executable, "-m", "clarity", "schema", "charter"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == (ROOT / "schemas" / "charter.schema.json").read_text(encoding="utf-8")
    located = subprocess.run(
        [
            sys.executable,
            "-c",
            "import clarity.core.reading.schemas as s; print(s.shipped_schemas())",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=True,
    ).stdout.strip()
    assert located.startswith(str(target))  # read from inside the installed package


def test_wheel_ships_the_schemas(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("answers", "delegation", "charter", "rules", "config", "session"):
        assert f"clarity/schemas/{name}.schema.json" in names
