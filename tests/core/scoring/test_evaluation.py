"""The evaluation corpus: precision, recall and verdict accuracy above their floors."""

from __future__ import annotations

import json

from clarity.core.rules.pack import load_pack
from tests.conftest import ROOT

FLOORS = ROOT / "corpus" / "floors.json"


def test_the_evaluation_corpus_stays_above_its_floors() -> None:
    """The CI gate: precision and recall per rule and trap, verdict accuracy and healthy
    delegations on the evaluation part, which no tuning reads (see corpus/SPEC.md)."""
    from clarity.core.scoring.evaluation import evaluate_corpus

    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    result = evaluate_corpus(load_pack([]), ROOT / "corpus" / "eval")
    below = []
    for kind, tallies in (("rules", result.rules), ("traps", result.traps)):
        for key, floor in floors[kind].items():
            tally = tallies[key]
            if tally.precision < floor["precision"] or tally.recall < floor["recall"]:
                below.append(f"{key}: {tally.precision:.2f}/{tally.recall:.2f} < {floor}")
    assert not below, below
    assert result.verdict_accuracy >= floors["verdict_accuracy"]
