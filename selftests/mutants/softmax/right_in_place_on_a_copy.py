"""Copies x once and works in place on the copy, leaving x untouched."""

import numpy as np


def softmax(x):
    probs = np.array(x, dtype=np.float64, copy=True)
    probs -= probs.max(axis=-1, keepdims=True)
    np.exp(probs, out=probs)
    probs /= probs.sum(axis=-1, keepdims=True)
    return probs
