"""Takes np.mean of t * log(y) over all N * C entries, not over the N samples."""

# expect: a mean over all the entries of t * log(y), N * C of them
# reject: treated as a batch of C

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    return -np.mean(t * np.log(y + 1e-7))
