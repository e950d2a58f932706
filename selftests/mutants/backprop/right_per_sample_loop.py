"""Accumulates each sample's outer products in a loop, then divides by N."""

import numpy as np

from .sigmoid import sigmoid, sigmoid_grad
from .softmax import softmax


def backward(params, x, t):
    x = np.asarray(x, dtype=np.float64)
    t = np.asarray(t)
    grads = {k: np.zeros_like(v, dtype=np.float64) for k, v in params.items()}
    n = x.shape[0]

    for i in range(n):
        z1 = x[i] @ params["w1"] + params["b1"]
        h = sigmoid(z1)
        probs = softmax(h @ params["w2"] + params["b2"])
        dz2 = probs.copy()
        if t.ndim == 1:
            dz2[int(t[i])] -= 1.0
        else:
            dz2 -= t[i]
        dz1 = (params["w2"] @ dz2) * sigmoid_grad(z1)
        grads["w2"] += np.outer(h, dz2)
        grads["b2"] += dz2
        grads["w1"] += np.outer(x[i], dz1)
        grads["b1"] += dz1

    return {k: g / n for k, g in grads.items()}
