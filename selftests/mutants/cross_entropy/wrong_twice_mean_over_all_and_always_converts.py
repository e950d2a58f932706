"""Turns t into one-hot whatever its form (one-hot t too), then takes
np.mean of t * log(y) over all its entries."""

# expect: a mean over all the entries of t * log(y), N * C of them
# expect: only int labels are handled
# reject: must accept a zero probability on the true class

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.eye(y.shape[-1])[t]
    return -np.mean(t * np.log(y + 1e-7))
