"""The sentence encoder: found or one clear error, and vectors that read meaning in context."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from clarity.core.errors import ClarityError
from clarity.core.judge import encoder as encoder_module
from clarity.core.judge.encoder import DIMENSIONS, MAX_TOKENS, encoder


def test_missing_files_are_one_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(encoder_module, "shipped", lambda name: tmp_path / name)
    with pytest.raises(ClarityError, match="the sentence encoder is missing"):
        encoder_module.encoder_files()


def test_vectors_are_unit_length_and_the_same_in_a_batch_or_alone() -> None:
    texts = [
        "ship the onboarding emails by 14 march",
        "ok",
        "",
        "if the error rate rises two weeks running, the weekly sign off comes back",
    ]
    together = encoder().embed(texts)
    assert together.shape == (4, DIMENSIONS)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-4)
    encoder()._seen.clear()
    alone = np.vstack([encoder().embed([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-4)


def test_a_paraphrase_is_closer_than_a_sentence_of_other_meaning() -> None:
    fired, fired_again, reviewed = encoder().embed([
        "if she misses the stretch target she will be fired",
        "missing the stretch target means she loses her job",
        "if the target is missed we review the plan together next month",
    ])  # fmt: skip
    assert fired @ fired_again > fired @ reviewed + 0.1


def test_a_text_longer_than_the_model_reads_is_cut_not_refused() -> None:
    long = " ".join(["the dashboard loads in under two seconds"] * (MAX_TOKENS // 2))
    (vector,) = encoder().embed([long])
    assert np.isfinite(vector).all()
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-4
