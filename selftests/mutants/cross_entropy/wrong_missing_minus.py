"""Forgets the minus sign: returns the mean log-probability, a negative number."""

# expect: the minus sign is missing
# blocks: 1

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    return np.mean(np.sum(t * np.log(y + 1e-7), axis=-1))
