"""How long a leader waits for the interview's first question: ``clarity check`` started in a
pseudo-terminal (80x24, with pexpect), timed from the start to the first question on screen."""

from __future__ import annotations

import statistics
import time
from pathlib import Path


def first_question(clarity: str, rounds: int, cwd: Path) -> list[float]:
    """Seconds from starting ``clarity check`` to its first question, once per round (after one
    warm-up start); empty when pexpect is not installed."""
    try:
        import pexpect
    except ImportError:
        return []
    times = []
    for i in range(rounds + 1):
        started = time.perf_counter()
        child = pexpect.spawn(
            clarity, ["check"], cwd=str(cwd), dimensions=(24, 80), encoding="utf-8", timeout=30
        )
        try:
            child.expect(r"\?")  # questionary marks a question with "?"
            if i:
                times.append(time.perf_counter() - started)
        finally:
            child.terminate(force=True)
    return times


def median(times: list[float]) -> float:
    return statistics.median(times) if times else float("nan")
