"""Makes t float64 first: one-hot t works, but int labels, made floats,
cannot index the identity matrix."""

# expect: an array of floats was used as an index
# reject: must be turned into one-hot

import numpy as np

from .sigmoid import sigmoid
from .softmax import softmax


def backward(params, x, t):
    w1, b1, w2, b2 = params["w1"], params["b1"], params["w2"], params["b2"]
    t = np.asarray(t, dtype=np.float64)
    n = x.shape[0]
    h = sigmoid(x @ w1 + b1)
    probs = softmax(h @ w2 + b2)
    if t.shape != probs.shape:
        t = np.eye(probs.shape[1])[t]
    dz2 = (probs - t) / n
    dz1 = dz2 @ w2.T * h * (1.0 - h)
    return {
        "w1": x.T @ dz1,
        "b1": dz1.sum(axis=0),
        "w2": h.T @ dz2,
        "b2": dz2.sum(axis=0),
    }
