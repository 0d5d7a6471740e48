"""Measure a judge's bounds on the development part before writing them into its bank.

tools/thresholds.py chooses a threshold and a screen floor; the other bounds of a judge (its
``ask_from``, and the scores its ``confirmed_by``, ``agreed_by`` and ``ask_on_clause`` forms
start from) are chosen by hand on whole delegations. This prints, for each setting given, the
rule's precision and recall, the outcome-confusion trap's, the verdicts (alone and with the
follow-ups answered as labelled), the questions asked and the healthy delegations flagged:

    python tools/bounds_grid.py B107 "0.9;0.85;0.9,=,0.7;0.9,0.45,0.6,0.3"

Each setting is ``threshold,ask_from,confirm,agree,clause``; ``=`` (or a missing value) keeps
the bank's, ``-`` removes it. Only the development part is read; nothing is written.
"""

from __future__ import annotations

import sys
from pathlib import Path

from clarity.core.rules.pack import load_pack
from clarity.core.scoring.evaluation import evaluate_corpus

SLOTS = 5


def setting(spec: str, base: tuple[float | None, ...]) -> tuple[float | None, ...]:
    parts = spec.split(",") + ["="] * SLOTS
    out: list[float | None] = []
    for i in range(SLOTS):
        part = parts[i].strip()
        out.append(base[i] if part in ("", "=") else None if part == "-" else float(part))
    return tuple(out)


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    rule, specs = sys.argv[1], sys.argv[2]
    folder = Path(sys.argv[3]) if len(sys.argv) > 3 else Path("corpus/dev")
    pack = load_pack([])
    judge = pack.judges[0].judge(rule)
    base = judge._bounds()
    print(f"{rule} as its bank says: {base}")
    for spec in specs.split(";"):
        judge._limits = setting(spec, base)  # type: ignore[assignment]
        found = evaluate_corpus(pack, folder)
        tally, trap = found.rules[rule], found.traps["outcome-confusion"]
        right = sum(d.expected == d.got for d in found.delegations)
        asked = sum(len(d.asked) for d in found.delegations)
        print(
            f"{judge._limits}: {rule} {tally.precision:.2f} / {tally.recall:.2f}; "
            f"outcome confusion {trap.precision:.2f} / {trap.recall:.2f}; verdicts {right}, "
            f"with the follow-ups {found.right_with_follow_ups} ({asked} questions); "
            f"healthy flagged {len(found.healthy_flagged)}"
        )


if __name__ == "__main__":
    main()
