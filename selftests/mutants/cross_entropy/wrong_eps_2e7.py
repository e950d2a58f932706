"""np.clip(y, 2e-7, 1): an epsilon above the documented 1e-7."""

# expect: the epsilon is too large (2e-07)

import numpy as np


def cross_entropy(y, t):
    y = np.clip(np.asarray(y, dtype=np.float64), 2e-7, 1.0)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    return float(np.mean(-np.sum(t * np.log(y), axis=-1)))
