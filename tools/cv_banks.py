"""Cross-validate each bank's classifier on the bank itself (tuning data only).

Run from the repository: python tools/cv_banks.py [RULE ...] [-v] [--set-thresholds].
It never reads corpus/eval/. Each fold trains on the rest of the bank (and the near-misses it
borrows) and judges the fold. The table gives, for each bank, precision and recall at its
threshold and the threshold that would keep precision at TARGET or more, capped so that the
rule's own examples still behave (each "fire" example of the rule reaches it);
``--set-thresholds`` writes that threshold into the bank's header (then run
tools/train_banks.py, and this again: the cap reads the trained judge).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from clarity.core.judge import load_banks
from clarity.core.judge.meaning import Meaning
from clarity.core.rules.pack import Pack, builtin_pack_path, load_pack

FOLDS = 5
#: The precision a bank's threshold must keep in cross-validation.
TARGET = 0.95
CANDIDATES = [round(0.5 + 0.05 * i, 2) for i in range(10)]  # 0.5 .. 0.95


def fold_probabilities(name: str, folder: Path) -> list[tuple[int, float, str]]:
    """(label, probability, text) for every phrasing of a bank, each judged out of fold."""
    bank = load_banks(folder, name)
    items = [(t, 1) for t in bank.fire] + [(t, 0) for t in bank.passing]
    out: list[tuple[int, float, str]] = []
    for k in range(FOLDS):
        train = [x for i, x in enumerate(items) if i % FOLDS != k]
        test = [x for i, x in enumerate(items) if i % FOLDS == k]
        fire = [t for t, y in train if y]
        passing = [t for t, y in train if not y] + bank.borrowed
        m = Meaning.train(bank.rule, fire, passing, bank.vocabulary(), bank.threshold)
        for (t, y), p in zip(test, m.probabilities([t for t, _ in test]), strict=True):
            out.append((y, p, t))
    return out


def measure(scored: list[tuple[int, float, str]], threshold: float) -> tuple[float, float]:
    tp = sum(1 for y, p, _ in scored if y and p >= threshold)
    fp = sum(1 for y, p, _ in scored if not y and p >= threshold)
    fn = sum(1 for y, p, _ in scored if y and p < threshold)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def chosen(scored: list[tuple[int, float, str]]) -> float:
    """The lowest candidate threshold whose precision reaches TARGET (else the highest)."""
    for threshold in CANDIDATES:
        if measure(scored, threshold)[0] >= TARGET:
            return threshold
    return CANDIDATES[-1]


def example_cap(pack: Pack, name: str) -> float:
    """The highest threshold the rule's own "fire" examples reach (1.0 without examples)."""
    judges = next(j for j in pack.judges if j.folder == builtin_pack_path())
    judge = judges.judge(name)
    compiled = pack.rule(judge.bank.rule)
    if compiled is None:
        return 1.0
    field = judge.bank.field
    texts = [e[field] for e in compiled.rule.examples.fire if isinstance(e.get(field), str)]
    return min((judge.probability(t) for t in texts), default=1.0)


def main(names: list[str], verbose: bool, write: bool) -> None:
    folder = Path("rules/banks")
    pack = load_pack([])
    for path in sorted(folder.glob("*.yaml")):
        if (names and path.stem not in names) or path.stem == "C115":
            continue
        bank = load_banks(folder, path.stem)
        scored = fold_probabilities(path.stem, folder)
        precision, recall = measure(scored, bank.threshold)
        best = chosen(scored)
        cap = example_cap(pack, path.stem)
        if best > cap:  # the rule's own examples must still fire
            best = max([c for c in CANDIDATES if c <= cap], default=CANDIDATES[0])
        at_best = measure(scored, best)
        print(
            f"{bank.rule}: n={len(scored)} threshold {bank.threshold}: precision={precision:.2f} "
            f"recall={recall:.2f}; for precision {TARGET} (examples reach {cap:.2f}): {best} "
            f"({at_best[0]:.2f}/{at_best[1]:.2f})"
        )
        if verbose:
            for y, p, t in scored:
                if (p >= bank.threshold) != bool(y):
                    print("   ", y, round(p, 2), t)
        if write and best != bank.threshold:
            text = path.read_text(encoding="utf-8")
            text = re.sub(r"(?m)^threshold: .*$", f"threshold: {best}", text, count=1)
            path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    args = sys.argv[1:]
    main([a for a in args if not a.startswith("-")], "-v" in args, "--set-thresholds" in args)
