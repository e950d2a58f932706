"""Returns from inside the loop: the first sample's loss / N."""

# expect: the return statement is inside the loop

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.ndim == y.ndim:
        t = t.argmax(axis=-1)
    rows = y.reshape(-1, y.shape[-1])
    labels = t.reshape(-1)
    total = 0.0
    for row, k in zip(rows, labels):
        total += -np.log(row[k] + EPS)
        return total / len(rows)
