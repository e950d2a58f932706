"""Sums t * (log(y) + eps): the epsilon is added after the log, so a zero
probability still gives -inf (and 0 * -inf, nan, on a wrong class)."""

# expect: the epsilon was added after the log, not inside it
# expect: 0 * -inf is nan, and the whole loss is nan
# reject: 0 * log(0) there, which is nan

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    return float(np.mean(-np.sum(t * (np.log(y) + 1e-8), axis=-1)))
