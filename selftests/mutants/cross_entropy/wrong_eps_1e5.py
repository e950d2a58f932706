"""np.clip(y, 1e-5, 1)."""

# expect: the epsilon is too large (1e-05)

import numpy as np


def cross_entropy(y, t):
    y = np.clip(np.asarray(y, dtype=np.float64), 1e-5, 1.0)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    return float(np.mean(-np.sum(t * np.log(y), axis=-1)))
