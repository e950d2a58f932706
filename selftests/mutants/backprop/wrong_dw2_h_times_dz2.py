"""Multiplies h by dz2 instead of h transposed by dz2."""

import numpy as np

from .one_hot import one_hot
from .sigmoid import sigmoid
from .softmax import softmax

# expect: dw2 is h.T @ dz2
# reject: w2 was not transposed
# reject: check which factor needs a transpose
# first: dw2 is h.T @ dz2


def backward(params, x, t):
    w1, b1, w2, b2 = params["w1"], params["b1"], params["w2"], params["b2"]
    t = np.asarray(t)
    n = x.shape[0]

    z1 = x @ w1 + b1
    h = sigmoid(z1)
    probs = softmax(h @ w2 + b2)
    if t.shape != probs.shape:
        t = one_hot(t, probs.shape[1])

    dz2 = (probs - t) / n
    dw2 = h @ dz2
    dh = dz2 @ w2.T
    dz1 = dh * h * (1.0 - h)

    return {
        "w1": x.T @ dz1,
        "b1": dz1.sum(axis=0),
        "w2": dw2,
        "b2": dz2.sum(axis=0),
    }
