"""The meaning model's files: found, or one clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from clarity.core.errors import ClarityError
from clarity.core.judge import model as model_module


def test_a_missing_model_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_module.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ClarityError, match="meaning model is missing"):
        model_module.model_files()


def test_the_word_table_is_mapped_and_reads_as_the_file_holds_it() -> None:
    import numpy as np
    from safetensors.numpy import load_file

    weights, _ = model_module.model_files()
    mapped = model_module.mapped_tensor(weights, "embedding.weight")
    assert isinstance(mapped, np.memmap) and not mapped.flags.writeable
    assert np.array_equal(mapped, load_file(str(weights))["embedding.weight"])


@pytest.mark.parametrize(
    "content",
    [
        b"",  # (empty)
        (5).to_bytes(8, "little") + b"{oops",  # (a header that is no JSON)
        (2).to_bytes(8, "little") + b"{}",  # (no such tensor)
        (90).to_bytes(8, "little")
        + b'{"embedding.weight": {"dtype": "F16", "shape": [4, 4], "data_offsets": [0, 32]}}'
        + b" " * 8,  # (a header that promises more bytes than there are)
    ],
)
def test_a_broken_model_file_is_one_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "model.safetensors"
    path.write_bytes(content)
    with pytest.raises(ClarityError, match=r"the meaning model's file .* cannot be read"):
        model_module.mapped_tensor(path, "embedding.weight")
