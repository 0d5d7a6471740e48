"""Train every bank of the built-in pack and store its weights beside it.

Run from the repository after changing a bank, a judged rule's examples or the sentence
encoder: python tools/train_banks.py. The pack then reads ``rules/banks/<RULE>.weights.json``
instead of training when it is built; a test checks that every stored file still matches its
bank (its digest) and the shipped encoder (its SHA-256), so a stale file cannot ship.
"""

from __future__ import annotations

from clarity.core.judge.weights import write_weights
from clarity.core.rules.pack import builtin_pack_path, load_pack


def main() -> None:
    pack = load_pack([])
    folder = builtin_pack_path()
    judges = next(j for j in pack.judges if j.folder == folder)
    for path in sorted((folder / "banks").glob("*.yaml")):
        judge = judges.judge(path.stem)
        write_weights(judge, path.with_suffix(".weights.json"))
        bank = judge.bank
        print(
            f"{path.stem}: trained on {len(bank.fire)} + {len(bank.near_misses) + len(bank.borrowed)}"
        )


if __name__ == "__main__":
    main()
