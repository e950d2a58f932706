"""Subtracts 1 at the labelled entries with fancy indexing; one-hot targets are
subtracted whole.
"""

import numpy as np

from .sigmoid import sigmoid
from .softmax import softmax


def backward(params, x, t):
    x = np.asarray(x, dtype=np.float64)
    t = np.asarray(t)
    n = len(x)

    h = sigmoid(x.dot(params["w1"]) + params["b1"])
    dz2 = softmax(h.dot(params["w2"]) + params["b2"])
    if t.ndim == 1:
        dz2[np.arange(n), t] -= 1.0
    else:
        dz2 = dz2 - t
    dz2 = dz2 * (1.0 / n)

    dz1 = dz2.dot(params["w2"].T) * (h - h * h)
    return {
        "w1": x.T.dot(dz1),
        "b1": np.sum(dz1, axis=0),
        "w2": h.T.dot(dz2),
        "b2": np.sum(dz2, axis=0),
    }
