"""Tells labels from one-hot by t.dtype == int, which holds for int64
alone: int32 labels are taken for one-hot, and probs - t no longer fits."""

# expect: labels told from one-hot by dtype == int: int32 labels are not int64

import numpy as np

from .sigmoid import sigmoid
from .softmax import softmax


def backward(params, x, t):
    w1, b1, w2, b2 = params["w1"], params["b1"], params["w2"], params["b2"]
    n = x.shape[0]
    h = sigmoid(x @ w1 + b1)
    probs = softmax(h @ w2 + b2)
    if t.dtype == int:
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
