"""Divides the scores by their maximum instead of subtracting it, then
exponentiates: softmax([0.0]) is exp(0 / 0), nan, and other scores change
their softmax."""

# first: the max was divided by, not subtracted
# expect: x - x.max(axis=-1, keepdims=True)
# reject: exp is missing

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    x = x / x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)
