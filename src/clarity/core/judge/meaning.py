"""Judging a text by meaning: a small classifier per rule, trained on the rule's bank.

A bank (``rules/banks/<RULE>.yaml``) holds phrasings that must fire and near-misses that must
not, in many registers. When the pack is built, each bank's phrasings are normalized, embedded
by the meaning model and read for structural markers; a logistic regression is fitted to them
(full-batch gradient descent from zero, a fixed number of steps: the same weights on every
machine). Judging a text is then one embedding and one dot product.

The result is a probability that the rule's flaw is present. Within ``UNSURE_MARGIN`` of the
rule's threshold the judge is unsure: the interview asks the leader instead of guessing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clarity.core.judge import evidence
from clarity.core.judge.normalize import normalize

if TYPE_CHECKING:
    import numpy as np

    Vector = np.ndarray[Any, Any]

#: The probability from which a rule fires, unless its bank sets its own ``threshold``: chosen
#: on the tuning part (cross-validation on the banks and corpus/tune).
THRESHOLD = 0.6
#: How close to its threshold a probability leaves the judge unsure (either side).
UNSURE_MARGIN = 0.15
STEPS = 400
RATE = 0.5
#: Chosen by 5-fold cross-validation on the banks (tools/cv_banks.py): 0.01 to 3 were tried,
#: and lemma n-gram features or max/min pooling beside the embedding, which did no better.
L2 = 0.1


def features(texts: list[str], vocabulary: frozenset[str]) -> Vector:
    """The feature rows of some raw texts: embedding of the normal form, then the markers."""
    import numpy as np

    from clarity.core.judge.model import embedder

    normal = [normalize(t, vocabulary) for t in texts]
    embedded = embedder().embed(normal)
    marks = np.asarray([evidence.markers(n) for n in normal], dtype=np.float32)
    return np.concatenate([embedded, marks], axis=1)


class Meaning:
    """One rule's trained judge: weights over standardized features, and a threshold."""

    __slots__ = ("_linear", "bias", "mean", "rule", "scale", "threshold", "vocabulary", "weights")

    def __init__(
        self,
        rule: str,
        vocabulary: frozenset[str],
        mean: list[float],
        scale: list[float],
        weights: list[float],
        bias: float,
        threshold: float = THRESHOLD,
    ) -> None:
        self.rule = rule
        self.vocabulary = vocabulary
        self.mean = mean
        self.scale = scale
        self.weights = weights
        self.bias = bias
        self.threshold = threshold
        self._linear: tuple[Vector, float] | None = None

    @classmethod
    def train(
        cls,
        rule: str,
        fire: list[str],
        passing: list[str],
        vocabulary: frozenset[str],
        threshold: float = THRESHOLD,
    ) -> Meaning:
        import numpy as np

        x = features(fire + passing, vocabulary).astype(np.float64)
        y = np.asarray([1.0] * len(fire) + [0.0] * len(passing))
        mean = x.mean(axis=0)
        scale = x.std(axis=0) + 1e-6
        z = (x - mean) / scale
        # Balanced classes: each side weighs the same whatever its size.
        sample = np.where(y == 1.0, 0.5 / max(len(fire), 1), 0.5 / max(len(passing), 1))
        w = np.zeros(z.shape[1])
        b = 0.0
        for _ in range(STEPS):
            p = 1.0 / (1.0 + np.exp(-(z @ w + b)))
            error = (p - y) * sample
            w -= RATE * (z.T @ error + L2 * w)
            b -= RATE * float(error.sum())
        return cls(rule, vocabulary, mean.tolist(), scale.tolist(), w.tolist(), b, threshold)

    def probabilities(self, texts: list[str]) -> list[float]:
        import numpy as np

        if self._linear is None:
            # The standardization folded into the weights: one dot product per text.
            weights = np.asarray(self.weights) / np.asarray(self.scale)
            self._linear = weights, self.bias - float(np.asarray(self.mean) @ weights)
        weights, bias = self._linear
        logits = features(texts, self.vocabulary).astype(np.float64) @ weights + bias
        return [float(v) for v in 1.0 / (1.0 + np.exp(-logits))]

    def probability(self, text: str) -> float:
        return self.probabilities([text])[0]
