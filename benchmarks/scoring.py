"""Scoring throughput: answer sets per second through the path ``clarity check`` takes."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

AnswerSet = dict[str, Any]


@dataclass(frozen=True)
class Throughput:
    sets: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.sets / self.seconds if self.seconds else float("nan")


def scoring_throughput(batches: Iterator[list[AnswerSet]], seconds: float = 2.0) -> Throughput:
    """Score answer sets, each once, batch after batch, until about ``seconds`` of scoring.

    Each set goes through exactly what ``clarity check --answers FILE`` does after reading the
    file: the pack's defaults and required answers (``complete``), validation into the answers
    model (``build_answers``) and ``score``. The pack is loaded, and each batch generated,
    before the clock runs; the first batch is a warm-up (not counted); no set is scored twice.
    """
    from clarity.core.reading.answers import build_answers, complete
    from clarity.core.rules.pack import load_pack
    from clarity.core.scoring.engine import score

    pack = load_pack()
    questions = pack.questions
    done = 0
    spent = 0.0
    for n, batch in enumerate(batches):
        start = time.perf_counter()
        for data in batch:
            view = str(data.get("perspective") or "leader")
            completed = complete(data, questions, "answers", view)
            answers = build_answers(completed, None, "answers")
            score(answers, pack)
        if n == 0:
            continue  # the warm-up batch, dropped as the commands' warm-up round is
        spent += time.perf_counter() - start
        done += len(batch)
        if spent >= seconds:
            break
    return Throughput(done, spent)


def batches(
    make: Callable[[int, int], list[AnswerSet]], size: int, *, unique: bool = False
) -> Iterator[list[AnswerSet]]:
    """Batches of ``size`` new answer sets (``make(count, seed)``), a new seed each; with
    ``unique``, every text of every set is made unlike any other (see :func:`unique_texts`)."""
    serial = 0
    seed = 1000
    while True:
        batch = make(size, seed)
        if unique:
            for data in batch:
                serial = unique_texts(data, serial)
        yield batch
        seed += 1


_TEXTS = ("task", "owner", "delegated_by", "outcome", "deadline", "quality", "consequences")
_LISTS = ("constraints", "decides_alone", "escalate_when", "checkpoints")


#: Everyday words that no rule reads (places, things, colours): every text gets three of them,
#: a different three for every serial number (100**3 = 1,000,000 texts). Real words, because
#: people write real words: a made-up word in every text (the earlier tag, "qbcd") sent every
#: text through the spelling correction and the lemma dictionary's slow path for unknown words,
#: which real answers take only for the odd typo or name.
_PLAIN = [
    "harbour",
    "garden",
    "ledger",
    "window",
    "river",
    "bridge",
    "orchard",
    "meadow",
    "valley",
    "station",
    "tower",
    "market",
    "village",
    "castle",
    "island",
    "forest",
    "desert",
    "canyon",
    "lake",
    "mountain",
    "cottage",
    "library",
    "museum",
    "theatre",
    "kitchen",
    "cellar",
    "attic",
    "balcony",
    "corridor",
    "staircase",
    "chimney",
    "fountain",
    "lighthouse",
    "windmill",
    "granary",
    "barn",
    "stable",
    "pasture",
    "vineyard",
    "quarry",
    "mill",
    "forge",
    "bakery",
    "pantry",
    "parlour",
    "porch",
    "terrace",
    "courtyard",
    "gate",
    "fence",
    "hedge",
    "lane",
    "avenue",
    "square",
    "plaza",
    "pier",
    "wharf",
    "dock",
    "canal",
    "reservoir",
    "spring",
    "brook",
    "pond",
    "marsh",
    "heath",
    "moor",
    "hill",
    "ridge",
    "cliff",
    "cove",
    "bay",
    "beach",
    "dune",
    "reef",
    "glacier",
    "volcano",
    "crater",
    "plateau",
    "prairie",
    "savanna",
    "jungle",
    "grove",
    "thicket",
    "copse",
    "clearing",
    "amber",
    "coral",
    "ivory",
    "olive",
    "copper",
    "silver",
    "golden",
    "crimson",
    "violet",
    "indigo",
    "scarlet",
    "maroon",
    "teal",
    "navy",
    "beige",
]


def _tag(serial: int) -> str:
    """Three everyday words, different for every serial number."""
    words = []
    for _ in range(3):
        serial, digit = divmod(serial, 100)
        words.append(_PLAIN[digit])
    return "(" + " ".join(words) + ")"


def unique_texts(data: AnswerSet, serial: int) -> int:
    """Append three everyday words of its own to every text of an answer set (in place): no text is then
    seen twice, so nothing is remembered from one text to the next. Returns the next serial."""
    for name in _TEXTS:
        value = data.get(name)
        if isinstance(value, str) and value.strip():
            data[name] = f"{value} {_tag(serial)}"
            serial += 1
    for name in _LISTS:
        value = data.get(name)
        if isinstance(value, list):
            items = []
            for item in value:
                if isinstance(item, str) and item.strip():
                    item = f"{item} {_tag(serial)}"
                    serial += 1
                items.append(item)
            data[name] = items
    return serial
