"""Handles one-hot targets only: int labels are multiplied in as if one-hot."""

# expect: int labels were used as if they were one-hot

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=float)
    n = y.shape[0] if y.ndim == 2 else 1
    return -np.sum(t * np.log(y + 1e-7)) / n
