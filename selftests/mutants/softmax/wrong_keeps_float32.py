"""Keeps a float input's dtype: float32 scores give float32 probabilities."""

# expect: the result is float32

import numpy as np


def softmax(x):
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
