"""A flaw said in one clause of a long answer brings the rule's follow-up question (a bank's
``ask_on_clause``).

C113 (an outcome that depends on what nobody in the role controls) reads a whole outcome at
once, so an outside force said in a clause after a sound, measurable part is diluted: the
whole scores under the band where the judge is unsure. From the bank's ``from``, a clause that
alone reaches the form's score leaves the judge unsure, so the interview asks, and a report
or a lint run lists the question; it never fires the rule by itself. The texts here were
written for these tests; each is first checked to lie where the test needs it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clarity.cli.app import app
from clarity.core.judge import Judge, Judges
from clarity.core.judge.banks import load_bank
from clarity.core.judge.forms import Clauses, clauses
from clarity.core.judge.meaning import in_doubt
from clarity.core.rules.pack import builtin_pack_path, load_pack
from tests.test_follow_ups import ENTER, fired, interview

runner = CliRunner()

#: A sound part, then a clause that hangs the outcome on a funder's decision.
BURIED = (
    "Get 30 stalls on the new Sunday market by April, every trader with insurance on file and "
    "a pitch map on the noticeboard, and the lottery board renewing the grant."
)
#: The same measurable part alone: its clauses are all sound.
PLAIN = "Get 30 stalls on the new Sunday market by April, every trader with insurance on file"

#: The outside force said and taken out, in two ways.
TAKEN_OUT = (
    "Get 30 stalls on the new Sunday market by April, every trader with insurance on file; the "
    "grant renewal is the lottery board's call, so it is left out."
)
NOT_COUNTED = (
    "Get 30 stalls on the new Sunday market by April, every trader with insurance on file. "
    "Whether the grant is renewed is the funder's decision and is not counted here."
)

ANSWERS = """\
task: Start the Sunday market
owner: Dee
delegated_by: Sam
perspective: leader
can_fail_differently: yes
decides_alone: [Which traders get the corner pitches]
constraints: [Spend within 4,000 GBP]
escalate_when: [A trader complains to the council]
outcome: {outcome}
deadline: 2027-04-30
quality: Every pitch passes the council's fire safety walk-round
consequences: If it slips, we meet every Monday until it is back on track
agreed_upfront: yes
"""


def _judge() -> Judge:
    judges: Judges = load_pack([]).judges[0]
    return judges.judge("C113")


def _form(judge: Judge) -> Clauses:
    form = judge.meaning.clauses
    assert form is not None
    return form


def test_a_clause_that_says_the_flaw_alone_leaves_the_judge_unsure() -> None:
    judge = _judge()
    form = _form(judge)
    score = judge.probability(BURIED)
    assert form.start <= score < judge.threshold and not in_doubt(score, judge.threshold), score
    assert max(judge.probabilities(clauses(BURIED))) >= form.score
    assert judge.decide([BURIED]) == [False]  # (it never fires by itself)
    assert judge.decide([BURIED], unsure=True) == [True]


def test_sound_clauses_alone_or_a_force_said_not_to_count_ask_nothing() -> None:
    judge = _judge()
    form = _form(judge)
    assert max(judge.probabilities(clauses(PLAIN))) < form.score
    assert judge.decide([PLAIN], unsure=True) == [False]
    score = judge.probability(NOT_COUNTED)
    assert form.start <= score and not in_doubt(score, judge.threshold), score
    assert max(judge.probabilities(clauses(NOT_COUNTED))) < form.score
    assert judge.decide([NOT_COUNTED], unsure=True) == [False]


@pytest.mark.xfail(
    strict=True,
    reason="known since the encoder was tuned again (nineteenth round): the clause that names "
    "the board's call reaches the form's score alone, and the whole reaches ask_from",
)
def test_a_clause_that_takes_the_force_out_in_the_same_sentence_asks_nothing() -> None:
    assert _judge().decide([TAKEN_OUT], unsure=True) == [False]


def test_the_stored_judge_keeps_the_bank_s_form() -> None:
    judges = load_pack([]).judges[0]
    bank = load_bank(builtin_pack_path() / "banks" / "C113.yaml")
    stored = judges.stored("C113")
    assert stored is not None and bank.clauses is not None
    assert stored.clauses == bank.clauses
    other = judges.stored("C102")
    assert other is not None and other.clauses is None


def test_the_interview_asks_and_the_leader_s_answer_decides() -> None:
    """C113 asks whether they could miss the outcome though they did all in their power: yes
    is the flaw."""
    pack = load_pack([])
    data = interview(pack, BURIED + ENTER + "y", only="C113")
    assert data["clarified"] == {"C113": True}
    assert "C113" in fired(pack, data)
    data = interview(pack, BURIED + ENTER + "n", only="C113")
    assert data["clarified"] == {"C113": False}
    assert "C113" not in fired(pack, data)


def test_a_report_lists_the_question_and_no_finding(tmp_path: Path) -> None:
    path = tmp_path / "market.yaml"
    path.write_text(ANSWERS.format(outcome=BURIED), encoding="utf-8")
    data = json.loads(runner.invoke(app, ["check", "--answers", str(path), "-f", "json"]).stdout)
    assert "C113" not in [f["rule"] for f in data["findings"]]
    assert "C113" in [q["rule"] for q in data["questions"]]
    path.write_text(ANSWERS.format(outcome=PLAIN), encoding="utf-8")
    data = json.loads(runner.invoke(app, ["check", "--answers", str(path), "-f", "json"]).stdout)
    assert "C113" not in [q["rule"] for q in data["questions"]]


def test_rules_show_says_when_a_clause_brings_the_question() -> None:
    result = runner.invoke(app, ["rules", "show", "C113"])
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    form = _form(_judge())
    assert f"and from {form.start:.2f} when one clause of the answer, judged alone, reaches" in text
    result = runner.invoke(app, ["rules", "show", "C113", "-f", "json"])
    (judged,) = json.loads(result.stdout)["rule"]["judged_by"]
    assert judged["ask_on_clause"] == {"from": form.start, "score": form.score}


def test_lint_lists_the_question_on_the_outcome_s_line(tmp_path: Path) -> None:
    charter = tmp_path / "market.charter.md"
    charter.write_text(
        "## Start the Sunday market\n\n- **Can fail differently:** yes\n"
        f"- **Outcome:** {BURIED}\n- **Deadline:** 2027-04-30\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["lint", "--no-config", "-f", "json", str(charter)])
    found = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "C113"]
    assert [(f["severity"], f["line"]) for f in found] == [("info", 4)]
    assert "could not tell" in found[0]["message"]


def test_the_readme_example_is_asked_about() -> None:
    from tests.conftest import ROOT

    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    ending = "and the lottery board renewing the grant"
    assert f'"{ending}"' in readme and BURIED.rstrip(".").endswith(ending)
    assert _judge().decide([BURIED], unsure=True) == [True]
