"""Ignores t: sums log(y) over each sample's classes, every class counted,
then averages over the samples."""

# expect: t is never used
# reject: N x N matrix
# reject: int labels were used as if they were one-hot
# reject: y[t] picks whole rows of y

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=float)
    return float(-np.mean(np.sum(np.log(y + 1e-7), axis=-1)))
