"""t.argmax() without an axis: one flat index for the whole batch."""

# expect: t.argmax() without an axis
# reject: divided by N twice

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape == y.shape:
        t = t.argmax()
    if y.ndim == 1:
        return float(-np.log(y[t] + 1e-7))
    n = y.shape[0]
    return float(-np.sum(np.log(y[np.arange(n), t] + 1e-7)) / n)
