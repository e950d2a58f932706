"""Multiplies dz2 by w2 without transposing it (runs only if H == C)."""

import numpy as np

from .sigmoid import sigmoid
from .softmax import softmax

# expect: w2 was not transposed: dh is dz2 @ w2.T
# reject: check which factor needs a transpose
# first: w2 was not transposed


def backward(params, x, t):
    w1, b1, w2, b2 = params["w1"], params["b1"], params["w2"], params["b2"]
    t = np.asarray(t)
    n = x.shape[0]

    z1 = x @ w1 + b1
    h = sigmoid(z1)
    z2 = h @ w2 + b2
    probs = softmax(z2)
    if t.ndim == 1:
        t = np.eye(probs.shape[1])[t]
    dz2 = (probs - t) / n
    dh = dz2 @ w2
    dz1 = dh * h * (1.0 - h)

    return {
        "w1": x.T @ dz1,
        "b1": dz1.sum(axis=0),
        "w2": h.T @ dz2,
        "b2": dz2.sum(axis=0),
    }
