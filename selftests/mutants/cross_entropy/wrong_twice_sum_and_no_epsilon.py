"""Two mistakes at once: adds up the samples' losses instead of taking
their mean, and takes the log unguarded."""

# expect: the sum over the samples, not the mean
# expect: log(0) is -inf
# also: 0 * log(0) there, which is nan

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    return -np.sum(t * np.log(y))
