"""A flaw whose form says so outright fires under the threshold (a bank's ``confirmed_by``).

B107's judge reads what a decision right is about; its threshold is held high by sound answers
of regulated trades. A decision right that also puts the obligation itself in question ("or
not", "worth the bother", "pushed back") fires from the bank's lower score. The texts here were
written for these tests; each is first checked to lie where the test needs it.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from clarity.cli.app import app
from clarity.core.judge import Judge
from clarity.core.judge.banks import load_bank
from clarity.core.rules.pack import builtin_pack_path, load_pack
from tests.conftest import ROOT

runner = CliRunner()

#: Standards put in question, each in the words that confirm it.
QUESTIONED = [
    "If updating the allergen matrix can wait until the new menu settles",
    "If the pool water testing can skip a day when it rains",
]
#: The same words about something done on top of the standard: no flaw, whatever the score.
ON_TOP = [
    "Whether the extra mid-shift temperature log on the blast chiller is worth keeping",
    "If the optional manual handling refresher is needed for the warehouse temps",
]
#: The same form about things that are no standard: the judge's score keeps them sound.
ORDINARY = [
    "Whether we need a second van for the Saturday deliveries",
    "Whether to drop the Friday stand-up when half the team is out",
    "No need to ring me about rota swaps",
]


def _judge() -> Judge:
    return load_pack([]).judges[0].judge("B107")


def _confirm_from(judge: Judge) -> float:
    confirm = judge.meaning.confirm
    assert confirm is not None
    return confirm.start


def test_a_standard_put_in_question_fires_under_the_threshold() -> None:
    judge = _judge()
    start = _confirm_from(judge)
    scores = judge.probabilities(QUESTIONED)
    assert all(start <= p < judge.threshold for p in scores), scores  # (under the threshold)
    assert judge.decide(QUESTIONED) == [True, True]


def test_the_readme_examples_are_confirmed_by_their_form() -> None:
    """README's two examples of the confirming form fire under the threshold."""
    judge = _judge()
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    examples = [
        "if updating the allergen matrix can wait until the new menu settles",
        "if the pool water testing can skip a day when it rains",
    ]
    assert all(f'"{text}"' in readme for text in examples)
    scores = judge.probabilities(examples)
    assert all(_confirm_from(judge) <= p < judge.threshold for p in scores), scores
    assert judge.decide(examples) == [True, True]


def test_the_form_alone_is_no_flaw() -> None:
    judge = _judge()
    assert all(judge.meaning.confirmed(t) for t in ORDINARY)  # (the words are there)
    assert all(p < _confirm_from(judge) for p in judge.probabilities(ORDINARY))
    assert judge.decide(ORDINARY) == [False, False, False]


def test_a_text_that_says_it_goes_beyond_the_standard_is_not_confirmed() -> None:
    judge = _judge()
    assert not any(judge.meaning.confirmed(t) for t in ON_TOP)
    assert judge.decide(ON_TOP) == [p >= judge.threshold for p in judge.probabilities(ON_TOP)]


def test_without_the_form_a_text_under_the_threshold_is_a_question_not_a_finding() -> None:
    judge = _judge()
    text = "Whether the emergency lights get their annual test before the open day or after the holidays"
    assert not judge.meaning.confirmed(text)
    assert judge.ask_from is not None
    assert judge.ask_from <= judge.probability(text) < judge.threshold
    assert judge.decide([text]) == [False]
    assert judge.decide([text], unsure=True) == [True]


def test_the_stored_judge_keeps_the_bank_s_confirming_form() -> None:
    judges = load_pack([]).judges[0]
    bank = load_bank(builtin_pack_path() / "banks" / "B107.yaml")
    stored = judges.stored("B107")
    assert stored is not None and bank.confirm is not None
    assert stored.confirm == bank.confirm
    assert judges.stored("C102") is not None and judges.stored("C102").confirm is None  # type: ignore[union-attr]


ANSWERS = """\
task: Open the new distribution centre
owner: Priya
delegated_by: Tom
perspective: leader
can_fail_differently: yes
decides_alone:
  - Which shift pattern the pickers work
  - {item}
constraints: [Fit-out within 1.2m GBP]
escalate_when: [Fit-out forecast over 1.2m GBP]
outcome: Centre shipping 8,000 orders a day with a pick accuracy of 99.5%
deadline: 2027-03-01
quality: Pick accuracy measured by the warehouse system over two full weeks
consequences: If it slips, we review the plan weekly together until the centre ships
agreed_upfront: yes
checkpoints: [2027-01-15]
"""


def test_a_report_names_the_standard_left_open_as_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "centre.yaml"
    path.write_text(ANSWERS.format(item=QUESTIONED[0]), encoding="utf-8")
    result = runner.invoke(app, ["check", "--answers", str(path), "-f", "json"])
    data = json.loads(result.stdout)
    assert [(f["rule"], f["item"]) for f in data["findings"] if f["rule"] == "B107"] == [
        ("B107", 2)  # (the second answer, counted from 1)
    ]
    assert "B107" not in [q["rule"] for q in data["questions"]]
