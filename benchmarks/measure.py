"""Running commands side by side: wall time and peak memory of each, in alternation."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class Command:
    """One measured command line. ``ok`` lists the exit codes that mean it ran as intended."""

    key: str
    argv: list[str]
    ok: tuple[int, ...] = (0,)
    times: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)
    codes: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def peak_mb(self) -> float:
        """The largest resident set of the command or any process it waited for (workers)."""
        return max(self.peaks) / 1024 if self.peaks else float("nan")


#: Runs one command and reports (wall seconds, peak RSS in KiB, exit code, end of stderr).
#: A small launcher, so that the peak memory is the command's and not this process's: a child
#: starts with its parent's memory high-water mark, and ours holds the generated trees.
LAUNCHER = """\
import json, os, subprocess, sys, time
with open(os.devnull, 'wb') as null:
    start = time.perf_counter()
    proc = subprocess.Popen(sys.argv[1:], stdout=null, stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
peak = usage.ru_maxrss // (1024 if sys.platform == 'darwin' else 1)
tail = err.decode('utf-8', 'replace').strip().splitlines()[-1:]
print(json.dumps([elapsed, peak, os.waitstatus_to_exitcode(status), tail[0] if tail else '']))
"""


def run_once(argv: Sequence[str], cwd: str | None = None) -> tuple[float, int, int, str]:
    """(wall seconds, peak RSS in KiB, exit code, the last line of stderr) of one command.

    The launcher times the command alone (not its own start-up) and reads ``os.wait4``: on
    Linux its ``ru_maxrss`` is the largest of the command's own peak and the peaks of the
    processes it waited for (its worker processes), so the figure is the peak of any one
    process of the command. Its floor is the launcher's own size (about that of
    ``python -c pass``).
    """
    out = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *argv],
        stdout=subprocess.PIPE,
        check=True,
        cwd=cwd,
    ).stdout
    elapsed, peak, code, tail = json.loads(out)
    return float(elapsed), int(peak), int(code), str(tail)


def alternate(
    commands: Sequence[Command], repetitions: int, *, warmup: bool = True, cwd: str | None = None
) -> None:
    """Run the commands round-robin ``repetitions`` times (after one warm-up round, whose
    figures are dropped), so that drifts in the machine's load touch every command alike."""
    if warmup:
        for command in commands:
            _, _, code, tail = run_once(command.argv, cwd)
            if code not in command.ok:
                command.errors.append(f"exit {code}: {tail}")
    for _ in range(repetitions):
        for command in commands:
            elapsed, peak, code, tail = run_once(command.argv, cwd)
            command.times.append(elapsed)
            command.peaks.append(peak)
            command.codes.append(code)
            if code not in command.ok:
                command.errors.append(f"exit {code}: {tail}")


LIBYAML_SCRIPT = """\
import os, sys, yaml
n = 0
for folder, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(files):
        if name.endswith(('.yaml', '.yml')):
            with open(os.path.join(folder, name), encoding='utf-8') as handle:
                yaml.load(handle.read(), Loader=yaml.CSafeLoader)
            n += 1
if n == 0:
    sys.exit('no YAML files parsed')
"""
