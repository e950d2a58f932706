"""Runs y through softmax first, as if it held scores."""

# expect: softmax was applied to y
# blocks: 1

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    e = np.exp(y - y.max(axis=-1, keepdims=True))
    p = e / e.sum(axis=-1, keepdims=True)
    return float(np.mean(-np.sum(t * np.log(p + EPS), axis=-1)))
