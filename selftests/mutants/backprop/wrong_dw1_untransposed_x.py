"""Multiplies x by dz1 transposed instead of x transposed by dz1."""

import numpy as np

from .one_hot import one_hot
from .sigmoid import sigmoid
from .softmax import softmax

# expect: dw1 is x.T @ dz1
# reject: w2 was not transposed
# first: dw1 is x.T @ dz1
# reject: check which factor needs a transpose
# blocks: 1


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
    dh = dz2 @ w2.T
    dz1 = dh * h * (1.0 - h)
    dw1 = x @ dz1.T

    return {
        "w1": dw1,
        "b1": dz1.sum(axis=0),
        "w2": h.T @ dz2,
        "b2": dz2.sum(axis=0),
    }
