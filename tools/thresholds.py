"""Each judge's threshold, from two estimates on text it was not trained on.

Run from the repository: python tools/thresholds.py [RULE ...] [-v] [--write].
For every judged bank it prints precision and recall at each candidate threshold on the
development set (``corpus/dev/phrasings/<RULE>.yaml``, written apart from the banks by another
author) and in 5-fold cross-validation on the bank (``tools/cv_banks.py``), and chooses the
threshold. The candidates are those at which the development set keeps precision at TARGET or
more and cross-validation at TARGET_CV or more, at which the judge fires on few of the
development phrasings of the banks it borrows from (CROSS of their sound ones, CROSS_FLAWED of
their flawed ones: another flaw is not this one), and which lie HEALTHY_MARGIN above every
answer of the delegations known to be healthy (HEALTHY) and of the test delegations that do
not expect the rule (FIXTURES); of those giving the most development
recall, those at which the most development delegations get their verdict are kept, and of
them the middle one is chosen (of two, the higher), capped so that the rule's own examples
still fire, and raised until every example of the pack behaves (a bank other rules read must not
make their sound examples fire). The development set alone proved too lenient (see
docs/judgment.md). It also sets the bank's ``screen_floor``: under it, the judge's screen (the
word model and the markers, without the sentence encoder) settles a text alone. The floor is
SCREEN_SAFETY times the lowest screen score of the development part's flawed phrasings the judge
catches at its threshold and of the rule's own examples, and stays UNSURE_MARGIN under the
threshold (and under the bank's ``ask_from``, if it sets one).
``--write`` puts both into the bank's header (the trained weights keep them too: run
tools/train_banks.py after). It never reads corpus/eval/.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from clarity.core.judge import Judge, example_texts
from clarity.core.judge.meaning import UNSURE_MARGIN, light_features
from clarity.core.rules.compiled import fields_read
from clarity.core.rules.pack import Pack, builtin_pack_path, load_pack
from clarity.core.rules.packtest import LayeredPack, load_layered, run_examples
from clarity.core.scoring.evaluation import delegation_record, evaluate_delegations

sys.path.insert(0, str(Path(__file__).parent))
from cv_banks import fold_probabilities, measure

DEV = Path("corpus/dev/phrasings")
DEV_DELEGATIONS = Path("corpus/dev/delegations")
#: The development phrasings of banks that are not rules (a judge rules read, such as
#: empty-guardrails): `clarity rules eval` measures rules, so they live apart.
DEV_BANKS = Path("corpus/dev/banks")
TARGET = 0.95
#: The precision cross-validation on the bank must keep. The bank's near-misses are harder than
#: most real text (on the development set precision ran above the folds' at every threshold),
#: so the bar is lower; but not absent: at thresholds where the folds measured 0.88 to 0.90
#: (B107 at 0.65, C113 at 0.5) the evaluation part measured 0.87 and 0.90.
TARGET_CV = 0.90
#: The most a judge may fire on the sound phrasings of the banks it borrows from (a finding
#: where there is no flaw) and on their flawed ones (another flaw named as this one).
CROSS = 0.05
CROSS_FLAWED = 0.10
CANDIDATES = [round(0.3 + 0.05 * i, 2) for i in range(14)]  # 0.3 .. 0.95
#: The share of the lowest screen score of a caught flaw under which the screen settles a text.
SCREEN_SAFETY = 0.5

Scored = list[tuple[int, float, str]]


def dev_file(rule: str) -> Path:
    """The development phrasings of a bank."""
    path = DEV / f"{rule}.yaml"
    return path if path.is_file() else DEV_BANKS / f"{rule}.yaml"


def _phrasings(rule: str, part: str = "") -> list[str]:
    path = dev_file(rule)
    if not path.is_file():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    keys = ("fire", "pass") if part == "" else (part,)
    return [str(t) for key in keys for t in data.get(key) or []]


#: Delegations known to be healthy, in the tuning and development parts: no judge may fire on
#: any of their answers (the issue's target: no finding on a healthy delegation).
HEALTHY = [
    Path("examples/in-harmony.yaml"),
    *sorted(Path("tests/corpus/healthy").glob("*.yaml")),
    *sorted(Path("corpus/tune/delegations").iterdir()),
    *sorted(DEV_DELEGATIONS.iterdir()),
]


#: How far above the highest answer of a known-healthy delegation a threshold must lie: a
#: sound answer a hair under the line (C110's 0.35 against 0.349 when the neighbours' share
#: of the score rose) is one rewording away from a finding.
HEALTHY_MARGIN = 0.05

#: Rules whose judge fires only beside other conditions (B103: free rein counts only with no
#: constraints and no escalation triggers), so a healthy delegation may say what they read.
GUARDED = {"B103"}


def _answers(path: Path, field: str) -> list[str]:
    """The answers to ``field`` (each item of a list) in a delegation file."""
    value = delegation_record(path).get(field)
    texts = [str(v) for v in value] if isinstance(value, list) else [str(value or "")]
    return [t for t in texts if t.strip()]


@cache
def healthy_answers(field: str) -> list[str]:
    """Every answer to ``field`` (each item of a list) in the known-healthy delegations."""
    return [
        t
        for path in HEALTHY
        if "corpus" not in path.parts[:1]
        or "verdict: in-harmony" in path.read_text(encoding="utf-8")
        for t in _answers(path, field)
    ]


#: Test delegations that expect findings (each says which in its "# expect:" line): a rule they
#: do not expect, and that its judge alone can fire, must not fire on any of their answers.
FIXTURES = sorted(Path("tests/corpus/unhealthy").glob("*.yaml"))


def judge_alone(when: dict[str, Any], bank: str) -> bool:
    """Whether the rule is the judge of ``bank`` and nothing else; beside other conditions
    (C104 also asks that no date be read) its score alone says nothing of the rule."""
    return set(when) == {"means"} and when["means"].get("bank") == bank


@cache
def unexpected_answers(rule: str, field: str) -> list[str]:
    """Every answer to ``field`` in the test delegations whose expected findings leave
    ``rule`` out ("Max 20 slides" in a deck whose flaws are its consequences is no B108)."""
    texts: list[str] = []
    for path in FIXTURES:
        found = re.search(r"^# expect:(.*)$", path.read_text(encoding="utf-8"), re.MULTILINE)
        if found is not None and rule not in {p.strip() for p in found.group(1).split(",")}:
            texts += _answers(path, field)
    return texts


def judged(pack: Pack, judge: Judge) -> list[str]:
    """Every field the rule has this judge read (B102 reads three), its bank's field first."""
    compiled = pack.rule(judge.bank.rule)
    found = fields_read(compiled.rule.when, "means", bank=judge.name) if compiled else []
    return list(dict.fromkeys([judge.bank.field, *found]))


def example_cap(pack: Pack, judge: Judge) -> float:
    """The highest threshold the rule's own "fire" examples reach (1.0 without examples)."""
    compiled = pack.rule(judge.bank.rule)
    if compiled is None:
        return 1.0
    texts = example_texts(list(compiled.rule.examples.fire), judge.bank.field)
    return min((judge.probability(t) for t in texts), default=1.0)


@cache
def _layered() -> LayeredPack:
    return load_layered(builtin_pack_path())


def examples_hold(judge: Judge, threshold: float) -> float:
    """The lowest candidate from ``threshold`` up at which every example of the built-in pack
    still behaves: a bank read by other rules (empty-guardrails) must not turn their sound
    examples into findings."""
    layered = _layered()
    group = next(j for j in layered.pack.judges if j.folder == builtin_pack_path())
    theirs = group.judge(judge.name)

    def failing(c: float) -> set[tuple[str, str, int]]:
        theirs._limits = (c, *theirs._bounds()[1:])  # (the scores stay; only their line moves)
        results = run_examples(layered.pack, layered.own)
        return {(r.rule, r.kind, r.index) for r in results if not r.ok and r.kind == "pass"}

    silent = failing(1.01)  # (sound examples that fire whatever this judge says)
    return next((c for c in CANDIDATES if c >= threshold and failing(c) <= silent), CANDIDATES[-1])


def screen_floor(pack: Pack, judge: Judge, caught: list[str], threshold: float) -> float:
    """The floor under which the judge's screen settles a text (see the module's text)."""
    compiled = pack.rule(judge.bank.rule)
    if compiled is not None:
        caught = caught + example_texts(list(compiled.rule.examples.fire), judge.bank.field)
    if not caught:
        return 0.0
    lowest = float(
        judge.meaning.screen_scores(light_features(caught, judge.meaning.vocabulary)).min()
    )
    floor = min(SCREEN_SAFETY * lowest, threshold - UNSURE_MARGIN)
    if judge.bank.ask_from is not None:  # (a text the screen settles is never asked about)
        floor = min(floor, judge.bank.ask_from)
    return max(0.0, float(int(floor * 100)) / 100)


def main(names: list[str], verbose: bool, write: bool) -> None:
    pack = load_pack([])
    judges = next(j for j in pack.judges if j.folder == builtin_pack_path())
    for bank_path in sorted((builtin_pack_path() / "banks").glob("*.yaml")):
        rule = bank_path.stem
        if (names and rule not in names) or not dev_file(rule).is_file():
            continue
        if rule == "C115":
            continue  # read by the date reader, not by its bank's classifier
        judge = judges.judge(rule)
        judge.meaning.floor = 0.0  # (every text judged in full while the threshold is chosen)
        scored = [(1, judge.probability(t), t) for t in _phrasings(rule, "fire")]
        scored += [(0, judge.probability(t), t) for t in _phrasings(rule, "pass")]
        refs = [ref.partition(":") for ref in judge.bank.negatives_from]
        sound = [
            judge.probability(t)
            for b, _, part in refs
            if part != "fire"
            for t in _phrasings(b, "pass")
        ]
        flawed = [
            judge.probability(t)
            for b, _, part in refs
            if part != "pass"
            for t in _phrasings(b, "fire")
        ]

        def share(threshold: float, ps: list[float]) -> float:
            return sum(p >= threshold for p in ps) / len(ps) if ps else 0.0

        def cross(
            threshold: float, sound: list[float] = sound, flawed: list[float] = flawed
        ) -> str:
            return f"{share(threshold, sound):.2f}+{share(threshold, flawed):.2f}"

        folds = fold_probabilities(rule, builtin_pack_path() / "banks")
        compiled = pack.rule(judge.bank.rule)
        alone = compiled is not None and judge_alone(dict(compiled.rule.when), judge.name)
        sound_answers = [
            t
            for f in judged(pack, judge)
            for t in healthy_answers(f) + (unexpected_answers(judge.bank.rule, f) if alone else [])
        ]
        healthy = max(
            (judge.probability(t) for t in sound_answers), default=0.0
        ) if rule not in GUARDED else 0.0  # fmt: skip
        cap = example_cap(pack, judge)
        ok = [
            c
            for c in CANDIDATES
            if measure(scored, c)[0] >= TARGET
            and measure(folds, c)[0] >= TARGET_CV
            and share(c, sound) <= CROSS
            and share(c, flawed) <= CROSS_FLAWED
            and c >= healthy + HEALTHY_MARGIN
        ]
        # The most recall the development set allows at the precision asked; where several
        # thresholds give it, the middle one, as far from losing a flawed phrasing as from
        # letting a sound one through (the lowest sat at the edge of the sound ones); of two,
        # the higher (C110 at 0.5 fired on "she'd be let down, nothing formal" in tests/corpus,
        # where 0.55 gives the same development recall).
        most = max((measure(scored, c)[1] for c in ok), default=0.0)
        plateau = [c for c in ok if measure(scored, c)[1] == most]
        plateau = most_verdicts(pack, judge, plateau)
        best = plateau[len(plateau) // 2] if plateau else CANDIDATES[-1]
        if best > cap:  # the rule's own examples are its tests: they win over the rest
            best = max([c for c in CANDIDATES if c <= cap], default=CANDIDATES[0])
        best = examples_hold(judge, best)
        floor = screen_floor(pack, judge, [t for y, p, t in scored if y and p >= best], best)
        now = measure(scored, judge.threshold)
        at = measure(scored, best)
        curve = "  ".join(
            f"{c}:{measure(scored, c)[0]:.2f}/{measure(scored, c)[1]:.2f}/{cross(c)}"
            f"|{measure(folds, c)[0]:.2f}/{measure(folds, c)[1]:.2f}"
            for c in CANDIDATES[::2]
        )
        print(
            f"{rule}: threshold {judge.threshold} -> {now[0]:.2f}/{now[1]:.2f} "
            f"(others {cross(judge.threshold)}); chosen {best} -> {at[0]:.2f}/{at[1]:.2f} "
            f"(others {cross(best)}; examples reach {cap:.2f}; healthy answers {healthy:.2f}); "
            f"screen floor {floor}\n"
            f"    dev precision/recall/others|cross-validation precision/recall: {curve}"
        )
        if verbose:
            for y, p, t in sorted(scored, key=lambda s: -s[1]):
                if (p >= best) != bool(y):
                    print("   ", "FN" if y else "FP", round(p, 2), t)
        if write:
            text = bank_path.read_text(encoding="utf-8")
            text = re.sub(r"(?m)^screen_floor: .*\n", "", text)
            text = re.sub(
                r"(?m)^threshold: .*$", f"threshold: {best}\nscreen_floor: {floor}", text, count=1
            )
            bank_path.write_text(text, encoding="utf-8")


def most_verdicts(pack: Pack, judge: Judge, candidates: list[float]) -> list[float]:
    """Of thresholds the development phrasings cannot tell apart, those at which the most
    development delegations get their verdict (each set on the judge in turn, the other
    judges at theirs). The phrasings are short; the delegations' answers are as long as people
    write them, and a flaw inside a long answer scores lower than the same flaw alone."""
    if len(candidates) < 2:
        return candidates
    kept = judge._limits
    right: dict[float, int] = {}
    try:
        for c in candidates:
            judge._limits = (c, *judge._bounds()[1:])
            found = evaluate_delegations(pack, DEV_DELEGATIONS.parent)
            right[c] = sum(d.expected == d.got for d in found)
    finally:
        judge._limits = kept
    most = max(right.values())
    return [c for c in candidates if right[c] == most]


if __name__ == "__main__":
    args = sys.argv[1:]
    main([a for a in args if not a.startswith("-")], "-v" in args, "--write" in args)
