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


def _kept_in(monkeypatch: pytest.MonkeyPatch, folder: Path | None) -> None:
    monkeypatch.setattr(encoder_module, "cache_dir", lambda: folder)


def test_the_layers_are_made_once_then_mapped_and_read_the_same(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _kept_in(monkeypatch, tmp_path)
    weights, _ = encoder_module.encoder_files()
    made = encoder_module.layers(weights)
    (kept,) = tmp_path.glob("encoder-*")
    assert not isinstance(made["0.qkv"], np.memmap)
    mapped = encoder_module.layers(weights)
    assert isinstance(mapped["0.qkv"], np.memmap) and not mapped["0.qkv"].flags.writeable
    assert set(mapped) == set(made)
    assert all(np.array_equal(mapped[n], made[n]) for n in made)
    assert mapped["0.qkv"].dtype == np.float32 and mapped["words"].dtype == np.float16
    texts = ["if the error rate rises two weeks running, the weekly sign off comes back"]
    from_mapped = encoder_module.Encoder().embed(texts)
    _kept_in(monkeypatch, None)
    assert np.array_equal(from_mapped, encoder_module.Encoder().embed(texts))
    assert [p.name for p in tmp_path.iterdir()] == [kept.name]


def test_no_cache_folder_means_nothing_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CLARITY_NO_CACHE", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    weights, _ = encoder_module.encoder_files()
    assert not isinstance(encoder_module.layers(weights)["0.qkv"], np.memmap)
    assert list(tmp_path.iterdir()) == []


def test_a_broken_or_foreign_copy_is_not_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _kept_in(monkeypatch, tmp_path)
    weights, _ = encoder_module.encoder_files()
    encoder_module.layers(weights)
    (kept,) = tmp_path.glob("encoder-*")
    for spoil in (
        lambda: (kept / "3.up.npy").write_bytes(b"\x93NUMPY broken"),
        lambda: (kept / "3.up.npy").unlink(),
        lambda: kept.chmod(0o777),  # (anyone could have changed it)
    ):
        spoil()
        assert not isinstance(encoder_module.layers(weights)["0.qkv"], np.memmap)
        # ... and made again, whole: the next process maps it.
        assert isinstance(encoder_module.layers(weights)["0.qkv"], np.memmap)
        assert kept.stat().st_mode & 0o777 == 0o700


def test_the_copy_of_an_encoder_no_longer_installed_goes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _kept_in(monkeypatch, tmp_path)
    (tmp_path / "encoder-00000000").mkdir()
    (tmp_path / "encoder-00000000" / "words.npy").write_bytes(b"old")
    (tmp_path / "judged.sqlite3").write_bytes(b"")
    weights, _ = encoder_module.encoder_files()
    encoder_module.layers(weights)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 2 and names[1] == "judged.sqlite3" and names[0] != "encoder-00000000"
