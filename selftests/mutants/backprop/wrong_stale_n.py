"""Keeps N from the first call in a module global: later batches of
another size are divided by that first N."""

# expect: N, the size of an earlier batch
# reject: dz2 needs a division by N

import numpy as np

from .sigmoid import sigmoid
from .softmax import softmax

BATCH = {}


def backward(params, x, t):
    w1, b1, w2, b2 = params["w1"], params["b1"], params["w2"], params["b2"]
    n = BATCH.setdefault("n", x.shape[0])
    h = sigmoid(x @ w1 + b1)
    probs = softmax(h @ w2 + b2)
    if t.ndim == 1:
        t = np.eye(probs.shape[1])[t]
    dz2 = (probs - t) / n
    dh = dz2 @ w2.T
    dz1 = dh * h * (1 - h)
    return {
        "w1": x.T @ dz1,
        "b1": dz1.sum(axis=0),
        "w2": h.T @ dz2,
        "b2": dz2.sum(axis=0),
    }
