"""Precision and recall of each trained judge on a development set, at every threshold.

Run from the repository: python tools/dev_curves.py corpus/dev [RULE ...] [-v].
The development set (``corpus/dev/phrasings/<RULE>.yaml``, the format of corpus/SPEC.md) was
written apart from the banks, so it tells how a judge does on wording it was not trained on;
thresholds are read off it (the lowest whose precision is 0.95 or more). It never reads
corpus/eval/.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from clarity.core.rules.pack import builtin_pack_path, load_pack

TARGET = 0.95
CANDIDATES = [round(0.3 + 0.05 * i, 2) for i in range(14)]  # 0.3 .. 0.95


def measure(scored: list[tuple[int, float, str]], threshold: float) -> tuple[float, float]:
    tp = sum(1 for y, p, _ in scored if y and p >= threshold)
    fp = sum(1 for y, p, _ in scored if not y and p >= threshold)
    fn = sum(1 for y, p, _ in scored if y and p < threshold)
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def main(folder: Path, names: list[str], verbose: bool) -> None:
    pack = load_pack([])
    judges = next(j for j in pack.judges if j.folder == builtin_pack_path())
    for path in sorted((folder / "phrasings").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rule = str(data["rule"])
        if (names and rule not in names) or not (
            builtin_pack_path() / "banks" / f"{rule}.yaml"
        ).exists():
            continue
        judge = judges.judge(rule)
        scored = [(1, judge.probability(str(t)), str(t)) for t in data.get("fire") or []]
        scored += [(0, judge.probability(str(t)), str(t)) for t in data.get("pass") or []]
        now = measure(scored, judge.threshold)
        best = next((c for c in CANDIDATES if measure(scored, c)[0] >= TARGET), 1.0)
        curve = "  ".join(
            f"{c}:{measure(scored, c)[0]:.2f}/{measure(scored, c)[1]:.2f}" for c in CANDIDATES[::2]
        )
        print(
            f"{rule}: threshold {judge.threshold} -> {now[0]:.2f}/{now[1]:.2f}; "
            f"lowest with precision {TARGET}: {best}\n    {curve}"
        )
        if verbose:
            for y, p, t in sorted(scored, key=lambda s: -s[1]):
                if (p >= judge.threshold) != bool(y):
                    print("   ", "FN" if y else "FP", round(p, 2), t)


if __name__ == "__main__":
    args = sys.argv[1:]
    rest = [a for a in args[1:] if not a.startswith("-")]
    main(Path(args[0]), rest, "-v" in args)
