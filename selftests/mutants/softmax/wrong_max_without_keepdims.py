"""Subtracts x.max(axis=-1) without keepdims: a different shift per column."""

import numpy as np

# expect: the maxima lost their axis
# reject: the scores were not shifted


def softmax(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(x - x.max(axis=-1))
    return e / e.sum(axis=-1, keepdims=True)
