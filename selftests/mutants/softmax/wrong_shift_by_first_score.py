"""Shifts each slice by its first score, not by its maximum."""

# expect: shifted by its first score
# reject: shifted by its minimum

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - x[..., :1])
    return e / e.sum(axis=-1, keepdims=True)
