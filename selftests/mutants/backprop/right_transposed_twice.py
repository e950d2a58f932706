"""Correct: the weight gradients worked out transposed, (dz.T @ input),
then transposed back to their parameters' shapes."""

import numpy as np

from .sigmoid import sigmoid
from .softmax import softmax


def backward(params, x, t):
    w1, b1, w2, b2 = params["w1"], params["b1"], params["w2"], params["b2"]
    t = np.asarray(t)
    h = sigmoid(x @ w1 + b1)
    probs = softmax(h @ w2 + b2)
    if t.ndim == 1:
        t = np.eye(len(b2))[t]

    dz2 = (probs - t) / x.shape[0]
    dz1 = (dz2 @ w2.T) * h * (1.0 - h)
    dw1_t = dz1.T @ x
    dw2_t = dz2.T @ h
    return {"w1": dw1_t.T, "b1": dz1.sum(0), "w2": dw2_t.T, "b2": dz2.sum(0)}
