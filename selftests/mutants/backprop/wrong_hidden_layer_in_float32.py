"""Computes the hidden layer in float32, to halve its memory: the
gradients come back float64, but right to about 7 digits only."""

# expect: the gradients hold only about 7 correct digits, as many as float32

import numpy as np

from .one_hot import one_hot
from .sigmoid import sigmoid
from .softmax import softmax


def backward(params, x, t):
    w1, b1, w2, b2 = params["w1"], params["b1"], params["w2"], params["b2"]
    t = np.asarray(t)
    n = x.shape[0]

    z1 = x @ w1 + b1
    h = sigmoid(z1.astype(np.float32)).astype(np.float32)  # half the memory
    probs = softmax(h @ w2 + b2)
    if t.shape != probs.shape:
        t = one_hot(t, probs.shape[1])

    # The mean over the batch is where the 1/N comes from; it enters once,
    # here, and flows into every gradient below.
    dz2 = (probs - t) / n
    dh = dz2 @ w2.T
    # sigmoid'(z1) = h * (1 - h): reuse h rather than recompute the sigmoid.
    dz1 = dh * h * (1.0 - h)

    return {
        "w1": x.T @ dz1,
        "b1": dz1.sum(axis=0),
        "w2": h.T @ dz2,
        "b2": dz2.sum(axis=0),
    }
