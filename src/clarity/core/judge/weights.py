"""A trained judge stored beside its bank: ``<RULE>.weights.json`` (what it was trained from,
its threshold, vocabulary, standardization and screen) and ``<RULE>.arrays.npz`` (its network's
layers and its memory of embedded phrasings, plain arrays).

tools/train_banks.py writes them; the judges read them instead of training when the files they
were trained from are unchanged (``Judges.stored``).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clarity.core.errors import ClarityError
from clarity.core.judge.banks import ASIDES, SOUND
from clarity.core.judge.forms import forms_of

if TYPE_CHECKING:
    from clarity.core.judge import Judge
    from clarity.core.judge.network import Network


def read_arrays(path: Path, digest: str, features: int) -> tuple[Network, Any, Any]:
    """A judge's network, its memory (the embeddings of its bank's phrasings) and their labels,
    as stored beside the bank: plain arrays, never pickled objects, and the bytes its weights
    name. A ValueError when they are not what the judge reads."""
    import io

    import numpy as np

    from clarity.core.judge.network import Network

    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != digest:
        raise ValueError(path)
    with np.load(io.BytesIO(data), allow_pickle=False) as stored:
        network = Network.from_arrays(stored, features)
        memory, labels = stored["memory"], stored["labels"]
    if memory.ndim != 2 or labels.shape != (memory.shape[0],):
        raise ValueError(path)
    return network, memory, labels


def write_weights(judge: Judge, path: Path) -> None:
    """Store a trained judge's weights beside its bank, keyed by the bank's digest (and by the
    bytes of the files it was trained from, which the judge checks without parsing them), and
    its network and memory in ``<RULE>.arrays.npz``."""
    import io

    import numpy as np

    from clarity.core.judge.encoder import encoder_digest

    bank, m = judge._load()
    if m.memory is None or m.labels is None:
        raise ClarityError(f"the judge of {judge.name} has no memory to store")
    buffer = io.BytesIO()
    arrays: dict[str, Any] = {"memory": m.memory, "labels": m.labels, **m.network.arrays()}
    np.savez(buffer, **arrays)
    path.with_name(f"{judge.name}.arrays.npz").write_bytes(buffer.getvalue())
    borrowed = {f"{ref.partition(':')[0]}.yaml" for ref in bank.negatives_from}
    sources = [f"{judge.name}.yaml", *sorted(borrowed)]
    sources += [ASIDES] if bank.asides[0] or bank.asides[1] else []  # (what it trained inside)
    sources += [SOUND] if bank.sound else []
    data = {
        "rule": bank.rule,
        "digest": bank.digest(),
        "sources": sources,
        "files": judge.judges.files_digest(bank.rule, sources),
        # (not checked when judging, which would read 45 MB: a test holds it to the encoder)
        "encoder": encoder_digest(),
        "arrays": hashlib.sha256(buffer.getvalue()).hexdigest(),
        "threshold": bank.threshold,
        "vocabulary": sorted(m.vocabulary),
        "mean": [round(v, 8) for v in m.mean],
        "scale": [round(v, 8) for v in m.scale],
        "floor": bank.floor,
        "ask_from": bank.ask_from,
        "screen_bias": round(m.screen_bias, 8),
        "screen": [round(v, 8) for v in m.screen or []],
    }
    data.update({key: form._asdict() for key, form in forms_of(bank).items()})
    path.write_text(json.dumps(data) + "\n", encoding="utf-8")
