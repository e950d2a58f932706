"""Takes the log of the mean probability, not the mean of the logs."""

# expect: the log of the mean probability, not the mean of the logs

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    if y.ndim == 1:
        y = y[None, :]
        t = t[None, ...]
    if t.ndim == y.ndim:
        t = t.argmax(axis=-1)
    return float(-np.log(np.mean(y[np.arange(len(y)), t]) + 1e-7))
