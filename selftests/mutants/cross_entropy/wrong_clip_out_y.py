"""Clips y in place with np.clip(..., out=y), changing the caller's array."""

# expect: out=y
# reject: x -= ...

import numpy as np


def cross_entropy(y, t):
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    np.clip(y, 1e-7, 1.0, out=y)
    return float(np.mean(-np.sum(t * np.log(y), axis=-1)))
