"""Goes through the softmax with its Jacobian, diag(p) - p p^T, one sample at a
time, from the gradient of -log p of the true class."""

import numpy as np

from .sigmoid import sigmoid
from .softmax import softmax


def backward(params, x, t):
    w1, b1, w2, b2 = params["w1"], params["b1"], params["w2"], params["b2"]
    n = x.shape[0]
    h = sigmoid(x @ w1 + b1)
    probs = softmax(h @ w2 + b2)
    t = np.asarray(t)
    if t.ndim == 1:
        t = np.eye(probs.shape[1])[t]

    dz2 = np.empty_like(probs)
    for i in range(n):
        p = probs[i]
        jacobian = np.diag(p) - np.outer(p, p)
        # d(-sum t log p)/dp = -t / p; only the true class has t != 0.
        dp = np.where(t[i] != 0, -t[i] / np.where(t[i] != 0, p, 1.0), 0.0)
        dz2[i] = jacobian.T @ dp / n
    dz1 = (dz2 @ w2.T) * h * (1.0 - h)
    return {
        "w1": x.T @ dz1,
        "b1": dz1.sum(axis=0),
        "w2": h.T @ dz2,
        "b2": dz2.sum(axis=0),
    }
