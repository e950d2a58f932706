"""One-hot t is guarded with 1e-7, but int labels with 1e-6: a zero
probability then costs -log(1e-6) = 13.8, which is also -log(1e-12) / 2,
what multiplying 2 x 2 labels in as if one-hot gives."""

# first: the epsilon is too large (1e-06)
# reject: int labels were used as if they were one-hot

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape == y.shape:
        return float(np.mean(-np.sum(t * np.log(y + 1e-7), axis=-1)))
    y2 = y.reshape(-1, y.shape[-1])
    p = y2[np.arange(len(y2)), t.reshape(-1)]
    return float(-np.mean(np.log(p + 1e-6)))
