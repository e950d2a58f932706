"""np.clip(y, 1e-6, 1): a floor ten times the largest allowed epsilon."""

# expect: the epsilon is too large (1e-06)

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    return float(np.mean(-np.sum(t * np.log(np.clip(y, 1e-6, 1)), axis=-1)))
