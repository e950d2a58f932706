"""Uses np.log10 where the natural logarithm is meant."""

# expect: np.log10 instead of np.log

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    return float(np.mean(-np.sum(t * np.log10(y + 1e-7), axis=-1)))
