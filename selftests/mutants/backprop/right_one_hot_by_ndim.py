"""Correct: the exercise's own one_hot, called for int labels only (t.ndim
tells the two forms apart), and every gradient through np.dot."""

import numpy as np

from .one_hot import one_hot
from .sigmoid import sigmoid
from .softmax import softmax


def backward(params, x, t):
    w1, b1, w2, b2 = params["w1"], params["b1"], params["w2"], params["b2"]
    t = np.asarray(t)
    h = sigmoid(np.dot(x, w1) + b1)
    probs = softmax(np.dot(h, w2) + b2)
    target = one_hot(t, len(b2)) if t.ndim == 1 else t

    dz2 = (probs - target) / len(x)
    dz1 = np.dot(dz2, w2.T) * h * (1.0 - h)
    return {
        "w1": np.dot(x.T, dz1),
        "b1": np.sum(dz1, axis=0),
        "w2": np.dot(h.T, dz2),
        "b2": np.sum(dz2, axis=0),
    }
