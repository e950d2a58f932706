"""Shifts each slice by its last score: where an earlier score is far above
the last, its exp overflows."""

# expect: each slice was shifted by its last score
# reject: shifted by its mean

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - x[..., -1:])
    return e / e.sum(axis=-1, keepdims=True)
