"""No epsilon: replaces the -inf and nan of log(0) with np.nan_to_num."""

# expect: guard the log with a small epsilon

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.nan_to_num(t * np.log(y))
    return float(-np.mean(np.sum(terms, axis=-1)))
