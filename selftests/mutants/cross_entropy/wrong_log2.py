"""np.log2: the loss in bits, not in nats."""

# expect: np.log2 instead of np.log
# blocks: 1

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    return float(np.mean(-np.sum(t * np.log2(y + EPS), axis=-1)))
