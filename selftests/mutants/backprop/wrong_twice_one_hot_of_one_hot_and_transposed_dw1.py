"""Two mistakes at once: a one-hot t passed through one_hot again, and
dw1 = dz1.T @ x, which comes out (H, D)."""

# expect: dw1 is transposed
# expect: t is already one-hot (N, C) here
# reject: an axis too many was kept or added

import numpy as np

from .one_hot import one_hot
from .sigmoid import sigmoid
from .softmax import softmax


def backward(params, x, t):
    w1, b1, w2, b2 = params["w1"], params["b1"], params["w2"], params["b2"]
    n = x.shape[0]
    h = sigmoid(x @ w1 + b1)
    probs = softmax(h @ w2 + b2)
    t = one_hot(t, probs.shape[1])
    dz2 = (probs - t) / n
    dz1 = dz2 @ w2.T * h * (1.0 - h)
    return {
        "w1": dz1.T @ x,
        "b1": dz1.sum(axis=0),
        "w2": h.T @ dz2,
        "b2": dz2.sum(axis=0),
    }
