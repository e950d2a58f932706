"""Adds an epsilon to each slice's sum: every slice sums to just under 1."""

# expect: an epsilon added to the sum
# reject: normalized along axis 1
# reject: the scores were not shifted

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / (e.sum(axis=-1, keepdims=True) + 1e-8)
