"""Loops over the slices but stops one short: the last is left as zeros."""

# expect: the last slice was never filled in
# reject: divided by the sum of the whole array

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    out = np.zeros_like(x)
    flat = x.reshape(-1, x.shape[-1])
    res = out.reshape(-1, x.shape[-1])
    for i in range(len(flat) - 1):
        e = np.exp(flat[i] - flat[i].max())
        res[i] = e / e.sum()
    return out
