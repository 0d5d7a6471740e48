"""A flaw two other judges agree on fires under the threshold (a bank's ``agreed_by``).

B107, a standard left to someone's discretion, is two things at once: a decision right whose
subject a standard governs (the ``standard-matter`` judge) and whose discretion reaches the
substance, whether it is done, how often, how strictly, its limit (``discretion-substance``).
From the bank's lower score, a text fires when both say so, unless it says the discretion sits
inside a bound. The texts here were written for these tests; each is first checked to lie
where the test needs it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clarity.cli.app import app
from clarity.core.judge import Judge, Judges
from clarity.core.judge.banks import load_bank
from clarity.core.judge.forms import Agreement
from clarity.core.rules.pack import builtin_pack_path, load_pack
from tests.test_confirmation import ANSWERS, ORDINARY, QUESTIONED

runner = CliRunner()

#: Standards left open in quiet words: no word of B107's confirming form.
LEFT_OPEN = [
    "How long the delivery notes stay in the files, the storeman's call",
    "Headcount allowed in the function room, events manager's call",
    "How long visitor badges records stay on file, reception's call",
]
#: One of the two judges says no, and which: no standard governs how loud the shop's music is;
#: the discretion judge does not read the time of day a test is done as the standard's
#: substance (the test itself is done either way).
ONE_SAYS_NO = [
    ("How loud the music is in the shop, Amy decides", "standard-matter"),
    ("What time the pool water is tested, the duty manager decides", "discretion-substance"),
]
#: Both judges agree, but the text bounds the discretion.
BOUNDED = "Line speed on the packing belt, within the limits the safety officer set"
#: Both judges agree, but a figure the leader set caps the discretion.
CAPPED = "How long visitor badges records stay on file, up to 12 months, reception's call"


def _judges() -> Judges:
    return load_pack([]).judges[0]


def _agreement(judge: Judge) -> Agreement:
    agree = judge.meaning.agree
    assert agree is not None
    return agree


def _held(judges: Judges, text: str) -> dict[str, bool]:
    agree = _agreement(judges.judge("B107"))
    return {name: judges.judge(name).probability(text) >= at for name, at in agree.judges}


def test_a_standard_left_open_in_quiet_words_fires_when_both_judges_agree() -> None:
    judges = _judges()
    judge = judges.judge("B107")
    start = _agreement(judge).start
    scores = judge.probabilities(LEFT_OPEN)
    assert all(start <= p < judge.threshold for p in scores), scores
    assert not any(judge.meaning.confirmed(t) for t in LEFT_OPEN)  # (no confirming word)
    assert all(all(_held(judges, t).values()) for t in LEFT_OPEN)
    assert judge.decide(LEFT_OPEN) == [True, True, True]


def test_one_judge_saying_no_is_enough_to_keep_it_under_the_threshold() -> None:
    judges = _judges()
    judge = judges.judge("B107")
    for text, dissent in ONE_SAYS_NO:
        assert _agreement(judge).start <= judge.probability(text) < judge.threshold
        held = _held(judges, text)
        assert [name for name, yes in held.items() if not yes] == [dissent], (text, held)
        assert judge.decide([text]) == [False]


@pytest.mark.parametrize("bounded", [BOUNDED, CAPPED], ids=["within", "a cap in figures"])
def test_a_bound_in_the_text_rules_the_agreement_out(bounded: str) -> None:
    judges = _judges()
    judge = judges.judge("B107")
    assert _agreement(judge).start <= judge.probability(bounded) < judge.threshold
    assert all(_held(judges, bounded).values())
    assert judge.meaning.unagreed(bounded)
    assert judge.decide([bounded]) == [False]


def test_the_stored_judge_keeps_the_bank_s_agreement() -> None:
    judges = _judges()
    bank = load_bank(builtin_pack_path() / "banks" / "B107.yaml")
    stored = judges.stored("B107")
    assert stored is not None and bank.agree is not None
    assert stored.agree == bank.agree
    assert {name for name, _ in bank.agree.judges} == {"standard-matter", "discretion-substance"}
    assert judges.stored("C102") is not None and judges.stored("C102").agree is None  # type: ignore[union-attr]


def test_a_report_names_a_standard_left_open_in_quiet_words(tmp_path: Path) -> None:
    path = tmp_path / "centre.yaml"
    path.write_text(ANSWERS.format(item=LEFT_OPEN[1]), encoding="utf-8")
    result = runner.invoke(app, ["check", "--answers", str(path), "-f", "json"])
    data = json.loads(result.stdout)
    assert [(f["rule"], f["item"]) for f in data["findings"] if f["rule"] == "B107"] == [
        ("B107", 2)
    ]
    assert data["verdict"] == "boundaries"


@pytest.mark.parametrize("item", [QUESTIONED[1], LEFT_OPEN[0], ORDINARY[0]])
def test_lint_decides_the_same_from_the_cache_without_loading_the_judges(
    tmp_path: Path, item: str
) -> None:
    """A decision under the threshold (confirmed by its form, or by the other judges'
    agreement) is kept with it: a charter whose answers were judged before (here it was
    renamed since) is linted again without reading the lemma dictionary, numpy or the
    models, and says the same."""
    folder, cache = tmp_path / "repo", tmp_path / "cache"
    folder.mkdir()
    body = (
        "- **Can fail differently:** yes\n"
        f"- **Decides alone:**\n  - Which shift pattern the pickers work\n  - {item}\n"
    )
    code = (
        "import sys; from clarity.cli.main import main; main(['lint', '--no-config', "
        "'--select', 'B107', '--format', 'json']); print(sorted({m.split('.')[0] for m in "
        "sys.modules} & {'numpy', 'simplemma'}), file=sys.stderr)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    runs = []
    for title in ("Open the new distribution centre", "Open the Leeds distribution centre"):
        (folder / "a.charter.md").write_text(f"## {title}\n\n{body}", encoding="utf-8")
        command = [sys.executable, "-c", code]
        run = subprocess.run(command, cwd=folder, capture_output=True, text=True, env=env)
        runs.append(run)
    first, again = (json.loads(r.stdout)["findings"] for r in runs)
    assert [(f["rule"], f["line"]) for f in first] == ([] if item in ORDINARY else [("B107", 6)])
    assert [(f["rule"], f["line"]) for f in again] == [(f["rule"], f["line"]) for f in first]
    assert runs[1].stderr.strip().splitlines()[-1] == "[]"


def test_the_readme_examples_of_the_agreement_behave_as_it_says() -> None:
    from tests.conftest import ROOT

    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert (
        f'"{LEFT_OPEN[0].lower()}"' in readme.lower() and f'"{BOUNDED.lower()}"' in readme.lower()
    )
    assert _judges().judge("B107").decide([LEFT_OPEN[0], BOUNDED]) == [True, False]
