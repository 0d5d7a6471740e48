"""Write corpus/floors.json: the evaluation figures the CI gate holds the pack to.

Run from the repository after a change that moves the figures on purpose:
python tools/set_floors.py. Each floor is the measured figure less a small margin, so the gate
catches regressions; the targets themselves are in docs/judgment.md.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from clarity.core.rules.pack import load_pack
from clarity.core.scoring.evaluation import evaluate_corpus

MARGIN = 0.05


def _floor(value: float) -> float:
    return max(0.0, math.floor((value - MARGIN) * 100) / 100)


def main() -> None:
    result = evaluate_corpus(load_pack([]), Path("corpus/eval"))
    floors = {
        kind: {
            key: {"precision": _floor(t.precision), "recall": _floor(t.recall)}
            for key, t in tallies.items()
            if t.total
        }
        for kind, tallies in (("rules", result.rules), ("traps", result.traps))
    }
    floors["verdict_accuracy"] = _floor(result.verdict_accuracy)  # type: ignore[assignment]
    floors["with_follow_ups"] = _floor(result.accuracy_with_follow_ups)  # type: ignore[assignment]
    Path("corpus/floors.json").write_text(json.dumps(floors, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(floors, indent=2))


if __name__ == "__main__":
    main()
