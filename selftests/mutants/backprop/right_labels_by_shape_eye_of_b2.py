"""Tells labels from one-hot by comparing t's shape with probs', and makes
labels one-hot with np.eye(len(b2)); N read from x at every call."""

import numpy as np

from .sigmoid import sigmoid
from .softmax import softmax


def backward(params, x, t):
    w1, b1, w2, b2 = params["w1"], params["b1"], params["w2"], params["b2"]
    h = sigmoid(x @ w1 + b1)
    probs = softmax(h @ w2 + b2)
    t = np.asarray(t)
    if t.shape != probs.shape:
        t = np.eye(len(b2))[t]
    dz2 = (probs - t) / len(x)
    dz1 = dz2 @ w2.T * h * (1.0 - h)
    return {
        "w1": x.T @ dz1,
        "b1": np.sum(dz1, axis=0),
        "w2": h.T @ dz2,
        "b2": np.sum(dz2, axis=0),
    }
