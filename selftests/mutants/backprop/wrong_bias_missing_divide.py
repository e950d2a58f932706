"""Divides the weight gradients by N but sums the raw errors for the biases."""

import numpy as np

from .sigmoid import sigmoid
from .softmax import softmax


def backward(params, x, t):
    w1, b1, w2, b2 = params["w1"], params["b1"], params["w2"], params["b2"]
    t = np.asarray(t)
    n = x.shape[0]
    h = sigmoid(x @ w1 + b1)
    probs = softmax(h @ w2 + b2)
    if t.shape != probs.shape:
        t = np.eye(probs.shape[1])[t]
    err = probs - t
    dz1_raw = (err @ w2.T) * h * (1 - h)
    return {
        "w1": x.T @ dz1_raw / n,
        "b1": dz1_raw.sum(axis=0),
        "w2": h.T @ err / n,
        "b2": err.sum(axis=0),
    }
