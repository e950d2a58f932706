"""Returns a shape-(1,) array: np.mean with keepdims on a 2-D batch."""

import numpy as np


def cross_entropy(y, t):
    y = np.atleast_2d(np.asarray(y, dtype=np.float64))
    t = np.asarray(t)
    if t.shape != y.shape and t.ndim < 2 and t.size != y.size:
        t = np.eye(y.shape[-1])[np.atleast_1d(t)]
    t = t.reshape(y.shape)
    per = -np.sum(t * np.log(y + 1e-7), axis=-1)
    return np.mean(per, keepdims=True).reshape(1)
