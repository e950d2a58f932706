"""Two mistakes at once: no division by N, and dz1.T @ x, so that dw1
comes out (H, D)."""

# expect: dw1 is transposed
# expect: too large: the loss is a mean over the batch
# reject: came out right only because

import numpy as np

from .sigmoid import sigmoid
from .softmax import softmax


def backward(params, x, t):
    w1, b1, w2, b2 = params["w1"], params["b1"], params["w2"], params["b2"]
    t = np.asarray(t)

    z1 = x @ w1 + b1
    h = sigmoid(z1)
    probs = softmax(h @ w2 + b2)
    if t.shape != probs.shape:
        t = np.eye(probs.shape[1])[t]
    dz2 = probs - t
    dh = dz2 @ w2.T
    dz1 = dh * h * (1.0 - h)

    return {
        "w1": dz1.T @ x,
        "b1": dz1.sum(axis=0),
        "w2": h.T @ dz2,
        "b2": dz2.sum(axis=0),
    }
