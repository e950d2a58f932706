"""Decides the form by t.ndim == 1: a one-hot vector for one sample is
taken for labels."""

# expect: a one-hot t of shape (C,) was taken for labels
# reject: t is never used

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    y2 = np.atleast_2d(y)
    if t.ndim <= 1:
        labels = np.atleast_1d(t).astype(int)
        picked = y2[np.arange(len(labels)) % len(y2), labels]
    else:
        picked = np.sum(t * y2, axis=-1)
    return float(np.mean(-np.log(picked + 1e-7)))
