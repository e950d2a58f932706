"""Clips every probability into [1e-7, 1] to keep a later log finite."""

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return np.clip(e / e.sum(axis=-1, keepdims=True), 1e-7, 1.0)
