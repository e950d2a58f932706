"""Handles int labels only: a one-hot t of ints indexes y with its 0s and 1s,
N x C picks whose sum is divided by N (a float one-hot t cannot index)."""

# expect: only int labels are handled
# reject: told from its dtype

import numpy as np


def cross_entropy(y, t):
    n = y.shape[0]
    return -np.sum(np.log(y[np.arange(n), t] + 1e-7)) / n
