"""A judge's classifier: one hidden layer over its standardized features, trained with numpy.

A logistic regression weighs each feature on its own, so it cannot say "this AND that": a
standard (one meaning) left open (another) fires, either alone does not. One hidden layer of
``HIDDEN`` rectified units can. It is trained by full-batch Adam with decoupled weight decay
from a seeded start, a fixed number of steps: the same weights for the same bank. It is small
enough (a bank of 2,000 phrasings trains in about a second) that a rule pack installed without
stored weights still builds in seconds, and it needs nothing beyond numpy (torch or
scikit-learn would add hundreds of megabytes for forty lines). Chosen on the development part
(tools/thresholds.py's view: recall at precision 0.95, above every healthy answer): 32 units
did as well as 64 and 128 on every judge and better on C110; a decay of 0.3 as well as 0.1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    Vector = np.ndarray[Any, Any]

HIDDEN = 32
STEPS = 300
RATE = 3e-3
DECAY = 0.3
SEED = 0


@dataclass(frozen=True, eq=False)
class Network:
    """The trained layers, over raw (not standardized) features: the standardization is folded
    into the hidden layer, so a score is two products. (Arrays: compared and hashed by
    identity.)"""

    hidden: Vector  # (features, HIDDEN)
    hidden_bias: Vector  # (HIDDEN,)
    output: Vector  # (HIDDEN,)
    output_bias: float

    def __call__(self, x: Vector) -> Vector:
        import numpy as np

        units = np.maximum(x @ self.hidden + self.hidden_bias, 0.0)
        return sigmoid(units @ self.output + self.output_bias)

    def arrays(self) -> dict[str, Vector]:
        """What is stored beside the bank."""
        import numpy as np

        return {
            "hidden": self.hidden, "hidden_bias": self.hidden_bias,
            "output": self.output, "output_bias": np.asarray([self.output_bias]),
        }  # fmt: skip

    @classmethod
    def from_arrays(cls, stored: Any, features: int) -> Network:
        """The layers as stored; a ValueError when their shapes do not fit ``features``."""
        hidden, hidden_bias = stored["hidden"], stored["hidden_bias"]
        output, output_bias = stored["output"], stored["output_bias"]
        if hidden.ndim != 2 or hidden.shape[0] != features:
            raise ValueError("hidden layer")
        units = hidden.shape[1]
        if hidden_bias.shape != (units,) or output.shape != (units,) or output_bias.shape != (1,):
            raise ValueError("output layer")
        return cls(hidden, hidden_bias, output, float(output_bias[0]))


def sigmoid(logits: Vector) -> Vector:
    """The logistic function, for the network and the screen alike."""
    import numpy as np

    far: Vector = np.clip(logits, -60.0, 60.0)  # (no overflow: far is far)
    return 1.0 / (1.0 + np.exp(-far))


def fit_network(z: Vector, y: Vector, sample: Vector, mean: Vector, scale: Vector) -> Network:
    """Train on standardized rows ``z`` (labels ``y``, each row weighing ``sample``), and fold
    the standardization (``mean``, ``scale``) into the result."""
    import numpy as np

    rng = np.random.default_rng(SEED)
    width = z.shape[1]
    params = [
        rng.uniform(-1.0, 1.0, (width, HIDDEN)) / np.sqrt(width),
        np.zeros(HIDDEN),
        rng.uniform(-1.0, 1.0, HIDDEN) / np.sqrt(HIDDEN),
        np.zeros(1),
    ]
    first = [np.zeros_like(p) for p in params]
    second = [np.zeros_like(p) for p in params]
    beta1, beta2 = 0.9, 0.999
    for step in range(1, STEPS + 1):
        before = z @ params[0] + params[1]
        units = np.maximum(before, 0.0)
        p = sigmoid(units @ params[2] + params[3][0])
        error = (p - y) * sample
        back = np.outer(error, params[2]) * (before > 0)
        grads = [z.T @ back, back.sum(axis=0), units.T @ error, np.asarray([error.sum()])]
        for i, grad in enumerate(grads):
            if i in (0, 2):  # (decay on the weights, not the biases)
                params[i] *= 1.0 - RATE * DECAY
            first[i] = beta1 * first[i] + (1 - beta1) * grad
            second[i] = beta2 * second[i] + (1 - beta2) * grad * grad
            moved = first[i] / (1 - beta1**step)
            spread = second[i] / (1 - beta2**step)
            params[i] -= RATE * moved / (np.sqrt(spread) + 1e-8)
    hidden = params[0] / scale[:, None]
    return Network(
        hidden.astype(np.float32),
        (params[1] - mean @ hidden).astype(np.float32),
        params[2].astype(np.float32),
        float(params[3][0]),
    )
