"""Decides the target form from its dtype: an int one-hot array is taken for labels."""

# expect: told from its dtype
# blocks: 1

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    y2 = y.reshape(-1, y.shape[-1])
    if t.dtype.kind == "f":
        return -np.sum(t.reshape(y2.shape) * np.log(y2 + EPS)) / y2.shape[0]
    picked = y2[np.arange(y2.shape[0]), t.reshape(-1)] if t.ndim <= 1 else y2[0, 0]
    return -np.mean(np.log(picked + EPS))
