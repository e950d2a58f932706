"""Ignores t: the mean of log(y) over every entry, whatever the labels."""

# expect: t is never used
# reject: N x N matrix
# reject: int labels were used as if they were one-hot
# reject: y[t] picks whole rows of y

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=float)
    return -np.mean(np.log(y + 1e-7))
