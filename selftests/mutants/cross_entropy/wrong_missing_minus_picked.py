"""Picks each sample's probability right, but leaves out the minus sign:
np.mean(np.log(p + EPS)), a negative loss."""

# expect: the minus sign is missing
# blocks: 1

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if y.ndim == 1:
        y = y[None, :]
        t = t[None, ...] if t.ndim == 1 else np.atleast_1d(t)
    if t.shape == y.shape:
        t = t.argmax(axis=1)
    p = y[np.arange(y.shape[0]), t]
    return float(np.mean(np.log(p + EPS)))
