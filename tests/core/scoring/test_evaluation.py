"""The evaluation corpus: precision, recall and verdict accuracy above their floors."""

from __future__ import annotations

import json
from pathlib import Path

from clarity.core.rules.pack import load_pack
from tests.conftest import ROOT

FLOORS = ROOT / "corpus" / "floors.json"


def test_the_evaluation_corpus_stays_above_its_floors() -> None:
    """The CI gate: precision and recall per rule and trap, verdict accuracy (as judged, and
    with the interview's follow-ups answered as labelled) and healthy delegations on the
    evaluation part, which no tuning reads (see corpus/SPEC.md)."""
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
    assert result.accuracy_with_follow_ups >= floors["with_follow_ups"]
    flagged = {Path(d.path).name: d.healthy_flagged for d in result.healthy_flagged}
    assert flagged == KNOWN_FLAGGED_EVAL


#: Healthy delegations of the evaluation part a judge flags. The target is none, met since the
#: ninth round (game-studio-switch-cert had a B102 finding at 0.61 against 0.6 in the eighth;
#: B102's threshold moved to 0.65 when tools/thresholds.py began to take the higher of two tied
#: candidates, a change chosen on tests/corpus, not on this part). A change that flags one
#: fails here; it is written down, not tuned away: what the evaluation part shows must not
#: steer a choice, or it is a tuning part.
KNOWN_FLAGGED_EVAL: dict[str, list[str]] = {}


#: Healthy delegations of the development part that a judge still flags: none since the
#: nineteenth round (B107's agreeing judges count from 0.62, which no longer reads "Closing a
#: piece of equipment on the spot if it is unsafe" as a standard left open).
KNOWN_FLAGGED: dict[str, list[str]] = {}


def test_the_development_part_flags_no_other_healthy_delegation() -> None:
    """The thresholds are chosen above every answer of the development part's healthy
    delegations where the rules' examples allow: a change that flags another one shows here."""
    from clarity.core.scoring.evaluation import evaluate_corpus

    result = evaluate_corpus(load_pack([]), ROOT / "corpus" / "dev")
    flagged = {Path(d.path).name: d.healthy_flagged for d in result.healthy_flagged}
    assert flagged == KNOWN_FLAGGED
