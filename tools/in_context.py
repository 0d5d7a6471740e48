"""The development part's phrasings inside neutral context: does a judge still see a flaw when
the answer comes with a lead-in or a tail it was never trained with?

Run from the repository: python tools/in_context.py [PART] [ASIDES].
PART defaults to corpus/dev; ASIDES to corpus/dev/context/asides.yaml, neutral lead-ins and
tails written apart from the ones the judges train inside (rules/banks/context/asides.yaml), by
another author. Every phrasing of PART/phrasings is wrapped once (``meaning.in_context``, with
its own seed) and the wrapped files are measured as ``clarity rules eval`` measures a corpus;
the bare figures are printed beside them. It never reads corpus/eval/ unless told to.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import yaml

from clarity.core.judge import load_asides
from clarity.core.judge.meaning import in_context
from clarity.core.rules.pack import load_pack
from clarity.core.scoring.evaluation import Evaluation, evaluate_corpus


def wrapped_part(part: Path, asides: tuple[list[str], list[str]], into: Path) -> None:
    """Write PART's phrasings files into ``into/phrasings`` with every phrasing wrapped."""
    (into / "phrasings").mkdir(parents=True)
    for path in sorted((part / "phrasings").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("fire", "pass"):
            texts = [str(t) for t in data.get(key) or []]
            data[key] = in_context(texts, asides, f"eval:{path.stem}:{key}")
        (into / "phrasings" / path.name).write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )


def main(argv: list[str]) -> None:
    part = Path(argv[0]) if argv else Path("corpus/dev")
    source = Path(argv[1]) if len(argv) > 1 else part / "context" / "asides.yaml"
    asides = load_asides(source)
    if not (asides[0] or asides[1]):
        sys.exit(f"no asides in {source}")
    pack = load_pack([])
    bare = evaluate_corpus(pack, part)
    with tempfile.TemporaryDirectory() as tmp:
        wrapped_part(part, asides, Path(tmp))
        inside = evaluate_corpus(pack, Path(tmp))
    report(bare, inside)


def report(bare: Evaluation, inside: Evaluation) -> None:
    print(f"{'':22}{'bare P/R':>12}{'in context P/R':>18}")
    for kind, a, b in (("rule", bare.rules, inside.rules), ("trap", bare.traps, inside.traps)):
        for name in a:
            if a[name].total == 0:
                continue
            x, y = a[name], b[name]
            print(
                f"{kind:5} {name:16}{x.precision:6.0%}/{x.recall:4.0%}"
                f"{y.precision:12.0%}/{y.recall:4.0%}"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
