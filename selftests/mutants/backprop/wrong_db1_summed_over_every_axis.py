"""Sums db1 over every axis, not over the samples only: a single number."""

# expect: the bias gradient sums over the samples only
# reject: keepdims=True

import numpy as np

from .sigmoid import sigmoid
from .softmax import softmax


def backward(params, x, t):
    w1, b1, w2, b2 = params["w1"], params["b1"], params["w2"], params["b2"]
    t = np.asarray(t)
    n = x.shape[0]

    z1 = x @ w1 + b1
    h = sigmoid(z1)
    probs = softmax(h @ w2 + b2)
    if t.shape != probs.shape:
        t = np.eye(probs.shape[1])[t]
    dz2 = (probs - t) / n
    dh = dz2 @ w2.T
    dz1 = dh * h * (1.0 - h)

    return {
        "w1": x.T @ dz1,
        "b1": dz1.sum(),
        "w2": h.T @ dz2,
        "b2": dz2.sum(axis=0),
    }
