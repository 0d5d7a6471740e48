"""The judges: banks, stored weights, the decision cache seen from lint, yes/no read one way.

The tests of one judge module each are under tests/core/judge/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clarity.core.judge import Judges
from clarity.core.rules.pack import builtin_pack_path, load_pack

ROOT = Path(__file__).resolve().parent.parent


def test_stored_weights_match_their_banks() -> None:
    """python tools/train_banks.py writes them; a bank changed without it would go stale."""
    pack = load_pack([])
    folder = builtin_pack_path()
    judges = next(j for j in pack.judges if j.folder == folder)
    banks = sorted((folder / "banks").glob("*.yaml"))
    assert banks
    for path in banks:
        stored = json.loads(path.with_suffix(".weights.json").read_text(encoding="utf-8"))
        bank = judges.judge(path.stem).bank
        assert stored["digest"] == bank.digest(), f"{path.name}: run tools/train_banks.py"
        assert judges.stored(path.stem) is not None, f"{path.name}: run tools/train_banks.py"


def test_a_new_encoder_file_makes_every_text_judged_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The decisions kept in the user's cache are keyed by the encoder's files as installed:
    a retuned encoder with the same banks does not read back scores of the old one."""
    import os

    from clarity.core.judge import encoder as encoder_module

    weights, tokenizer = tmp_path / "model.safetensors", tmp_path / "tokenizer.json"
    weights.write_bytes(b"one")
    tokenizer.write_bytes(b"{}")
    monkeypatch.setattr(encoder_module, "encoder_files", lambda: (weights, tokenizer))
    before = Judges(builtin_pack_path()).identity()
    assert Judges(builtin_pack_path()).identity() == before
    os.utime(weights, ns=(0, weights.stat().st_mtime_ns + 1_000_000_000))
    assert Judges(builtin_pack_path()).identity() != before


def test_the_same_text_gets_the_same_judgment_from_a_fresh_judge() -> None:
    # Judges without the rules' examples train their judge afresh (the stored one was trained
    # with them): the smallest bank, which borrows from no other, keeps this test short.
    a = Judges(builtin_pack_path()).judge("C104")
    b = Judges(builtin_pack_path()).judge("C104")
    text = "sometime after the busy season, once things calm down"
    assert a.probability(text) == b.probability(text)


def test_yes_no_is_read_one_way_everywhere() -> None:
    from clarity.core.reading.answers import flat
    from clarity.core.rules.checks import Equals

    for word in ("y", "Yes", "TRUE", "on"):
        assert Equals("can_fail_differently", True)(
            flat({"can_fail_differently": word}), frozenset()
        )


def test_the_readme_fresh_wording_example_is_judged_by_meaning() -> None:
    from clarity.core.reading.answers import build_answers, read_answers
    from clarity.core.scoring.engine import score

    path = str(ROOT / "examples" / "fresh-wording.yaml")
    doc = read_answers(path)
    report = score(build_answers(doc.data, doc, path), load_pack([]))
    fired = {f.rule.id for f in report.findings}
    assert {"C102", "C104", "C106", "C108"} <= fired
    assert report.verdict == "consequences"


# -- the decision cache -----------------------------------------------------------------------

_CHARTER = (
    "delegations:\n  - task: Supplier onboarding\n    outcome: {outcome}\n"
    "    deadline: before the spring fair next month\n    constraints: [Spend stays under 4k]\n"
)
_HEAVY = ("numpy", "tokenizers", "safetensors", "dateparser", "simplemma")


def _lint_in_subprocess(folder: Path, cache: Path) -> tuple[str, list[str]]:
    import os
    import subprocess
    import sys

    code = (
        "import sys; from clarity.cli.main import main; code = main(['lint', '--no-config', "
        "'--format', 'json']); "
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(_HEAVY)!r}), "
        "file=sys.stderr)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=folder, capture_output=True, text=True, env=env,
        check=False,
    )  # fmt: skip
    loaded = json.loads(done.stderr.strip().splitlines()[-1].replace("'", '"'))
    return done.stdout, loaded


def test_a_charter_judged_before_is_linted_without_loading_the_judges(tmp_path: Path) -> None:
    folder, cache = tmp_path / "repo", tmp_path / "cache"
    folder.mkdir()
    (folder / "a.charter.yaml").write_text(
        _CHARTER.format(outcome="the onboarding feels smoother for everyone"), "utf-8"
    )
    first, loaded = _lint_in_subprocess(folder, cache)
    assert "numpy" in loaded and "dateparser" in loaded, "a new text is judged"
    assert (cache / "clarity" / "judged.sqlite3").is_file()
    again, loaded = _lint_in_subprocess(folder, cache)
    assert loaded == [], "every decision came from the cache"
    assert json.loads(again)["findings"] == json.loads(first)["findings"]
    (folder / "a.charter.yaml").write_text(
        _CHARTER.format(outcome="a text the cache has never seen, 40 suppliers live"), "utf-8"
    )
    _, loaded = _lint_in_subprocess(folder, cache)
    assert "numpy" in loaded, "a changed text is judged again"


def test_a_damaged_cache_is_not_used(tmp_path: Path) -> None:
    folder, cache = tmp_path / "repo", tmp_path / "cache"
    folder.mkdir()
    (folder / "a.charter.yaml").write_text(_CHARTER.format(outcome="make it nicer"), "utf-8")
    (cache / "clarity").mkdir(parents=True)
    (cache / "clarity" / "judged.sqlite3").write_bytes(b"not a database at all" * 100)
    out, _ = _lint_in_subprocess(folder, cache)
    assert "C102" in [f["rule"] for f in json.loads(out)["findings"]]


def test_a_changed_bank_is_a_new_judge(tmp_path: Path) -> None:
    (tmp_path / "banks").mkdir()
    bank = tmp_path / "banks" / "X101.yaml"
    bank.write_text("rule: X101\nfield: outcome\nfire: [a wish]\npass: [40 stores]\n", "utf-8")
    before = Judges(tmp_path).identity()
    bank.write_text("rule: X101\nfield: outcome\nfire: [a hope]\npass: [40 stores]\n", "utf-8")
    assert Judges(tmp_path).identity() != before
    judges = Judges(tmp_path)
    judges.add_examples("X101", [{"outcome": "a dream"}], [])
    assert judges.identity() != Judges(tmp_path).identity(), "the rule's examples count too"


def test_a_stored_judge_is_read_without_parsing_its_bank(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stored weights say which files they were trained from; while those files are the
    same bytes, judging a first text reads no bank (parsing them was 0.3 s of it)."""
    from clarity.core import judge as judge_module

    text = "get supplier stuff into a better place"
    expected = load_pack([]).judges[0].judge("C102").probability(text)
    fresh = load_pack([]).judges[0]
    fresh._identity = "test-no-cache"  # (not the decision cache's key: a new judgment)

    def refuse(*_: object) -> None:
        raise AssertionError("a bank was parsed")

    monkeypatch.setattr(judge_module.banks, "load_bank", refuse)
    monkeypatch.setenv("CLARITY_NO_CACHE", "1")
    assert fresh.judge("C102").probability(text) == pytest.approx(expected)


def test_a_stored_judge_whose_bank_changed_is_not_used(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(builtin_pack_path() / "banks", tmp_path / "banks")
    judges = Judges(tmp_path)
    stored = json.loads((tmp_path / "banks" / "C110.weights.json").read_text("utf-8"))
    judges.add_examples("C110", *_rule_examples("C110"))
    assert judges.stored("C110") is not None
    borrowed = tmp_path / "banks" / "C108.yaml"  # (C110 borrows C108's phrasings)
    borrowed.write_text(borrowed.read_text("utf-8") + "# edited\n", "utf-8")
    assert judges.stored("C110") is None
    assert stored["sources"][0] == "C110.yaml" and "C108.yaml" in stored["sources"]


def test_changed_asides_make_every_stored_judge_train_again(tmp_path: Path) -> None:
    """The neutral lead-ins and tails the phrasings are trained inside are part of what a
    stored judge was trained from."""
    import shutil

    from clarity.core.judge import ASIDES

    shutil.copytree(builtin_pack_path() / "banks", tmp_path / "banks")
    judges = Judges(tmp_path)
    judges.add_examples("C110", *_rule_examples("C110"))
    stored = json.loads((tmp_path / "banks" / "C110.weights.json").read_text("utf-8"))
    assert ASIDES in stored["sources"]
    untouched = json.loads((tmp_path / "banks" / "B107.weights.json").read_text("utf-8"))
    assert ASIDES not in untouched["sources"], "B107 is trained without them (in_context)"
    assert judges.stored("C110") is not None
    before = judges.identity()
    asides = tmp_path / "banks" / ASIDES
    asides.write_text(asides.read_text("utf-8") + "# edited\n", "utf-8")
    assert judges.stored("C110") is None
    assert Judges(tmp_path).identity() != before


def _rule_examples(rule: str) -> tuple[list[object], list[object]]:
    judges = next(j for j in load_pack([]).judges if j.folder == builtin_pack_path())
    return judges.examples[rule]


def test_damaged_arrays_are_not_read_and_the_judge_is_trained_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The network and embedded phrasings beside a bank (``<RULE>.arrays.npz``) are read only
    when their bytes are the ones the weights name; anything else is trained again from the
    bank, with the same result."""
    import shutil

    monkeypatch.setenv("CLARITY_NO_CACHE", "1")
    shutil.copytree(builtin_pack_path() / "banks", tmp_path / "banks")
    memory = tmp_path / "banks" / "C108.arrays.npz"
    memory.write_bytes(memory.read_bytes()[:-40] + b"\0" * 40)
    shipped = next(j for j in load_pack([]).judges if j.folder == builtin_pack_path())
    damaged = Judges(tmp_path)
    for rule, (fire, passing) in shipped.examples.items():
        damaged.add_examples(rule, fire, passing)
    trained: list[str] = []
    train = Judges.train
    monkeypatch.setattr(
        Judges, "train", lambda self, name: trained.append(name) or train(self, name)
    )
    text = "we would talk it through and see what happens next"
    expected = shipped.judge("C108").meaning.probability(text)
    assert trained == []
    assert damaged.judge("C108").meaning.probability(text) == pytest.approx(expected, abs=1e-6)
    assert trained == ["C108"]


def test_the_readme_deadline_example_is_not_read_as_a_date() -> None:
    """README: "before we launch" once resolved to a Wednesday ("we") and passed as a date."""
    from clarity.core.reading.answers import build_answers, parse_sets
    from clarity.core.scoring.engine import score

    data = parse_sets(
        ["task=Launch the booking app", "deadline=before we launch, as soon as we can"]
    )
    report = score(build_answers(data, None, "--set"), load_pack([]))
    assert "C104" in {f.rule.id for f in report.findings}
