"""Write simplemma's English dictionary into the table clarity reads it from
(``models/simplemma-en/dictionary.sqlite3``; see ``clarity.core.judge.lexicon``).

Run from the repository with the simplemma the judges should read: python tools/lexicon.py.
The judges were trained on the lemmas it gives, so writing it again with other entries means
training them again (tools/train_banks.py) and choosing their thresholds again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import simplemma
from simplemma.strategies import DefaultDictionaryFactory

from clarity.core.judge.lexicon import FOLDER, LANGUAGE, TABLE, write_lexicon

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    entries = dict(DefaultDictionaryFactory().get_dictionary(LANGUAGE).items())
    data = Path(simplemma.__file__).parent / "strategies" / "dictionaries" / "data"
    digest = hashlib.sha256((data / f"{LANGUAGE}.plzma").read_bytes()).hexdigest()
    source = f"simplemma {simplemma.__version__}, {LANGUAGE}.plzma sha256:{digest}"
    target = ROOT / "models" / FOLDER / TABLE
    write_lexicon(entries, target, source)
    print(f"wrote {target} ({len(entries):,} entries, {target.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
