"""Adds each row's maximum where it must be subtracted."""

# expect: the maximum was added, not subtracted
# reject: the scores were not shifted
# reject: shifted by its minimum

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x + x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
