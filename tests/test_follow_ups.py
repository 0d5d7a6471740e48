"""Asking instead of guessing: a rule that cannot tell asks the leader, and the answer decides.

The interview is driven with keys through prompt_toolkit's pipe input; answers files and the
command line go through typer's runner. Questions not asked are unknown, not failures.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output
from typer.testing import CliRunner

from clarity.cli import prompts
from clarity.cli.app import app
from clarity.core.reading.answers import build_answers, complete
from clarity.core.rules.pack import Pack, load_pack
from clarity.core.scoring.engine import score

ENTER = "\r"
runner = CliRunner()

# A rule that fires on "by magic" and asks when an outcome says "somehow": the mechanism does
# not depend on how the judge of meaning scores a text today.
PACK = """\
rules:
  - id: X101
    name: magic-outcome
    title: The outcome relies on magic
    dimension: consequences
    severity: error
    when: {matches: {field: outcome, pattern: by magic}}
    ask:
      when: {matches: {field: outcome, pattern: somehow}}
      prompt:
        leader: Could someone else check that it happened?
        report: Could someone else check that it happened, for you?
      flaw: no
    message: It relies on magic.
    why: Magic cannot be checked.
    fix: Say what will be true.
    examples:
      fire: [{outcome: done by magic}]
      pass: [{outcome: 40 stores open}]
"""


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    path = tmp_path_factory.mktemp("pack") / "magic.yaml"
    path.write_text(PACK, encoding="utf-8")
    return load_pack([path])


def interview(
    pack: Pack,
    keys: str,
    fields: tuple[str, ...] = ("outcome",),
    only: str | None = "X101",
    perspective: str = "leader",
) -> dict[str, Any]:
    """Type ``keys``; the follow-ups are those of rule ``only`` (None: every rule's). What the
    terminal showed is kept in ``SHOWN``."""
    asked = [q for q in pack.questions if q.field in fields]
    rules = [r for r in pack.rules if only is None or r.rule.id == only]
    shown = io.StringIO()
    output = Vt100_Output(shown, lambda: Size(rows=24, columns=200), term="xterm")
    with create_pipe_input() as inp:
        inp.send_text(keys)
        inp.close()
        try:
            data = prompts.interview(
                asked, {"task": "x"}, perspective, rules=rules, input=inp, output=output
            )
        except KeyboardInterrupt:  # (the keys ran out: a question no test expected)
            pytest.fail("the interview asked more than the keys answer")
    SHOWN[:] = [shown.getvalue()]
    return data


SHOWN: list[str] = [""]


def fired(pack: Pack, data: dict[str, Any]) -> list[str]:
    answers = build_answers(complete(data, pack.questions, "test"), None, "test")
    return [f.rule.id for f in score(answers, pack).findings]


def test_an_unclear_answer_brings_the_follow_up_and_no_means_the_flaw(pack: Pack) -> None:
    data = interview(pack, "ship it somehow" + ENTER + "n")
    assert data["clarified"] == {"X101": True}
    assert "X101" in fired(pack, data)


def test_yes_settles_it_the_other_way(pack: Pack) -> None:
    data = interview(pack, "ship it somehow, by magic" + ENTER + "y")
    assert data["clarified"] == {"X101": False}
    assert "X101" not in fired(pack, data), "the leader's answer decides over the rule"


def test_a_clear_answer_asks_nothing_more(pack: Pack) -> None:
    data = interview(pack, "40 stores open" + ENTER + "2026-03-01" + ENTER, ("outcome", "deadline"))
    assert "clarified" not in data
    assert data["deadline"] == "2026-03-01", "the next key went to the next question"


def test_the_follow_up_is_worded_for_the_report(pack: Pack) -> None:
    interview(pack, "somehow" + ENTER + "y", perspective="report")
    assert "Could someone else check that it happened, for you?" in SHOWN[0]


def test_an_answers_file_can_settle_a_rule(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "task: Supplier review\noutcome: customers get their orders faster\n"
        "clarified: {C102: no}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check", "--answers", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert "C102" not in [f["rule"] for f in report["findings"]]
    path.write_text(
        "task: Supplier review\noutcome: 40 stores open by 1 March\nclarified: {C102: yes}\n",
        encoding="utf-8",
    )
    report = json.loads(runner.invoke(app, ["check", "--answers", str(path), "-f", "json"]).stdout)
    assert [f["field"] for f in report["findings"] if f["rule"] == "C102"] == ["outcome"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("clarified: {c102: yes}", "a.yaml:2:12: clarified: 'c102' is not a rule id"),
        ("clarified: {C102: maybe}", "the answer for C102 must be yes or no"),
        ("unknown: [outcomes]", "'outcomes' is not a question that can be left unknown"),
    ],
)
def test_bad_follow_up_answers_are_one_line_errors(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(f"task: x\n{line}\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--answers", str(path)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_the_readme_follow_up_on_the_quality_standard() -> None:
    pack = load_pack([])
    keys = "The standard we used for the last client pack" + ENTER + "n"
    data = interview(pack, keys, ("quality",), only=None)
    question = "Could someone other than you check the result against that standard, without"
    assert question in SHOWN[0]
    assert data["clarified"] == {"C106": True}
    assert "C106" in fired(pack, data)


# ---------------------------------------------------------------------------------------------
# Where nobody can be asked (an answers file, a lint run), the question is listed, not guessed.


def _rules(tmp_path: Path) -> str:
    path = tmp_path / "magic.yaml"
    path.write_text(PACK, encoding="utf-8")
    return str(path)


def _answers(tmp_path: Path, outcome: str, extra: str = "") -> str:
    path = tmp_path / "a.yaml"
    path.write_text(f"task: Supplier review\noutcome: {outcome}\n{extra}", encoding="utf-8")
    return str(path)


def test_a_report_lists_the_question_the_rule_could_not_settle(tmp_path: Path) -> None:
    rules, answers = _rules(tmp_path), _answers(tmp_path, "the stores open somehow")
    result = runner.invoke(app, ["check", "--rules", rules, "--answers", answers, "-f", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert "X101" not in [f["rule"] for f in report["findings"]]  # a question, not a flaw
    [question] = [q for q in report["questions"] if q["rule"] == "X101"]
    assert question["question"] == "Could someone else check that it happened?"
    assert (question["field"], question["answer"], question["flaw"]) == (
        "outcome", "the stores open somehow", "no",
    )  # fmt: skip
    text = runner.invoke(app, ["check", "--rules", rules, "--answers", answers]).stdout
    assert "Open questions" in text
    assert "X101 outcome: the stores open somehow" in text
    assert "Could someone else check that it happened?" in text
    for form in ("markdown", "html"):
        drawn = runner.invoke(
            app, ["check", "--rules", rules, "--answers", answers, "-f", form]
        ).stdout
        assert "Open questions (" in drawn
        assert "Could someone else check that it happened?" in drawn


@pytest.mark.parametrize(
    ("outcome", "extra"),
    [
        ("the stores open somehow", "clarified: {X101: yes}\n"),  # answered already
        ("the stores open somehow, by magic", ""),  # the rule fired: nothing left to ask
        ("40 stores open by 1 March", ""),  # a clear answer
        ("the stores open somehow", "unknown: [outcome]\n"),  # the question was never asked
    ],
)
def test_no_question_is_left_open_when_the_rule_could_tell(
    tmp_path: Path, outcome: str, extra: str
) -> None:
    rules, answers = _rules(tmp_path), _answers(tmp_path, outcome, extra)
    result = runner.invoke(app, ["check", "--rules", rules, "--answers", answers, "-f", "json"])
    assert result.exit_code == 0, result.output
    assert "X101" not in [q["rule"] for q in json.loads(result.stdout)["questions"]]


CHARTER = """\
# Stores

## Supplier review

- **Owner:** Dana
- **Outcome:** the stores open somehow
"""


def test_lint_puts_the_open_question_on_the_answer_as_info(tmp_path: Path) -> None:
    rules = _rules(tmp_path)
    charter = tmp_path / "stores.charter.md"
    charter.write_text(CHARTER, encoding="utf-8")
    args = ["lint", "--no-cache", "--rules", rules, "--select", "X101", str(charter)]
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output  # info: a question never fails the run
    run = json.loads(result.stdout)
    [found] = [f for f in run["findings"] if f["rule"] == "X101"]
    assert (found["line"], found["column"], found["severity"]) == (6, 16, "info")
    assert found["message"] == (
        "clarity could not tell. Could someone else check that it happened? (answer it under "
        "clarified: 'X101: yes' if the flaw is there, 'X101: no' if not)"
    )
    assert found["trap"] is None
    assert found["title"].startswith("Open question: ")
    assert [d["verdict"] for d in run["delegations"]] == ["in-harmony"]  # not counted
    text = runner.invoke(app, args).stdout
    assert "info X101 clarity could not tell. Could someone else check that it happened?" in text
    assert "clarified: 'X101: yes' if the flaw is there" in text
    assert runner.invoke(app, [*args, "--fail-level", "info"]).exit_code == 1
    args[args.index("--select") + 1] = "C101"  # the rule left out: its question too
    assert "X101" not in runner.invoke(app, [*args, "-f", "json"]).stdout


def test_the_evaluation_says_what_honest_follow_ups_would_reach(tmp_path: Path) -> None:
    """``clarity rules eval`` gives, beside the verdicts, the verdicts once each open follow-up
    is answered as the labels say (the flaw is there when its element broke down)."""
    rules = _rules(tmp_path)
    folder = tmp_path / "corpus" / "delegations"
    folder.mkdir(parents=True)
    base = Path("examples/in-harmony.yaml").read_text(encoding="utf-8")
    outcome = next(line for line in base.splitlines() if line.startswith("outcome:"))
    for name, verdict, text in (
        ("unsure-flawed", "consequences", "40 stores open by 1 March, somehow"),
        ("unsure-sound", "in-harmony", "40 stores open by 1 March, somehow"),
        ("clear", "in-harmony", "40 stores open by 1 March"),
    ):
        body = base.replace(outcome, f"outcome: {text}")
        (folder / f"{name}.yaml").write_text(f"# verdict: {verdict}\n{body}", encoding="utf-8")
    result = runner.invoke(
        app, ["rules", "eval", "--rules", rules, str(folder.parent), "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    delegations = json.loads(result.stdout)["delegations"]
    assert delegations["verdict_accuracy"] == round(2 / 3, 4)  # the flawed one is missed
    assert delegations["with_follow_ups"] == 1.0
    assert delegations["follow_ups"] >= 2  # (X101's two, and any the built-in judges bring)
    text = runner.invoke(app, ["rules", "eval", "--rules", rules, str(folder.parent)]).stdout
    assert "with the follow-ups answered as labelled (" in text
    assert "questions): 3 of 3 right (100%)" in text


ROOF = """\
task: Run the school estate over the summer
owner: Dana
delegated_by: Sam
perspective: leader
can_fail_differently: yes
decides_alone:
  - Which classrooms are painted first
  - Whether the emergency lights get their annual test before the open day or after the holidays
constraints: [Budget stays under 40,000 GBP]
escalate_when: [Cost goes over 40,000 GBP]
outcome: Roof watertight and signed off by the building inspector
deadline: 2026-08-28
quality: Building inspector's completion certificate with no open items
consequences: If it slips, weekly site reviews with me come back until it is signed off
agreed_upfront: yes
checkpoints: [2026-07-31]
"""


def test_the_standards_question_is_asked_well_under_the_threshold(tmp_path: Path) -> None:
    """The built-in B107 asks from 0.45 (its bank's ``ask_from``): a postponed examination its
    judge scores well under the threshold is a question in the report, on the first screen of
    a 80x24 terminal, and counted on its last line."""
    judge = load_pack([]).judges[0].judge("B107")
    item = ROOF.split("\n  - ")[2].split("\n")[0]
    assert judge.ask_from <= judge.probability(item) < judge.threshold - 0.15  # (the new band)
    path = tmp_path / "roof.yaml"
    path.write_text(ROOF, encoding="utf-8")
    data = json.loads(runner.invoke(app, ["check", "--answers", str(path), "-f", "json"]).stdout)
    assert "B107" not in [f["rule"] for f in data["findings"]]
    assert [(q["rule"], q["item"]) for q in data["questions"]] == [("B107", 2)]
    shown = runner.invoke(
        app, ["check", "--answers", str(path)], env={"LINES": "24", "COLUMNS": "80"}
    ).stdout
    lines = shown.splitlines()
    assert len(lines) < 24, shown
    assert "Open questions (1)" in shown
    assert "1 open question" in " ".join(lines[-2:])  # (it may wrap)


@pytest.mark.parametrize(
    ("answer", "fired"),
    [("X101: yes", True), ("X101: no", False), ("X101: Yes; C102: no", True)],
)
def test_a_markdown_charter_answers_the_question_and_the_answer_decides(
    tmp_path: Path, answer: str, fired: bool
) -> None:
    """As in an answers file, yes says the flaw is there (whatever way the question is put)."""
    rules = _rules(tmp_path)
    charter = tmp_path / "stores.charter.md"
    charter.write_text(f"{CHARTER}- **Clarified:** {answer}\n", encoding="utf-8")
    args = ["lint", "--no-cache", "--rules", rules, "--select", "X101", str(charter), "-f", "json"]
    result = runner.invoke(app, args)
    run = json.loads(result.stdout)
    found = [(f["rule"], f["severity"], f["line"]) for f in run["findings"]]
    assert found == ([("X101", "error", 6)] if fired else [])  # (never an open question)
    assert result.exit_code == (1 if fired else 0)


def test_a_yaml_charter_answers_the_question_as_an_answers_file_does(tmp_path: Path) -> None:
    rules = _rules(tmp_path)
    charter = tmp_path / "stores.charter.yaml"
    charter.write_text(
        "delegations:\n"
        "  - task: Supplier review\n    outcome: the stores open somehow\n"
        "    clarified: {X101: yes}\n"
        "  - task: Store opening\n    outcome: the stores open somehow\n",
        encoding="utf-8",
    )
    args = ["lint", "--no-cache", "--rules", rules, "--select", "X101", str(charter), "-f", "json"]
    found = json.loads(runner.invoke(app, args).stdout)["findings"]
    assert [(f["delegation"], f["severity"]) for f in found] == [
        ("Supplier review", "error"),  # answered: the flaw is there
        ("Store opening", "info"),  # not answered: still an open question
    ]


@pytest.mark.parametrize(
    ("line", "where", "message"),
    [
        ("- **Clarified:** X101 no", ":7:18:", "'X101 no' is not a follow-up answer"),
        ("- **Clarified:** X101: maybe", ":7:3:", "the answer for X101 must be yes or no"),
        ("- **Clarified:** x101: yes", ":7:3:", "'x101' is not a rule id"),
    ],
)
def test_a_charter_answer_that_is_not_yes_or_no_is_a_located_error(
    tmp_path: Path, line: str, where: str, message: str
) -> None:
    charter = tmp_path / "stores.charter.md"
    charter.write_text(f"{CHARTER}{line}\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", "--no-cache", str(charter)])
    assert result.exit_code == 2
    assert f"stores.charter.md{where}" in result.stdout + result.stderr
    assert message in result.stdout + result.stderr
    assert "Traceback" not in result.output


def test_the_interview_asks_about_a_standard_its_judge_scores_under_the_threshold() -> None:
    """B107 asks from 0.45: a postponed examination that its judge scores well under its
    threshold brings the standards question, and the leader's yes makes it a finding."""
    pack = load_pack([])
    item = "Whether the emergency lights get their annual test before the open day or after the holidays"
    judge = pack.judges[0].judge("B107")
    assert judge.ask_from <= judge.probability(item) < judge.threshold - 0.15  # (the new band)
    fields = ("can_fail_differently", "decides_alone")
    data = interview(pack, "y" + item + ENTER + "y", fields, only="B107")
    assert "should not be theirs to skip?" in SHOWN[0]
    assert data["clarified"] == {"B107": True}
    assert "B107" in fired(pack, data)


def test_a_standard_confirmed_by_its_form_is_still_asked_and_the_leader_can_clear_it() -> None:
    """A decision right that puts the obligation in question fires under B107's threshold
    (``confirmed_by``); the interview still asks, and the leader's no clears it."""
    pack = load_pack([])
    item = "If updating the allergen matrix can wait until the new menu settles"
    judge = pack.judges[0].judge("B107")
    assert judge.decide([item]) == [True] and judge.probability(item) < judge.threshold
    fields = ("can_fail_differently", "decides_alone")
    data = interview(pack, "y" + item + ENTER + "n", fields, only="B107")
    assert "should not be theirs to skip?" in SHOWN[0]
    assert data["clarified"] == {"B107": False}
    assert "B107" not in fired(pack, data)


def test_a_flaw_confirmed_in_a_charter_is_put_on_the_answer_it_was_asked_about(
    tmp_path: Path,
) -> None:
    item = "Whether the emergency lights get their annual test before the open day or after the holidays"
    charter = tmp_path / "estate.charter.md"
    charter.write_text(
        "## Run the school estate\n\n- **Can fail differently:** yes\n- **Decides alone:**\n"
        f"  - Which classrooms are painted first\n  - {item}\n- **Clarified:** B107: yes\n",
        encoding="utf-8",
    )
    args = ["lint", "--no-cache", "--select", "B107", str(charter), "-f", "json"]
    found = json.loads(runner.invoke(app, args).stdout)["findings"]
    assert [(f["line"], f["column"], f["severity"], f["answer"]) for f in found] == [
        (6, 5, "warning", item)
    ]
