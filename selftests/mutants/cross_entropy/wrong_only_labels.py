"""Handles int labels only: a one-hot t is used as an index."""

# expect: only int labels are handled

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=float).reshape(-1, np.shape(y)[-1])
    labels = np.atleast_1d(t)
    return -np.mean(np.log(y[np.arange(len(labels)), labels] + 1e-7))
