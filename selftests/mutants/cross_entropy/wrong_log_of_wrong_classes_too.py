"""Adds (1 - t) * log(1 - y) for the wrong classes, the two-class form."""

# expect: the two-class formula

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.ndim != y.ndim:
        t = np.eye(y.shape[-1])[t]
    y2 = y.reshape(-1, y.shape[-1])
    t2 = t.reshape(y2.shape)
    # binary-style: penalise the wrong classes as well
    loss = -(t2 * np.log(y2 + EPS) + (1 - t2) * np.log(1 - y2 + EPS))
    return float(np.mean(np.sum(loss, axis=1)))
