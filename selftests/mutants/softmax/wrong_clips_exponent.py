"""Shifts by the max and then clips the exponent to [-20, 0] 'to avoid
underflow': small probabilities come out too large."""

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(np.clip(x - x.max(axis=-1, keepdims=True), -20.0, 0.0))
    return e / e.sum(axis=-1, keepdims=True)
