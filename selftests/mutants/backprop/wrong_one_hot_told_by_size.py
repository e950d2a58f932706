"""Takes t for one-hot when it holds as many numbers as probs: with one
class, labels (N,) hold N numbers too, and probs - t broadcasts to (N, N)."""

# expect: either they were used as they are
# reject: C is len(b2)

import numpy as np

from .sigmoid import sigmoid
from .softmax import softmax


def backward(params, x, t):
    w1, b1, w2, b2 = params["w1"], params["b1"], params["w2"], params["b2"]
    n = x.shape[0]
    h = sigmoid(x @ w1 + b1)
    probs = softmax(h @ w2 + b2)
    t = np.asarray(t)
    if t.size != probs.size:
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
