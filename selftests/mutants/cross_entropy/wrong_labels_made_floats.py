"""Makes t float64 first: one-hot t works, but int labels, made floats,
cannot index y."""

# expect: an array of floats was used as an index
# reject: int labels were used as if they were one-hot

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    if t.shape == y.shape:
        return float(np.mean(-np.sum(t * np.log(y + 1e-7), axis=-1)))
    y2 = y.reshape(-1, y.shape[-1])
    t = t.reshape(-1)
    return float(-np.mean(np.log(y2[np.arange(len(y2)), t] + 1e-7)))
