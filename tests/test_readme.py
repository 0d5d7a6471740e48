"""The README's commands run: the fresh-machine pair and the coach's walk-through."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CLARITY = str(Path(sys.executable).parent / "clarity")


def sh_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", README, flags=re.S)


def test_readme_starts_with_exactly_two_commands_for_a_fresh_machine() -> None:
    first, second = sh_blocks()[:2]
    assert first.strip().splitlines() == [
        "python3 -m venv .venv && .venv/bin/pip install . && "
        ".venv/bin/clarity check --answers examples/missed-deadline.yaml"
    ]
    assert second.strip().splitlines() == [
        ".venv/bin/pip install '.[test]' && .venv/bin/python -m pytest"
    ]
    assert (ROOT / "examples" / "missed-deadline.yaml").exists()
    ci = (ROOT / ".ci" / "run").read_text()
    assert 'python" -m pytest' in ci and "'.[test]'" in ci


def test_the_coach_walk_through_runs(tmp_path: Path) -> None:
    block = README.split("<!-- walkthrough -->", 1)[1]
    script = re.search(r"```sh\n(.*?)```", block, flags=re.S)
    assert script is not None
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    env = {**os.environ}
    ran = 0
    for line in script.group(1).splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            key, _, value = line[len("export ") :].partition("=")
            env[key] = value
            continue
        args = shlex.split(line)
        assert args[0] == "clarity", line
        result = subprocess.run(
            [CLARITY, *args[1:]], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, f"{line}\n{result.stderr}"
        assert "Traceback" not in result.stderr
        ran += 1
    assert ran >= 8
    assert "<svg" in (tmp_path / "trend.svg").read_text()
    assert "in-harmony" in (tmp_path / "review.html").read_text()
    assert (tmp_path / "gap.html").read_text().lstrip().lower().startswith("<!doctype html")
    assert len((tmp_path / "scores.jsonl").read_text().splitlines()) >= 5
    assert (tmp_path / "coaching.sqlite3").exists()


def test_readme_shows_the_short_report_as_it_is() -> None:
    shown = README.split("<!-- short-report -->\n```text\n", 1)[1].split("```", 1)[0]
    result = subprocess.run(
        [CLARITY, "check", "--answers", "examples/missed-deadline.yaml"],
        cwd=ROOT, env={**os.environ, "COLUMNS": "80"}, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == shown
    assert max(len(line) for line in shown.splitlines()) <= 80
