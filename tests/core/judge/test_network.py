"""A judge's classifier: one hidden layer, trained the same way every time."""

from __future__ import annotations

import numpy as np

from clarity.core.judge.network import Network, fit_network


def _either_not_both() -> tuple[np.ndarray, np.ndarray]:
    """Points labelled 1 when exactly one of two signs is present: no single weighing of the
    two features separates them."""
    rng = np.random.default_rng(7)
    a, b = rng.integers(0, 2, 400), rng.integers(0, 2, 400)
    x = np.stack([a, b], axis=1) + rng.normal(0, 0.1, (400, 2))
    return x, (a ^ b).astype(float)


def _trained(x: np.ndarray, y: np.ndarray) -> Network:
    mean, scale = x.mean(axis=0), x.std(axis=0)
    sample = np.full(len(y), 1 / len(y))
    return fit_network((x - mean) / scale, y, sample, mean, scale)


def test_it_learns_what_a_weighing_of_each_feature_alone_cannot() -> None:
    x, y = _either_not_both()
    network = _trained(x, y)
    scores = network(np.asarray([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]))
    assert scores[1] > 0.5 and scores[2] > 0.5
    assert scores[0] < 0.5 and scores[3] < 0.5


def test_the_same_rows_give_the_same_network() -> None:
    x, y = _either_not_both()
    a, b = _trained(x, y), _trained(x, y)
    assert (a.hidden == b.hidden).all() and a.output_bias == b.output_bias


def test_far_rows_score_zero_or_one_without_overflow() -> None:
    x, y = _either_not_both()
    with np.errstate(all="raise"):
        scores = _trained(x, y)(np.asarray([[1e6, -1e6], [-1e6, 1e6]]))
    assert all(0.0 <= s <= 1.0 for s in scores)
