"""np.choose picks each sample's true-class probability from y's columns."""

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape == y.shape:
        t = np.argmax(t, axis=-1)
    y2 = np.atleast_2d(y)
    p = np.choose(np.atleast_1d(t), y2.T)
    return -np.log(p + 1e-7).mean()
