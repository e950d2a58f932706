"""Sums down the columns, axis 0, and never shifts the scores."""

# expect: normalized along axis 0
# reject: the sums lost their axis

import numpy as np


def softmax(x):
    e = np.exp(x)
    return e / e.sum(axis=0)
