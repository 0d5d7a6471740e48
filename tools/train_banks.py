"""Train every bank of the built-in pack and store its weights beside it.

Run from the repository after changing a bank, a judged rule's examples or the sentence
encoder: python tools/train_banks.py. The pack then reads ``rules/banks/<RULE>.weights.json``
instead of training when it is built; a test checks that every stored file still matches its
bank (its digest) and the shipped encoder (its SHA-256), so a stale file cannot ship.
"""

from __future__ import annotations

import json
from pathlib import Path

from clarity.core.judge.encoder import encoder_digest
from clarity.core.judge.weights import write_weights
from clarity.core.rules.pack import builtin_pack_path, load_pack


def main() -> None:
    folder = builtin_pack_path()
    _drop_other_encoders(folder / "banks")
    pack = load_pack([])
    judges = next(j for j in pack.judges if j.folder == folder)
    for path in sorted((folder / "banks").glob("*.yaml")):
        judge = judges.judge(path.stem)
        write_weights(judge, path.with_suffix(".weights.json"))
        bank = judge.bank
        print(
            f"{path.stem}: trained on {len(bank.fire)} + {len(bank.near_misses) + len(bank.borrowed)}"
        )


def _drop_other_encoders(banks: Path) -> None:
    """Remove the stored weights trained on another encoder than the shipped one: the judges
    do not check the encoder when they read them (45 MB to hash), so after the encoder is
    tuned again they would be read back, and written again, unchanged."""
    digest = encoder_digest()
    for path in sorted(banks.glob("*.weights.json")):
        try:
            stored = json.loads(path.read_text(encoding="utf-8")).get("encoder")
        except (OSError, ValueError):
            stored = None
        if stored != digest:
            name = path.name.removesuffix(".weights.json")
            print(f"{name}: trained on another encoder, trained again")
            path.unlink()
            path.with_name(f"{name}.arrays.npz").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
