"""The meaning model: a static sentence embedding, read from files installed with clarity.

The model is WordLlama's 256-dimension token embedding (``l2_supercat_256``), which its wheel
carries with its tokenizer. clarity reads those two files directly with ``tokenizers`` and
``safetensors`` instead of importing the ``wordllama`` package: the package pulls in its
network download code and costs about three times as long to import, and clarity must never
reach the network. A text's embedding is the mean of its token vectors, made unit length, so
the same text gives the same vector on every machine.

The model is loaded once per process, and only when a rule needs it.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clarity.core.errors import ClarityError

if TYPE_CHECKING:
    import numpy as np

MODEL_PACKAGE = "wordllama"
WEIGHTS = ("weights", "l2_supercat_256.safetensors")
TOKENIZER = ("tokenizers", "l2_supercat_tokenizer_config.json")
DIMENSIONS = 256


def model_files() -> tuple[Path, Path]:
    """Where the model's weights and tokenizer are, or a clear error if they are missing."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)  # (finds it without importing it)
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        weights, tokenizer = Path(folder, *WEIGHTS), Path(folder, *TOKENIZER)
        if weights.is_file() and tokenizer.is_file():
            return weights, tokenizer
    raise ClarityError(
        "the meaning model is missing: its files come with the 'wordllama' package",
        hint="reinstall clarity (pip install --force-reinstall clarity-test) to bring it back",
    )


class Remembered:
    """Texts in, unit vectors out, each text computed once: the base of both models (each
    judge of a text reads the same form of it). ``_compute`` gives the vectors of new texts."""

    dimensions = DIMENSIONS
    #: The most texts kept; past it, the memo starts afresh.
    remembered = 4096

    def __init__(self) -> None:
        import numpy as np

        self._np = np
        self._seen: dict[str, np.ndarray[Any, Any]] = {}

    def _compute(self, texts: list[str]) -> list[np.ndarray[Any, Any]]:
        raise NotImplementedError

    def embed(self, texts: list[str]) -> np.ndarray[Any, Any]:
        np = self._np
        new = [t for t in dict.fromkeys(texts) if t not in self._seen]
        if len(self._seen) + len(new) > self.remembered:
            self._seen.clear()
            new = list(dict.fromkeys(texts))
        if new:
            self._seen.update(zip(new, self._compute(new), strict=True))
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row] = self._seen[text]
        return out  # type: ignore[no-any-return]


class Embedder(Remembered):
    """The word model: the mean of a text's token vectors."""

    def __init__(self) -> None:
        super().__init__()
        from tokenizers import Tokenizer

        weights, tokenizer = model_files()
        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.no_padding()
        self._tokenizer.no_truncation()
        # Kept as stored (half precision): the rows of a text are made single precision when it
        # is embedded, which gives the same vectors as a single-precision copy of the whole
        # table and spares the copy (32 MB of every process that judges). Mapped from the file,
        # not read: a process holds only the rows its texts use, and the worker processes of
        # one lint run share them (reading it held 16 MB in each).
        self._table = mapped_tensor(weights, "embedding.weight")

    def _compute(self, texts: list[str]) -> list[np.ndarray[Any, Any]]:
        np = self._np
        vectors = []
        for encoding in self._tokenizer.encode_batch(texts, add_special_tokens=False):
            vector = np.zeros(DIMENSIONS, dtype=np.float32)
            if encoding.ids:
                rows = self._table[np.asarray(encoding.ids, dtype=np.int64)]
                vector = rows.astype(np.float32).mean(axis=0)
                norm = float(np.linalg.norm(vector))
                if norm > 0:
                    vector = vector / norm
            vectors.append(vector)
        return vectors


def mapped_tensor(path: Path, name: str) -> np.ndarray[Any, Any]:
    """One tensor of a safetensors file, mapped read-only rather than read. The format is an
    8-byte little-endian header length, a JSON header giving each tensor's dtype, shape and
    byte range after the header, then the bytes; the ``safetensors`` package reads tensors
    into memory (its numpy API has no mapping), so the header is read here."""
    import json

    import numpy as np

    kinds = {"F16": np.float16, "F32": np.float32}
    try:
        with path.open("rb") as handle:
            size = int.from_bytes(handle.read(8), "little")
            header = json.loads(handle.read(size))
        entry = header[name]
        start, end = entry["data_offsets"]
        array = np.memmap(
            path, dtype=kinds[entry["dtype"]], mode="r", offset=8 + size + start,
            shape=tuple(entry["shape"]),
        )  # fmt: skip
        if array.nbytes != end - start:
            raise ValueError(name)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ClarityError(
            f"the meaning model's file {path} cannot be read ({error})",
            hint="reinstall clarity (pip install --force-reinstall clarity-test) to bring it back",
        ) from None
    return array


@lru_cache(maxsize=1)
def embedder() -> Embedder:
    """The process's one model, loaded on first use."""
    return Embedder()
