"""The contextual sentence encoder: all-MiniLM-L6-v2 tuned on the banks, run with numpy.

A mean of word vectors (``model``) reads which words a text uses, not how they relate: "agree
the dashboard colours with me" and "the colours are yours" embed alike. A small transformer
reads words in their context. all-MiniLM-L6-v2 (Apache-2.0, six layers, 384 dimensions) ships
with clarity in ``models/clarity-minilm-l6`` as half-precision safetensors (45 MB) with its
tokenizer, its layers trained further on the banks' phrasings (``tools/tune_encoder.py``): it
was made to place paraphrases together, not to tell a flaw from its near-miss. The usual ways
to run it (sentence-transformers, transformers) bring torch, hundreds of megabytes and seconds
of import; the forward pass of a BERT encoder is a few matrix products, written here with
numpy. Measured on the development part, a judge reading both embeddings ranks fresh
phrasings better than one reading word vectors alone (AUC: B107 0.914 -> 0.937, C110 0.946 ->
0.963, C114 0.924 -> 0.969, B108 0.974 -> 0.993, B102 0.981 -> 0.994), and the tuned encoder
better than the original (B107 0.919 -> 0.933, C114 0.963 -> 0.989, B108 0.965 -> 0.972;
no judge worse).

Texts are encoded in batches of similar length (padding costs little then); a text's vector is
the mean of its token states, made unit length, as sentence-transformers pools it. The result
is the same on every machine up to rounding in the last digits.

The layers are multiplied in single precision and transposed, where the file holds them in
half precision as trained: making them so took about 70 ms of every process that encoded a
text (reading 30, converting 30, transposing 35), more than encoding a charter's new texts.
The first process makes them once into the user's cache folder (``layers``: one ``.npy`` file
an array, about 64 MB with the word table) and later ones map those files: nothing is read
until it is multiplied, and the worker processes of one lint run share the same pages.
"""

from __future__ import annotations

import os
import zlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clarity.core.errors import ClarityError
from clarity.core.judge.model import Remembered
from clarity.core.places import cache_dir, shipped, stamp, trusted

if TYPE_CHECKING:
    import numpy as np

    Array = np.ndarray[Any, Any]

FOLDER = "clarity-minilm-l6"
DIMENSIONS = 384
LAYERS = 6
HEADS = 12
#: Texts longer than this many word pieces are cut, as the model was trained.
MAX_TOKENS = 128
#: Texts encoded together: sorted by length, so a batch pads little.
BATCH = 32
#: Bumped when the arrays the layers are made into change (see ``layers``).
LAYOUT = "1"


def encoder_files() -> tuple[Path, Path]:
    """The encoder's weights and tokenizer, or a clear error if they are missing."""
    folder = shipped("models") / FOLDER
    weights, tokenizer = folder / "model.safetensors", folder / "tokenizer.json"
    if not (weights.is_file() and tokenizer.is_file()):
        raise ClarityError(
            f"the sentence encoder is missing: {folder} should hold model.safetensors and "
            "tokenizer.json",
            hint="reinstall clarity (pip install --force-reinstall clarity-test) to bring it back",
        )
    return weights, tokenizer


def encoder_digest() -> str:
    """The SHA-256 of the encoder's weights: the stored judges name the encoder they were
    trained on (tools/train_banks.py writes it; a test holds them to the shipped one)."""
    import hashlib

    weights, _ = encoder_files()
    return hashlib.sha256(weights.read_bytes()).hexdigest()


def encoder_stamp() -> str:
    """The encoder's files as installed (name, size, change time), read without opening them:
    in the key of kept decisions, so a retuned encoder reads every text anew, though no bank
    changed."""
    try:
        return repr([stamp(path) for path in encoder_files()])
    except (ClarityError, OSError):
        return "?"  # (judging then says the encoder is missing)


def _layer_norm(x: Array, gain: Array, bias: Array) -> Array:
    import numpy as np

    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(variance + 1e-12) * gain + bias  # type: ignore[no-any-return]


def _gelu(x: Array) -> Array:
    import numpy as np

    # The tanh form of GELU: within 1e-3 of the exact one, without scipy's erf.
    return 0.5 * x * (1.0 + np.tanh(0.7978845608028654 * (x + 0.044715 * x * x * x)))


class Encoder(Remembered):
    """The sentence encoder: a text's token states in context, mean-pooled."""

    dimensions = DIMENSIONS

    def __init__(self) -> None:
        super().__init__()
        from tokenizers import Tokenizer

        weights, tokenizer = encoder_files()
        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        found = layers(weights)
        # The word table stays in half precision (23 MB; a text's rows are made single
        # precision when it is encoded).
        self._words = found["words"]
        self._positions, self._type = found["positions"], found["type"]
        self._norm = (found["norm.gain"], found["norm.bias"])
        self._layers = [tuple(found[f"{n}.{part}"] for part in _PARTS) for n in range(LAYERS)]

    def _forward(self, texts: list[str]) -> Array:
        np = self._np
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.asarray([e.ids for e in encodings], dtype=np.int64)
        mask = np.asarray([e.attention_mask for e in encodings], dtype=np.float32)
        batch, length = ids.shape
        x = self._words[ids].astype(np.float32) + self._positions[:length] + self._type
        x = _layer_norm(x, *self._norm)
        # Padding is never attended to.
        hidden = ((mask - 1.0) * 1e4)[:, None, None, :]
        size = DIMENSIONS // HEADS
        for qkv, qkv_b, out, out_b, g1, b1, up, up_b, down, down_b, g2, b2 in self._layers:
            q, k, v = np.split(x @ qkv + qkv_b, 3, axis=-1)
            q = q.reshape(batch, length, HEADS, size).transpose(0, 2, 1, 3)
            k = k.reshape(batch, length, HEADS, size).transpose(0, 2, 3, 1)
            v = v.reshape(batch, length, HEADS, size).transpose(0, 2, 1, 3)
            scores = q @ k / np.sqrt(np.float32(size)) + hidden
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, DIMENSIONS)
            x = _layer_norm(x + context @ out + out_b, g1, b1)
            x = _layer_norm(x + _gelu(x @ up + up_b) @ down + down_b, g2, b2)
        pooled = (x * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.where(norms > 0, norms, 1.0)  # type: ignore[no-any-return]

    def _compute(self, texts: list[str]) -> list[Array]:
        ordered = sorted(texts, key=len)
        vectors: dict[str, Array] = {}
        for start in range(0, len(ordered), BATCH):
            chunk = ordered[start : start + BATCH]
            vectors.update(zip(chunk, self._forward(chunk), strict=True))
        return [vectors[t] for t in texts]


#: The arrays of one layer, in the order ``Encoder._forward`` reads them.
_PARTS = (
    "qkv", "qkv.bias", "out", "out.bias", "out.gain", "out.shift",
    "up", "up.bias", "down", "down.bias", "down.gain", "down.shift",
)  # fmt: skip


def layers(weights: Path) -> dict[str, Array]:
    """The encoder's arrays as the products read them: mapped from the user's cache folder
    when they were made before, else made from ``weights`` now (and kept there for the next
    process, where the folder can be written)."""
    folder = _layers_folder(weights)
    if folder is not None:
        found = _mapped(folder)
        if found is not None:
            return found
    made = _made(weights)
    if folder is not None:
        if folder.exists():  # (broken, or not the user's own: made again)
            import shutil

            shutil.rmtree(folder, ignore_errors=True)
        _keep(folder, made)
    return made


def _layers_folder(weights: Path) -> Path | None:
    """Where the arrays of these weights are kept: named by what the file holds, not where it
    is, so that two installs of the same clarity share them (its size and 4 KB read at 64
    places through it, the first holding its header; hashing all 45 MB took 25 ms)."""
    base = cache_dir()
    if base is None:
        return None
    try:
        with weights.open("rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            key = zlib.crc32(LAYOUT.encode() + size.to_bytes(8, "little"))
            for at in range(0, size, max(size // 64, 1)):
                handle.seek(at)
                key = zlib.crc32(handle.read(4096), key)
    except OSError:
        return None
    return base / f"encoder-{key:08x}"


def _names() -> list[str]:
    fixed = ["words", "positions", "type", "norm.gain", "norm.bias"]
    return fixed + [f"{n}.{part}" for n in range(LAYERS) for part in _PARTS]


def _mapped(folder: Path) -> dict[str, Array] | None:
    """The arrays kept in ``folder``, mapped read-only; None when any is missing or unreadable,
    or the folder is not the user's own (``places.trusted``)."""
    import numpy as np

    try:
        if not trusted(folder):
            return None
        return {n: np.load(folder / f"{n}.npy", mmap_mode="r") for n in _names()}
    except (OSError, ValueError):
        return None


def _keep(folder: Path, arrays: dict[str, Array]) -> None:
    """Write the arrays into ``folder`` whole or not at all (a folder made aside, then renamed);
    a cache that cannot be written is simply not used."""
    import shutil
    import tempfile

    import numpy as np

    try:
        folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        aside = Path(tempfile.mkdtemp(prefix=".encoder-", dir=folder.parent))
        try:
            for name, array in arrays.items():
                np.save(aside / f"{name}.npy", array, allow_pickle=False)
            aside.chmod(0o700)
            aside.rename(folder)
        except BaseException:
            shutil.rmtree(aside, ignore_errors=True)
            raise
    except Exception:  # (another process kept them first, or the folder cannot be written)
        return
    for other in folder.parent.glob("encoder-*"):  # (those of an encoder no longer installed)
        if other != folder:
            shutil.rmtree(other, ignore_errors=True)


def _made(weights: Path) -> dict[str, Array]:
    """The arrays made from the shipped file, one tensor read at a time: the layers made single
    precision once, transposed for the products (numpy multiplies half precision slowly), with
    no other copy kept (reading the whole file first held 130 MB)."""
    import numpy as np
    from safetensors import safe_open

    with safe_open(str(weights), framework="numpy") as stored:

        def single(name: str) -> Array:
            return stored.get_tensor(name).astype(np.float32)  # type: ignore[no-any-return]

        def across(name: str) -> Array:
            return np.ascontiguousarray(stored.get_tensor(name).T, dtype=np.float32)

        made = {
            "words": stored.get_tensor("embeddings.word_embeddings.weight"),
            "positions": single("embeddings.position_embeddings.weight"),
            "type": single("embeddings.token_type_embeddings.weight")[0],
            "norm.gain": single("embeddings.LayerNorm.weight"),
            "norm.bias": single("embeddings.LayerNorm.bias"),
        }
        for n in range(LAYERS):
            p = f"encoder.layer.{n}."
            a = p + "attention."
            qkv = ("query", "key", "value")
            parts = (
                np.concatenate([across(f"{a}self.{part}.weight") for part in qkv], axis=1),
                np.concatenate([single(f"{a}self.{part}.bias") for part in qkv]),
                across(a + "output.dense.weight"), single(a + "output.dense.bias"),
                single(a + "output.LayerNorm.weight"), single(a + "output.LayerNorm.bias"),
                across(p + "intermediate.dense.weight"), single(p + "intermediate.dense.bias"),
                across(p + "output.dense.weight"), single(p + "output.dense.bias"),
                single(p + "output.LayerNorm.weight"), single(p + "output.LayerNorm.bias"),
            )  # fmt: skip
            made.update({f"{n}.{part}": array for part, array in zip(_PARTS, parts, strict=True)})
    return made


@lru_cache(maxsize=1)
def encoder() -> Encoder:
    """The process's one encoder, loaded on first use."""
    return Encoder()
