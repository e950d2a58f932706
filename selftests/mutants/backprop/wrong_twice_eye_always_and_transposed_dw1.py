"""Two mistakes at once: np.eye(C)[t] whatever t is (a one-hot t of floats
cannot index), and dw1 = dz1.T @ x, which comes out (H, D)."""

# expect: dw1 is transposed
# expect: only int labels (N,) were handled

import numpy as np

from .sigmoid import sigmoid
from .softmax import softmax


def backward(params, x, t):
    w1, b1, w2, b2 = params["w1"], params["b1"], params["w2"], params["b2"]
    n = x.shape[0]
    h = sigmoid(x @ w1 + b1)
    probs = softmax(h @ w2 + b2)
    t = np.eye(probs.shape[1])[t]
    dz2 = (probs - t) / n
    dz1 = dz2 @ w2.T * h * (1.0 - h)
    return {
        "w1": dz1.T @ x,
        "b1": dz1.sum(axis=0),
        "w2": h.T @ dz2,
        "b2": dz2.sum(axis=0),
    }
