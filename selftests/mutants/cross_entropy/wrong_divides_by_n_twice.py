"""Takes the mean over the samples, then divides by N once more."""

# expect: divided by N twice
# reject: a mean over all the entries of t * log(y), N * C of them

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    y, t = np.atleast_2d(y), np.atleast_2d(t)
    per_sample = -np.sum(t * np.log(y + 1e-7), axis=-1)
    return float(np.mean(per_sample) / len(y))
