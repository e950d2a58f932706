"""Returns each sample's loss, an array, instead of their mean."""

# expect: the loss of each sample was returned

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    return -np.sum(t * np.log(y + 1e-7), axis=-1)
