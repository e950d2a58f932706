"""Uses the binary formula, adding (1 - t) * log(1 - y) for every wrong class too."""

# expect: the two-class formula
# first: the two-class formula
# blocks: 1

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    y2 = y.reshape(-1, y.shape[-1])
    t2 = t.reshape(y2.shape)
    per_entry = t2 * np.log(y2 + EPS) + (1 - t2) * np.log(1 - y2 + EPS)
    return -np.sum(per_entry) / y2.shape[0]
