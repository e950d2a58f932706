"""Makes every t one-hot with np.eye(C)[t.astype(int)], a one-hot t too:
its entries index rows of the identity, an axis too many."""

# expect: t is already one-hot (N, C) here
# reject: cannot index an array
# blocks: 1

import numpy as np

from .sigmoid import sigmoid
from .softmax import softmax


def backward(params, x, t):
    w1, b1, w2, b2 = params["w1"], params["b1"], params["w2"], params["b2"]
    n = x.shape[0]
    h = sigmoid(x @ w1 + b1)
    probs = softmax(h @ w2 + b2)
    t = np.eye(probs.shape[1])[np.asarray(t, dtype=int)]
    dz2 = (probs - t) / n
    dz1 = dz2 @ w2.T * h * (1.0 - h)
    return {
        "w1": x.T @ dz1,
        "b1": dz1.sum(axis=0),
        "w2": h.T @ dz2,
        "b2": dz2.sum(axis=0),
    }
