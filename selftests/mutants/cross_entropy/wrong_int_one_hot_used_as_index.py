"""Indexes y with t whenever t holds ints, an int one-hot t included."""

# expect: told from its dtype
# blocks: 1
# reject: N x N matrix

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if y.ndim == 1:
        y, t = y[None, :], t.reshape(1, *t.shape)
    n = y.shape[0]
    if t.dtype.kind in "iu":
        return -np.mean(np.log(y[np.arange(n), t] + 1e-7))
    return -np.sum(t * np.log(y + 1e-7)) / n
