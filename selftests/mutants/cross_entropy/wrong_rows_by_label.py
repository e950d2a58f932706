"""Picks y[t], whole rows of y chosen by label, instead of one probability
per sample; one-hot t is turned into labels first."""

# expect: y[t] picks whole rows of y
# blocks: 1

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    if t.ndim == y.ndim:
        t = t.argmax(axis=-1)
    if y.ndim == 1:
        return float(-np.log(y[t] + 1e-7))
    return float(-np.mean(np.log(y[t] + 1e-7)))
