"""Cross-validate each bank's classifier on the bank itself (tuning data only).

Run from the repository: python tools/cv_banks.py [RULE ...] [-v].
It never reads corpus/eval/. Each fold trains on the rest of the bank (and the near-misses it
borrows; the sound answers of its field are folded like its own) and judges the fold. The
table gives, for each bank, precision and recall at its threshold; ``-v`` lists the phrasings
it gets wrong. tools/thresholds.py reads the same folds when it chooses the thresholds.
"""

from __future__ import annotations

import sys
from pathlib import Path

from clarity.core.judge import load_banks
from clarity.core.judge.meaning import Meaning

FOLDS = 5


def fold_probabilities(name: str, folder: Path) -> list[tuple[int, float, str]]:
    """(label, probability, text) for every phrasing of a bank, each judged out of fold."""
    bank = load_banks(folder, name)
    items = [(t, 1) for t in bank.fire] + [(t, 0) for t in bank.near_misses]
    out: list[tuple[int, float, str]] = []
    for k in range(FOLDS):
        train = [x for i, x in enumerate(items) if i % FOLDS != k]
        test = [x for i, x in enumerate(items) if i % FOLDS == k]
        fire = [t for t, y in train if y]
        passing = [t for t, y in train if not y]
        m = Meaning.train(
            bank.rule, fire, passing, bank.vocabulary(), bank.threshold, bank.borrowed
        )
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


def main(names: list[str], verbose: bool) -> None:
    folder = Path("rules/banks")
    for path in sorted(folder.glob("*.yaml")):
        if (names and path.stem not in names) or path.stem == "C115":
            continue
        bank = load_banks(folder, path.stem)
        scored = fold_probabilities(path.stem, folder)
        precision, recall = measure(scored, bank.threshold)
        print(
            f"{bank.rule}: n={len(scored)} threshold {bank.threshold}: "
            f"precision={precision:.2f} recall={recall:.2f}"
        )
        if verbose:
            for y, p, t in scored:
                if (p >= bank.threshold) != bool(y):
                    print("   ", y, round(p, 2), t)


if __name__ == "__main__":
    args = sys.argv[1:]
    main([a for a in args if not a.startswith("-")], "-v" in args)
