"""Ignores t: sums log(y) over every entry of the batch, every class of
every sample, and never averages."""

# expect: t is never used
# reject: N x N matrix
# reject: int labels were used as if they were one-hot
# reject: y[t] picks whole rows of y

import numpy as np


def cross_entropy(y, t):
    y = np.clip(np.asarray(y, dtype=float), 1e-7, 1.0)
    return float(-np.sum(np.log(y)))
