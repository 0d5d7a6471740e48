"""Cross-validate each bank's classifier on the bank itself (tuning data only).

Run from the repository: python tools/cv_banks.py [RULE ...] [-v]. It never reads corpus/eval/.
Each fold trains on the rest of the bank (and the near-misses it borrows) and judges the fold.
"""

from __future__ import annotations

import sys
from pathlib import Path

from clarity.core.judge import load_banks
from clarity.core.judge.meaning import Meaning

FOLDS = 5


def main(names: list[str]) -> None:
    folder = Path("rules/banks")
    for path in sorted(folder.glob("*.yaml")):
        if (names and path.stem not in names) or path.stem == "C115":
            continue
        bank = load_banks(folder, path.stem)
        items = [(t, 1) for t in bank.fire] + [(t, 0) for t in bank.passing]
        tp = fp = fn = 0
        errors = []
        for k in range(FOLDS):
            train = [x for i, x in enumerate(items) if i % FOLDS != k]
            test = [x for i, x in enumerate(items) if i % FOLDS == k]
            fire = [t for t, y in train if y]
            passing = [t for t, y in train if not y] + bank.borrowed
            m = Meaning.train(bank.rule, fire, passing, bank.vocabulary(), bank.threshold)
            for (t, y), p in zip(test, m.probabilities([t for t, _ in test]), strict=True):
                got = p >= bank.threshold
                tp += got and y
                fp += got and not y
                fn += (not got) and y
                if got != bool(y):
                    errors.append((y, round(p, 2), t))
        prec = tp / (tp + fp) if tp + fp else 1.0
        rec = tp / (tp + fn) if tp + fn else 1.0
        print(f"{bank.rule}: n={len(items)} precision={prec:.2f} recall={rec:.2f}")
        if "-v" in sys.argv:
            for e in errors:
                print("   ", e)


if __name__ == "__main__":
    main([a for a in sys.argv[1:] if not a.startswith("-")])
