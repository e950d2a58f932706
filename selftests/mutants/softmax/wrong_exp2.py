"""Uses np.exp2, powers of 2, where powers of e were meant."""

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp2(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
