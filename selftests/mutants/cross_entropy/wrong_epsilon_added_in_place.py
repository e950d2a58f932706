"""Adds the epsilon to y in place, changing the caller's probabilities."""

# expect: changed its argument y in place

import numpy as np


def cross_entropy(y, t):
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    y += 1e-7
    return float(np.mean(-np.sum(t * np.log(y), axis=-1)))
