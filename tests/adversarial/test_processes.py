"""A parallel ``clarity lint`` stuck in slow patterns (a 10 s pattern timeout): SIGTERM or
SIGKILL to the parent leaves no worker behind, and Ctrl-C to the process group ends the whole
run within a second, with one line and exit 130."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.adversarial.test_patterns import matches, pack

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads the process table in /proc"
)

SLOW = "a" * 60 + "!"  # '(a|aa)+$' backtracks on it until the timeout


def alive_in_group(group: int) -> list[int]:
    """The processes of a group that are still running (zombies are dead)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        state, pgrp = fields[0], int(fields[2])
        if pgrp == group and state not in ("Z", "X"):
            found.append(int(entry.name))
    return found


def wait_until(condition: object, timeout: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():  # type: ignore[operator]
            return time.monotonic() - started
        time.sleep(0.02)
    raise AssertionError(f"not within {timeout} s")


@pytest.fixture
def stuck(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A parallel lint whose two workers are busy in a slow pattern; ended whatever happens."""
    (tmp_path / "pack.yaml").write_text(pack(matches("(a|aa)+$")), encoding="utf-8")
    (tmp_path / ".clarity.yaml").write_text("rules: [pack.yaml]\n", encoding="utf-8")
    for i in range(40):
        (tmp_path / f"c{i:02}.charter.yaml").write_text(
            f'delegations:\n  - task: Slow\n    outcome: "{SLOW}"\n', encoding="utf-8"
        )

    def start(jobs: int = 2) -> subprocess.Popen[str]:
        child = subprocess.Popen(
            [sys.executable, "-m", "clarity", "lint", "--jobs", str(jobs), "."],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
            env={**os.environ, "CLARITY_PATTERN_TIMEOUT": "10"},
        )
        started.append(child)
        wait_until(lambda: len(alive_in_group(child.pid)) >= 1 + (jobs if jobs > 1 else 0), 30)
        time.sleep(1.0)  # in the patterns by now
        return child

    started: list[subprocess.Popen[str]] = []
    yield start
    for child in started:
        for pid in alive_in_group(child.pid):
            os.kill(pid, signal.SIGKILL)
        child.kill()
        child.communicate()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["term", "kill"])
def test_workers_die_with_their_parent(sig: int, stuck) -> None:  # type: ignore[no-untyped-def]
    child = stuck()
    workers = [pid for pid in alive_in_group(child.pid) if pid != child.pid]
    assert len(workers) >= 2  # (and, with a fork server, that server)
    os.kill(child.pid, sig)
    child.wait(timeout=5)
    wait_until(lambda: not alive_in_group(child.pid), 2)


@pytest.mark.parametrize("jobs", [2, 1])
def test_ctrl_c_to_the_group_ends_the_run_within_a_second(jobs: int, stuck) -> None:  # type: ignore[no-untyped-def]
    child = stuck(jobs)
    os.killpg(child.pid, signal.SIGINT)
    took = wait_until(lambda: not alive_in_group(child.pid), 5)
    assert took < 1.0, took
    out, err = child.communicate(timeout=5)
    assert child.returncode == 130
    assert err.strip() == "clarity: interrupted", err
    assert "Traceback" not in out + err


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_workers_from_another_start_method_live_while_their_parent_does(
    method: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fork server (the default start method from Python 3.14) is the workers' parent
    process: they watch clarity's pid instead, and are not mistaken for orphans."""
    import json
    import multiprocessing

    import clarity.core.linting.lintpool as lintpool
    from tests.adversarial.helpers import CHARTER, invoke

    monkeypatch.chdir(tmp_path)
    for i in range(8):
        (tmp_path / f"c{i}.charter.yaml").write_text(CHARTER, encoding="utf-8")
    monkeypatch.setattr(lintpool, "_mp_context", lambda: multiprocessing.get_context(method))
    monkeypatch.setattr(lintpool, "SPAWNED_MIN_FILES", 2)
    run = invoke("lint", "--no-config", "--jobs", "2", "--format", "json", ".")
    assert run.code == 1, run.stderr
    assert len({f["path"] for f in json.loads(run.stdout)["findings"]}) == 8
