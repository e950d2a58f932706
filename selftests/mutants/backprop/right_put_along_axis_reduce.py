"""Subtracts 1 at each true class with np.put_along_axis on a copy of probs;
biases summed with np.add.reduce."""

import numpy as np

from .sigmoid import sigmoid
from .softmax import softmax


def backward(params, x, t):
    n = len(x)
    z1 = np.dot(x, params["w1"]) + params["b1"]
    h = sigmoid(z1)
    probs = softmax(np.dot(h, params["w2"]) + params["b2"])
    t = np.asarray(t)
    if t.ndim == 2:
        delta = probs - t
    else:
        delta = probs.copy()
        true = np.take_along_axis(delta, t[:, None], axis=1)
        np.put_along_axis(delta, t[:, None], true - 1.0, axis=1)
    dz2 = delta / n
    dz1 = np.dot(dz2, params["w2"].T) * (h - h * h)
    return {
        "w1": np.dot(x.T, dz1),
        "b1": np.add.reduce(dz1, axis=0),
        "w2": np.dot(h.T, dz2),
        "b2": np.add.reduce(dz2, axis=0),
    }
