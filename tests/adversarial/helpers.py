"""Feeding hostile input to every entry point, and what a user must then see.

Each entry point reads one kind of file: ``clarity check --answers``, ``clarity lint`` (YAML and
Markdown charters), ``clarity rules validate`` and ``rules test`` (rule packs), and the
configuration (``.clarity.yaml`` and ``pyproject.toml``, read by ``clarity config --config``).
``feed`` writes the bytes under the name the entry point expects and runs it through typer's
runner in the test's folder; ``assert_refused`` checks the one-line error a user must get.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from clarity.cli.app import app
from tests.conftest import EXAMPLES

runner = CliRunner()

#: The answers of a healthy delegation (exit 0), to build valid files around a hostile value.
HARMONY = (EXAMPLES / "in-harmony.yaml").read_text(encoding="utf-8")

#: A valid rule pack of one rule, over the built-in pack.
PACK = """\
name: team-rules
rules:
  - id: T101
    name: no-owner
    title: Nobody owns it
    dimension: boundaries
    severity: warning
    when: {missing: owner}
    message: Nobody is named as the owner.
    why: Work that belongs to everyone belongs to no one.
    fix: Name one person.
    examples:
      fire:
        - {owner: ""}
      pass:
        - {owner: Sam}
"""

CHARTER = """\
team: Platform
delegations:
  - task: Migrate the billing database
    owner: Priya
"""

#: Every entry point that reads a YAML file, and the file name it reads it under.
YAML_ENTRIES: dict[str, str] = {
    "check": "answers.yaml",
    "lint": "team.charter.yaml",
    "rules-validate": "pack.yaml",
    "rules-test": "pack.yaml",
    "config": ".clarity.yaml",
    "compare": "answers.yaml",  # compared with a valid answers file
    "session": "session.yaml",  # clarity session check
}
#: ... and the valid file each starts from.
VALID: dict[str, str] = {
    "check": HARMONY,
    "lint": CHARTER,
    "rules-validate": PACK,
    "rules-test": PACK,
    "config": "fail_level: warning\n",
    "pyproject": '[tool.clarity]\nfail_level = "warning"\n',
    "lint-md": "## Migrate the billing database\n\n- **Owner:** Priya\n",
    "compare": HARMONY,
    "session": (EXAMPLES / "sessions" / "team-leads.yaml").read_text(encoding="utf-8"),
}
FILE_ENTRIES: dict[str, str] = {
    **YAML_ENTRIES,
    "pyproject": "pyproject.toml",
    "lint-md": "team.charter.md",
}


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def errors(self) -> list[str]:
        """The lines on standard error."""
        return [line for line in self.stderr.splitlines() if line.strip()]


def args_for(entry: str, name: str) -> list[str]:
    """The command line that makes ``entry`` read the file ``name``."""
    return {
        "check": ["check", "--answers", name, "--format", "json"],
        "lint": ["lint", "--no-config", "--format", "json", name],
        "lint-md": ["lint", "--no-config", "--format", "json", name],
        "rules-validate": ["rules", "validate", name],
        "rules-test": ["rules", "test", name],
        "config": ["config", "--config", name, "--format", "json"],
        "pyproject": ["config", "--config", name, "--format", "json"],
        "compare": ["compare", name, "other.yaml", "--format", "json"],
        "session": ["session", "check", name],
    }[entry]


def invoke(*args: str, input: str | bytes | None = None) -> Run:
    result = runner.invoke(app, list(args), input=input)
    return Run(result.exit_code, result.stdout, result.stderr)


def feed(entry: str, folder: Path, content: str | bytes, name: str | None = None) -> Run:
    """Write ``content`` where ``entry`` reads it (in ``folder``, the working directory) and
    run the entry point on it."""
    name = name or FILE_ENTRIES[entry]
    if entry == "compare":
        (folder / "other.yaml").write_text(HARMONY, encoding="utf-8")
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return invoke(*args_for(entry, name))


def assert_refused(run: Run, *needles: str, where: str | None = None, code: int = 2) -> str:
    """Exit ``code``, no traceback, and one line on standard error naming ``where``
    (``file:line:col``) and saying each of ``needles``. Returns the line."""
    everything = run.stdout + run.stderr
    assert "Traceback" not in everything, everything
    assert run.code == code, (run.code, everything)
    errors = [line for line in run.errors if line.startswith("clarity: error:")]
    assert len(errors) == 1, run.stderr
    line = errors[0]
    if where is not None:  # 'file:line:' names the line only
        prefix = f"clarity: error: {where}" + ("" if where.endswith(":") else ":")
        assert line.startswith(prefix), line
    for needle in needles:
        assert needle in line, line
    return line


def assert_clean(run: Run, code: int = 0) -> None:
    everything = run.stdout + run.stderr
    assert "Traceback" not in everything, everything
    assert run.code == code, (run.code, everything)


def clarity_process(
    *args: str,
    cwd: Path,
    timeout: float = 60,
    env: dict[str, str] | None = None,
    stdin: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """clarity in a process of its own: a crash of the C parser would show as a signal."""
    return subprocess.run(
        [sys.executable, "-m", "clarity", *args],
        cwd=cwd,
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
