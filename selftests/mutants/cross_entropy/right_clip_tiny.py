"""Clips y to [np.finfo(float).tiny, 1]: a zero costs about 708."""

import numpy as np


def cross_entropy(y, t):
    y = np.clip(np.asarray(y, dtype=np.float64), np.finfo(np.float64).tiny, 1.0)
    t = np.asarray(t)
    if t.shape == y.shape:
        t = t.argmax(axis=-1)
    y2 = y.reshape(-1, y.shape[-1])
    t1 = t.reshape(-1)
    return -np.log(y2[np.arange(len(t1)), t1]).mean()
