"""One sample at a time: each sample's gradient, averaged over the batch."""

import numpy as np

from .sigmoid import sigmoid
from .softmax import softmax


def backward(params, x, t):
    w1, b1, w2, b2 = params["w1"], params["b1"], params["w2"], params["b2"]
    t = np.asarray(t)
    n = len(x)
    # float64 sums whatever dtype params has (zeros_like would copy it)
    grads = {key: np.zeros(value.shape) for key, value in params.items()}

    for i in range(n):
        h = sigmoid(x[i] @ w1 + b1)
        probs = softmax(h @ w2 + b2)
        target = t[i] if t.ndim == 2 else np.eye(len(b2))[t[i]]
        dz2 = probs - target
        dz1 = (w2 @ dz2) * h * (1 - h)
        grads["w2"] += np.outer(h, dz2) / n
        grads["b2"] += dz2 / n
        grads["w1"] += np.outer(x[i], dz1) / n
        grads["b1"] += dz1 / n
    return grads
