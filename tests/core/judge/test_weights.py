"""A trained judge stored beside its bank: read back only as the bytes its weights name."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import numpy as np
import pytest

from clarity.core.judge.encoder import encoder_digest
from clarity.core.judge.weights import read_arrays
from clarity.core.rules.pack import builtin_pack_path


def _stored(tmp_path: Path, **arrays: np.ndarray) -> tuple[Path, str]:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)  # type: ignore[arg-type]
    path = tmp_path / "X.arrays.npz"
    path.write_bytes(buffer.getvalue())
    return path, hashlib.sha256(buffer.getvalue()).hexdigest()


FEATURES = 5
LAYERS = {
    "hidden": np.ones((FEATURES, 2)), "hidden_bias": np.zeros(2),
    "output": np.ones(2), "output_bias": np.zeros(1),
}  # fmt: skip


def test_the_arrays_are_read_back_when_their_bytes_are_the_ones_named(tmp_path: Path) -> None:
    path, digest = _stored(tmp_path, memory=np.ones((3, 4)), labels=np.array([1, 0, 1]), **LAYERS)
    network, memory, labels = read_arrays(path, digest, FEATURES)
    assert memory.shape == (3, 4) and labels.tolist() == [1, 0, 1]
    assert network.hidden.shape == (FEATURES, 2)
    assert network(np.zeros((1, FEATURES))).tolist() == [0.5]


def test_changed_or_malformed_arrays_are_refused(tmp_path: Path) -> None:
    path, digest = _stored(tmp_path, memory=np.ones((3, 4)), labels=np.array([1, 0, 1]), **LAYERS)
    with pytest.raises(ValueError):
        read_arrays(path, "0" * 64, FEATURES)
    with pytest.raises(ValueError):  # (a network for other features)
        read_arrays(path, digest, FEATURES + 1)
    path, digest = _stored(tmp_path, memory=np.ones((3, 4)), labels=np.array([1, 0]), **LAYERS)
    with pytest.raises(ValueError):
        read_arrays(path, digest, FEATURES)
    short = {**LAYERS, "output": np.ones(3)}
    path, digest = _stored(tmp_path, memory=np.ones((3, 4)), labels=np.array([1, 0, 1]), **short)
    with pytest.raises(ValueError):
        read_arrays(path, digest, FEATURES)


def test_pickled_objects_are_never_loaded(tmp_path: Path) -> None:
    objects = np.array([{"a": 1}, None], dtype=object)
    path, digest = _stored(tmp_path, memory=objects, labels=np.array([1, 0]), **LAYERS)
    with pytest.raises(ValueError):
        read_arrays(path, digest, FEATURES)


def test_the_shipped_weights_name_the_shipped_encoder() -> None:
    """tools/train_banks.py writes the encoder's SHA-256: weights trained on another encoder
    would read embeddings they were not trained on."""
    files = sorted((builtin_pack_path() / "banks").glob("*.weights.json"))
    assert files
    digest = encoder_digest()
    for path in files:
        stored = json.loads(path.read_text(encoding="utf-8"))
        assert stored["encoder"] == digest, f"{path.name}: run tools/train_banks.py"
