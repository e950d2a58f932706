"""Picks with np.take(y, t) and no axis: each label indexes the flattened
y, its first entries, not its own sample's row."""

# expect: np.take(y, t) without an axis picks from the flattened y
# reject: t.argmax() without an axis
# reject: the loss is 1/N of the right one

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape == y.shape:  # one-hot -> labels
        t = t.argmax(axis=-1)
    picked = np.take(y, t)  # probability of the true class
    return float(-np.mean(np.log(picked + EPS)))
