"""Scoring throughput: answer sets per second through the path ``clarity check`` takes."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Throughput:
    sets: int
    distinct: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.sets / self.seconds if self.seconds else float("nan")


def scoring_throughput(answer_sets: list[dict[str, Any]], seconds: float = 2.0) -> Throughput:
    """Score the answer sets round and round for about ``seconds``, in this process.

    Each set goes through exactly what ``clarity check --answers FILE`` does after reading the
    file: the pack's defaults and required answers (``complete``), validation into the answers
    model (``build_answers``) and ``score``. The pack is loaded once, before the clock starts.
    """
    from clarity.core.answers import build_answers, complete
    from clarity.core.engine import score
    from clarity.core.pack import load_pack

    pack = load_pack()
    questions = pack.questions
    done = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        for data in answer_sets:
            view = str(data.get("perspective") or "leader")
            completed = complete(data, questions, "answers", view)
            answers = build_answers(completed, None, "answers")
            score(answers, pack)
        done += len(answer_sets)
        now = time.perf_counter()
        if now >= deadline:
            break
    return Throughput(done, len(answer_sets), now - start)
